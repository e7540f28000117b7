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

    private IReadOnlyList<AcknowledgeResult> Acknowledge(
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

            var leased = _leases.TryGet(sequence, out var lease);
            var outcome = state switch
            {
                // The acknowledged delivery is the last one made: attempts did not move since.
                EnvelopeState.Acknowledged => delivery.Attempt == attempts
                    ? AcknowledgeOutcome.AlreadyAcknowledged
                    : AcknowledgeOutcome.Superseded,
                EnvelopeState.Expired => AcknowledgeOutcome.Expired,
                _ when leased => delivery.Attempt == lease.Attempt && delivery.Epoch == _leases.Epoch
                    ? AcknowledgeOutcome.Acknowledged
                    : AcknowledgeOutcome.Superseded,
                _ => AcknowledgeUnleased(delivery, attempts),
            };

            var type = BerichtType.Unspecified;
            if (outcome == AcknowledgeOutcome.Acknowledged)
            {
                deleteContent.Bind("$sequence", sequence).ExecuteNonQuery();
                using (var marked = markAcknowledged
                           .Bind("$sequence", sequence)
                           .Bind("$attempt", delivery.Attempt)
                           .Bind("$first_delivery", leased ? lease.LeasedAt : now)
                           .ExecuteReader())
                {
                    marked.Read();
                    type = (BerichtType)marked.GetInt32(0);
                    _pending.Remove(recipient, marked.GetString(1), marked.GetInt64(2), context);
                }

                _leases.Remove(sequence, context);
            }

            results[i] = new AcknowledgeResult(delivery, outcome) { Type = type };
        }

        return results;
    }

    /// <summary>
    /// An acknowledgement of an envelope nobody holds now. The last recorded delivery may still be
    /// acknowledged late (its fetcher went away after processing it), and so may the one delivery
    /// of an earlier run that was in flight when the node stopped: it was never recorded, so it is
    /// one past the recorded attempts and carries another epoch. An older attempt was superseded;
    /// anything else was never delivered.
    /// </summary>
    private AcknowledgeOutcome AcknowledgeUnleased(DeliveryRef delivery, int attempts) =>
        delivery.Attempt < 1 ? AcknowledgeOutcome.NotFound
        : delivery.Attempt == attempts ? AcknowledgeOutcome.Acknowledged
        : delivery.Attempt == attempts + 1 && delivery.Epoch != _leases.Epoch ? AcknowledgeOutcome.Acknowledged
        : delivery.Attempt < attempts ? AcknowledgeOutcome.Superseded
        : AcknowledgeOutcome.NotFound;
}
