using Skn.Domain.Storage;
using Skn.Store.Sqlite.Internal;
using Skn.V1;

namespace Skn.Store.Sqlite;

public sealed partial class SqliteMessageStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<EnvelopeRecord>> ExpireAsync(DateTimeOffset now, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        var nowMs = EnvelopeReader.ToMilliseconds(now);
        return _writer.SubmitAsync(context => Expire(context, nowMs, maxCount), cancellationToken);
    }

    /// <inheritdoc />
    public Task<DateTimeOffset?> NextExpireTimeAsync(CancellationToken cancellationToken) =>
        ReadAsync(
            commands => commands.Get(Sql.NextExpireTime).ScalarInt64() is { } ms
                ? EnvelopeReader.FromMilliseconds(ms)
                : (DateTimeOffset?)null,
            cancellationToken);

    /// <inheritdoc />
    public Task<(ExtendOutcome Outcome, EnvelopeRecord? Envelope)> ExtendAsync(
        string recipientOin, string messageId, int days, DateTimeOffset newExpireTime, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(recipientOin);
        ArgumentNullException.ThrowIfNull(messageId);
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var expireMs = EnvelopeReader.ToMilliseconds(newExpireTime);
        return _writer.SubmitAsync(context => Extend(context, recipientOin, messageId, days, expireMs), cancellationToken);
    }

    private IReadOnlyList<EnvelopeRecord> Expire(WriterContext context, long now, int limit)
    {
        var sequences = new List<long>(Math.Min(limit, 1024));
        using (var reader = context.Command(Sql.SelectDue).Bind("$now", now).Bind("$limit", limit).ExecuteReader())
        {
            while (reader.Read())
            {
                sequences.Add(reader.GetInt64(0));
            }
        }

        var deleteContent = context.Command(Sql.DeleteContent);
        var markExpired = context.Command(Sql.MarkExpired).Bind("$now", now);
        var expired = new List<EnvelopeRecord>(sequences.Count);
        foreach (var sequence in sequences)
        {
            deleteContent.Bind("$sequence", sequence).ExecuteNonQuery();
            var leased = _leases.TryGet(sequence, out var lease);
            var record = EnvelopeReader.ReadSingle(markExpired
                .Bind("$sequence", sequence)
                .Bind("$attempt", leased ? lease.Attempt : null)
                .Bind("$leased_at", leased ? lease.LeasedAt : null))!;
            _leases.Remove(sequence, context);
            _pending.Remove(record.RecipientOin, record.SenderOin, record.SealedContentSize, context);
            expired.Add(record);
        }

        return expired;
    }

    private static (ExtendOutcome, EnvelopeRecord?) Extend(
        WriterContext context, string recipient, string messageId, int days, long expireTime)
    {
        long sequence;
        using (var reader = context.Command(Sql.SelectForRecipient)
                   .Bind("$recipient_oin", recipient)
                   .Bind("$message_id", messageId)
                   .ExecuteReader())
        {
            if (!reader.Read())
            {
                return (ExtendOutcome.NotFound, null);
            }

            sequence = reader.GetInt64(0);
            var state = (EnvelopeState)reader.GetInt32(1);
            if (state is not (EnvelopeState.Pending or EnvelopeState.Delivered))
            {
                return (ExtendOutcome.NotFound, null);
            }

            if (reader.GetInt32(3) > 0)
            {
                reader.Close();
                return (ExtendOutcome.AlreadyExtended,
                    EnvelopeReader.ReadSingle(context.Command(Sql.FindBySequence).Bind("$sequence", sequence)));
            }
        }

        var extended = EnvelopeReader.ReadSingle(context.Command(Sql.Extend)
            .Bind("$sequence", sequence)
            .Bind("$expire_time", expireTime)
            .Bind("$days", days));
        return (ExtendOutcome.Extended, extended);
    }
}
