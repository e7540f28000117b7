using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Skn.Domain.Storage;
using Skn.V1;

namespace Skn.Node.Transport;

/// <summary>Maps store records to the contract's messages. Content is included only where asked.</summary>
internal static class EnvelopeMapping
{
    public static Envelope ToEnvelope(this EnvelopeRecord record, ReadOnlyMemory<byte>? sealedContent = null)
    {
        var envelope = new Envelope
        {
            MessageId = record.MessageId,
            Type = record.Type,
            SenderOin = record.SenderOin,
            RecipientOin = record.RecipientOin,
            ConversationId = record.ConversationId,
            InReplyTo = record.InReplyTo,
            DefinitionVersion = record.DefinitionVersion,
            RequestId = record.RequestId,
            SendTime = Timestamp.FromDateTimeOffset(record.SendTime),
            ExpireTime = Timestamp.FromDateTimeOffset(record.ExpireTime),
            State = record.State,
            ExtensionDays = record.ExtensionDays,
            SealedContentSize = record.SealedContentSize,
        };
        if (record.ReplyDueDate is { } due)
        {
            envelope.ReplyDueDate = new Date { Year = due.Year, Month = due.Month, Day = due.Day };
        }

        if (record.LeaseExpireTime is { } lease && record.State == EnvelopeState.Delivered)
        {
            envelope.LeaseExpireTime = Timestamp.FromDateTimeOffset(lease);
        }

        if (sealedContent is { } content)
        {
            envelope.SealedContent = UnsafeByteOperations.UnsafeWrap(content);
        }

        return envelope;
    }

    public static TrailEntry ToTrailEntry(this EnvelopeRecord record)
    {
        var entry = new TrailEntry { Envelope = record.ToEnvelope(), DeliveryAttempts = record.Attempts };
        if (record.FirstDeliveryTime is { } first)
        {
            entry.FirstDeliveryTime = Timestamp.FromDateTimeOffset(first);
        }

        if (record.OutcomeTime is { } outcome)
        {
            entry.OutcomeTime = Timestamp.FromDateTimeOffset(outcome);
        }

        return entry;
    }
}
