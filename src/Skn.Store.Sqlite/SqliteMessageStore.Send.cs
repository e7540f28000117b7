using System.Runtime.InteropServices;
using Skn.Domain.Storage;
using Skn.Store.Sqlite.Internal;
using Skn.V1;
using SendResult = Skn.Domain.Storage.SendResult;

namespace Skn.Store.Sqlite;

public sealed partial class SqliteMessageStore
{
    /// <inheritdoc />
    public Task<SendResult> SendAsync(NewEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentException.ThrowIfNullOrEmpty(envelope.MessageId, nameof(envelope));
        ArgumentException.ThrowIfNullOrEmpty(envelope.SenderOin, nameof(envelope));
        ArgumentException.ThrowIfNullOrEmpty(envelope.RecipientOin, nameof(envelope));

        // Everything that needs no database is done here, off the writer.
        var record = new EnvelopeRecord
        {
            Sequence = 0,
            MessageId = envelope.MessageId,
            Type = envelope.Type,
            SenderOin = envelope.SenderOin,
            RecipientOin = envelope.RecipientOin,
            ConversationId = envelope.ConversationId ?? "",
            InReplyTo = envelope.InReplyTo ?? "",
            DefinitionVersion = envelope.DefinitionVersion ?? "",
            RequestId = string.IsNullOrEmpty(envelope.RequestId) ? envelope.MessageId : envelope.RequestId,
            SendTime = EnvelopeReader.Truncate(envelope.SendTime),
            ExpireTime = EnvelopeReader.Truncate(envelope.ExpireTime),
            ReplyDueDate = envelope.ReplyDueDate,
            State = EnvelopeState.Pending,
            Attempts = 0,
            ExtensionDays = 0,
            SealedContentSize = envelope.SealedContent.Length,
        };
        var body = MemoryMarshal.TryGetArray(envelope.SealedContent, out var segment)
                   && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : envelope.SealedContent.ToArray();

        return _writer.SubmitAsync(context => Send(context, record, body), cancellationToken, MapSendFailure);
    }

    private SendResult Send(WriterContext context, EnvelopeRecord record, byte[] body)
    {
        var first = EnvelopeReader.ReadSingle(context.Command(Sql.FindByRequestId)
            .Bind("$sender_oin", record.SenderOin)
            .Bind("$request_id", record.RequestId));
        if (first is not null)
        {
            return new SendResult(first, SendOutcome.Duplicate);
        }

        var holder = EnvelopeReader.ReadSingle(context.Command(Sql.FindByMessageId).Bind("$message_id", record.MessageId));
        if (holder is not null)
        {
            // Another sender's envelope is none of this sender's business.
            return new SendResult(holder.SenderOin == record.SenderOin ? holder : null, SendOutcome.MessageIdInUse);
        }

        // After the duplicate checks: a retry of a send that was stored is answered even when the
        // sender is at its limit now.
        if (ExceedsSenderLimit(record.SenderOin, record.SealedContentSize))
        {
            return new SendResult(null, SendOutcome.SenderPendingLimitReached);
        }

        context.UseSendLimit(true);
        try
        {
            var sequence = context.Command(Sql.InsertEnvelope)
                .Bind("$message_id", record.MessageId)
                .Bind("$type", (int)record.Type)
                .Bind("$sender_oin", record.SenderOin)
                .Bind("$recipient_oin", record.RecipientOin)
                .Bind("$conversation_id", record.ConversationId)
                .Bind("$in_reply_to", record.InReplyTo)
                .Bind("$definition_version", record.DefinitionVersion)
                .Bind("$request_id", record.RequestId)
                .Bind("$send_time", EnvelopeReader.ToMilliseconds(record.SendTime))
                .Bind("$expire_time", EnvelopeReader.ToMilliseconds(record.ExpireTime))
                .Bind("$reply_due_date", EnvelopeReader.FormatDate(record.ReplyDueDate))
                .Bind("$content_size", record.SealedContentSize)
                .ScalarInt64()!.Value;
            context.Command(Sql.InsertContent)
                .Bind("$sequence", sequence)
                .Bind("$body", body)
                .ExecuteNonQuery();
            _pending.Add(record.RecipientOin, record.SenderOin, record.SealedContentSize, context);
            context.SendStored = true;
            return new SendResult(record with { Sequence = sequence }, SendOutcome.Stored);
        }
        finally
        {
            context.UseSendLimit(false);
        }
    }

    private bool ExceedsSenderLimit(string senderOin, long contentSize)
    {
        if (_options.MaxPendingEnvelopesPerSender is null && _options.MaxPendingBytesPerSender is null)
        {
            return false;
        }

        // The ledger already counts the sends committed earlier in this batch (the writer adds them
        // as it goes), so a batch of concurrent sends cannot pass the limit together.
        var waiting = _pending.ForSender(senderOin);
        return waiting.Count + 1 > _options.MaxPendingEnvelopesPerSender
               || waiting.Bytes + contentSize > _options.MaxPendingBytesPerSender;
    }

    private Exception MapSendFailure(Exception exception)
    {
        if (!SqliteErrors.IsFull(exception))
        {
            return exception;
        }

        Log.StoreFull(_logger, DatabasePath);
        return new StoreFullException(
            "The node's storage is full: the envelope was not stored. Space comes free as recipients acknowledge " +
            "and envelopes expire.",
            exception);
    }
}
