using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Skn.V1;

namespace Skn.Reliability.Tests.Fuzz;

/// <summary>
/// One generated Send from the Gemeente (an SHV), with the answer the contract's rules predict,
/// worked out independently of the node: shape problems first (all of them, by field), then the
/// sender's role, the recipient, and the answer rules. Each field is picked from a list of variants
/// by an index, so FsCheck shrinks a failure towards index 0, the valid variant of every field.
/// </summary>
public sealed record SendCase(
    Envelope Envelope,
    byte[]? InvalidUtf8MessageId,
    StatusCode Expected,
    IReadOnlySet<string> BadFields,
    string Description)
{
    public const string Sender = Demo.Gemeente;

    /// <summary>How many indices <see cref="From"/> reads.</summary>
    public const int Choices = 14;

    private static readonly int Limit = FuzzNode.MaxSealedContentBytes;

    /// <summary>gRPC's own limit: the content limit plus 64 KiB of envelope (NodeHostingExtensions).</summary>
    private static readonly int TransportLimit = Limit + (64 * 1024);

    private static readonly (string Value, bool Valid)[] MessageIds =
    [
        ("{uuid}", true), ("{UUID}", false), ("", false), ("{uuid-n}", false), ("{uuid}x", false), ("ünïcödé-{uuid-n}", false), ("{invalid-utf8}", false),
    ];

    // Types an SHV sends that answer nothing, then an SHV answer (Heroverweging), then SE-only types, then undefined numbers.
    private static readonly int[] Types = [4, 1, 7, 11, 12, 8, 2, 3, 5, 6, 9, 10, 0, 13, 999, -1];

    private static readonly (string Value, bool Valid)[] Recipients =
    [
        (Demo.Woonstichting, true), (Demo.EnergieNoord, true), (Demo.Belasting, true), (Demo.Suspended, true), (Demo.Kredietbank, true),
        ("00000099000000000999", true), (Demo.Gemeente, false), ("123", false), ("0000009900000000020A", false), ("", false), (new string('9', 21), false),
    ];

    private static readonly (string Value, bool Valid)[] SenderOins = [("", true), (Demo.Gemeente, true), (Demo.Kredietbank, false), ("x", false)];

    private static readonly (string Value, bool Valid)[] ConversationIds = [("{uuid}", true), ("", true), ("dossier-1", false), ("{UUID}", false)];

    private static readonly (string Value, bool Valid)[] InReplyTos = [("", true), ("{uuid}", true), ("not-an-id", false), ("{UUID}", false)];

    private static readonly (string Value, bool Valid)[] Versions = [("1.0", true), ("", true), ("12.3456", true), ("1", false), ("1.0.0", false), ("a.b", false), ("12345.1", false)];

    private static readonly (string Value, bool Valid)[] RequestIds =
    [
        ("", true), ("rq-{uuid-n}", true), ("{uuid-n}{uuid-n}", true), ("{uuid-n}{uuid-n}x", false), ("has space {uuid-n}", false), ("é-{uuid-n}", false), ("\u0001{uuid-n}", false),
    ];

    private static readonly int[] ContentSizes = [1000, 1, Limit, 0, Limit + 1, Limit + (30 * 1024), TransportLimit + (100 * 1024)];

    // Output-only timestamps the node must ignore, also out of range: past year 9999, before year 1, negative nanos.
    private static readonly Timestamp?[] OutputTimes =
    [
        null, new() { Seconds = 253_402_300_800 }, new() { Seconds = -62_135_596_801 }, new() { Seconds = 1, Nanos = -1 }, new() { Seconds = long.MaxValue, Nanos = int.MaxValue },
    ];

    public static SendCase From(int[] choices)
    {
        int Pick(int slot, int count) => (int)((uint)choices[slot] % (uint)count);
        var uuid = Guid.NewGuid();
        string Fill(string template) => template
            .Replace("{uuid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
            .Replace("{UUID}", Guid.NewGuid().ToString().ToUpperInvariant(), StringComparison.Ordinal)
            .Replace("{uuid-n}", Guid.NewGuid().ToString("N"), StringComparison.Ordinal);

        var messageId = MessageIds[Pick(0, MessageIds.Length)];
        var type = Types[Pick(1, Types.Length)];
        var recipient = Recipients[Pick(2, Recipients.Length)];
        var senderOin = SenderOins[Pick(3, SenderOins.Length)];
        var conversation = ConversationIds[Pick(4, ConversationIds.Length)];
        var inReplyTo = InReplyTos[Pick(5, InReplyTos.Length)];
        var version = Versions[Pick(6, Versions.Length)];
        var requestId = RequestIds[Pick(7, RequestIds.Length)];
        var size = ContentSizes[Pick(8, ContentSizes.Length)];
        var envelope = new Envelope
        {
            MessageId = messageId.Value == "{invalid-utf8}" ? uuid.ToString() : Fill(messageId.Value),
            Type = (BerichtType)type,
            RecipientOin = recipient.Value,
            SenderOin = senderOin.Value,
            ConversationId = Fill(conversation.Value),
            InReplyTo = Fill(inReplyTo.Value),
            DefinitionVersion = version.Value,
            RequestId = Fill(requestId.Value),
            SealedContent = ByteString.CopyFrom(new byte[size]),
            SendTime = OutputTimes[Pick(9, OutputTimes.Length)],
            ExpireTime = OutputTimes[Pick(10, OutputTimes.Length)],
            LeaseExpireTime = OutputTimes[Pick(11, OutputTimes.Length)],
            State = (EnvelopeState)(choices[12] % 7),
            SealedContentSize = choices[13] % 3 == 0 ? -1 : size,
        };

        var bad = new HashSet<string>(StringComparer.Ordinal);
        void Check(bool valid, string field)
        {
            if (!valid)
            {
                bad.Add("envelope." + field);
            }
        }

        Check(messageId.Valid, "message_id");
        Check(type is >= 1 and <= 12, "type");
        Check(recipient.Valid, "recipient_oin");
        Check(senderOin.Valid, "sender_oin");
        Check(conversation.Valid, "conversation_id");
        Check(inReplyTo.Valid, "in_reply_to");
        Check(version.Valid, "definition_version");
        Check(requestId.Valid, "request_id");
        Check(size is > 0 && size <= Limit, "sealed_content");

        var invalidUtf8 = messageId.Value == "{invalid-utf8}" ? new byte[] { 0x61, 0xC3, 0x28, 0xFF } : null;
        var expected = Predict(envelope, bad, size, invalidUtf8 is not null);
        var description = $"message_id {messageId.Value}, type {type}, recipient '{recipient.Value}', sender_oin '{senderOin.Value}', conversation '{conversation.Value}', " +
                          $"in_reply_to '{inReplyTo.Value}', version '{version.Value}', request_id '{requestId.Value}', content {size} bytes";
        return new SendCase(envelope, invalidUtf8, expected, bad, description);
    }

    /// <summary>The request as sent: the envelope, with the message id replaced by invalid UTF-8 when the case says so (the last value of a field wins in protobuf).</summary>
    public byte[] ToBytes()
    {
        var envelope = Envelope.ToByteArray();
        if (InvalidUtf8MessageId is { } raw)
        {
            envelope = [.. envelope, .. Mutator.RawField(Envelope.MessageIdFieldNumber, raw)];
        }

        return Mutator.RawField(SendRequest.EnvelopeFieldNumber, envelope);
    }

    private static StatusCode Predict(Envelope envelope, HashSet<string> bad, int size, bool invalidUtf8)
    {
        if (size + 1024 > TransportLimit)
        {
            return StatusCode.ResourceExhausted;
        }

        if (invalidUtf8 || bad.Count > 0)
        {
            return StatusCode.InvalidArgument;
        }

        var type = (int)envelope.Type;
        if (type is 2 or 3 or 5 or 6 or 9 or 10)
        {
            return StatusCode.PermissionDenied;
        }

        if (envelope.RecipientOin == "00000099000000000999")
        {
            return StatusCode.NotFound;
        }

        if (envelope.RecipientOin is Demo.Suspended or Demo.Kredietbank)
        {
            return StatusCode.FailedPrecondition;
        }

        if (type == 8)
        {
            // Heroverweging answers a BetaalvoorstelAntwoordNietAkkoord: none exists with a random id.
            return envelope.InReplyTo.Length == 0 ? StatusCode.InvalidArgument : StatusCode.NotFound;
        }

        return envelope.InReplyTo.Length > 0 || envelope.ConversationId.Length == 0 ? StatusCode.InvalidArgument : StatusCode.OK;
    }
}
