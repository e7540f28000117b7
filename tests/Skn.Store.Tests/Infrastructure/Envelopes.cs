using System.Text;
using Skn.Domain.Storage;
using Skn.V1;

namespace Skn.Store.Tests.Infrastructure;

/// <summary>Participants, times and envelopes for the tests.</summary>
internal static class Envelopes
{
    public const string Shv = "00000001000000000001";
    public const string Se1 = "00000001000000000002";
    public const string Se2 = "00000001000000000003";

    /// <summary>A Monday morning, the tests' "now".</summary>
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static NewEnvelope New(
        string sender = Shv,
        string recipient = Se1,
        BerichtType type = BerichtType.Saldoverzoek,
        string? messageId = null,
        string? requestId = null,
        DateTimeOffset? sendTime = null,
        DateTimeOffset? expireTime = null,
        byte[]? body = null,
        string? conversationId = null,
        DateOnly? replyDueDate = null)
    {
        messageId ??= Guid.NewGuid().ToString();
        var sent = sendTime ?? T0;
        return new NewEnvelope
        {
            MessageId = messageId,
            Type = type,
            SenderOin = sender,
            RecipientOin = recipient,
            ConversationId = conversationId ?? "c0ffee00-0000-4000-8000-000000000001",
            InReplyTo = "",
            DefinitionVersion = "1.0",
            RequestId = requestId ?? messageId,
            SendTime = sent,
            ExpireTime = expireTime ?? sent.AddDays(7),
            ReplyDueDate = replyDueDate,
            SealedContent = body ?? Encoding.ASCII.GetBytes("sealed:" + messageId),
        };
    }

    /// <summary>A distinctive 64-byte marker, different in every call.</summary>
    public static byte[] Marker()
    {
        var text = "SKN-BODY-MARKER-" + Guid.NewGuid().ToString("N") + "-END-OF-MARKER";
        var bytes = Encoding.ASCII.GetBytes(text.PadRight(64, '#'));
        Assert.Equal(64, bytes.Length);
        return bytes;
    }

    /// <summary>A body of <paramref name="size"/> bytes with the marker at its start, middle and end.</summary>
    public static byte[] BodyWith(byte[] marker, int size)
    {
        var body = new byte[size];
        for (var i = 0; i < size; i++)
        {
            body[i] = (byte)(i * 31 % 251);
        }

        marker.CopyTo(body, 0);
        marker.CopyTo(body, size / 2);
        marker.CopyTo(body, size - marker.Length);
        return body;
    }

    public static LeaseRequest Lease(
        string recipient, int maxCount = 100, DateTimeOffset? now = null, TimeSpan? leaseFor = null, params BerichtType[] types)
    {
        var at = now ?? T0;
        return new LeaseRequest
        {
            RecipientOin = recipient,
            MaxCount = maxCount,
            Types = types,
            Now = at,
            LeaseUntil = at + (leaseFor ?? TimeSpan.FromSeconds(30)),
        };
    }
}
