using Skn.Domain.Storage;
using Skn.Store.Sqlite.Internal;
using Skn.V1;
using AcknowledgeResult = Skn.Domain.Storage.AcknowledgeResult;

namespace Skn.Store.Sqlite;

public sealed partial class SqliteMessageStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<AcknowledgeResult>> AcknowledgeAsync(
        string recipientOin, IReadOnlyList<DeliveryRef> deliveries, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(recipientOin);
        ArgumentNullException.ThrowIfNull(deliveries);
        if (deliveries.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<AcknowledgeResult>>([]);
        }

        var copy = deliveries.ToArray();
        var nowMs = EnvelopeReader.ToMilliseconds(now);
        return _writer.SubmitAsync(context => Acknowledge(context, recipientOin, copy, nowMs), cancellationToken);
    }

    private static IReadOnlyList<AcknowledgeResult> Acknowledge(
        WriterContext context, string recipient, DeliveryRef[] deliveries, long now)
    {
        var find = context.Command(Sql.SelectForRecipient).Bind("$recipient_oin", recipient);
        var deleteContent = context.Command(Sql.DeleteContent);
        var markAcknowledged = context.Command(Sql.MarkAcknowledged).Bind("$now", now);
        var results = new AcknowledgeResult[deliveries.Length];
        for (var i = 0; i < deliveries.Length; i++)
        {
            var delivery = deliveries[i];
            long sequence;
            EnvelopeState state;
            int attempts;
            using (var reader = find.Bind("$message_id", delivery.MessageId).ExecuteReader())
            {
                if (!reader.Read())
                {
                    results[i] = new AcknowledgeResult(delivery, AcknowledgeOutcome.NotFound);
                    continue;
                }

                sequence = reader.GetInt64(0);
                state = (EnvelopeState)reader.GetInt32(1);
                attempts = reader.GetInt32(2);
            }

            var outcome = state switch
            {
                // The acknowledged delivery is the last one made: attempts did not move since.
                EnvelopeState.Acknowledged => delivery.Attempt == attempts
                    ? AcknowledgeOutcome.AlreadyAcknowledged
                    : AcknowledgeOutcome.Superseded,
                EnvelopeState.Expired => AcknowledgeOutcome.Expired,
                // Never delivered: there is no delivery to acknowledge.
                EnvelopeState.Pending => AcknowledgeOutcome.NotFound,
                _ when delivery.Attempt != attempts => AcknowledgeOutcome.Superseded,
                _ => AcknowledgeOutcome.Acknowledged,
            };

            if (outcome == AcknowledgeOutcome.Acknowledged)
            {
                deleteContent.Bind("$sequence", sequence).ExecuteNonQuery();
                markAcknowledged.Bind("$sequence", sequence).ExecuteNonQuery();
            }

            results[i] = new AcknowledgeResult(delivery, outcome);
        }

        return results;
    }
}
