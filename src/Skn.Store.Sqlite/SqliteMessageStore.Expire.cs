using System.Diagnostics;
using Skn.Domain.Storage;
using Skn.Store.Sqlite.Internal;
using Skn.V1;

namespace Skn.Store.Sqlite;

public sealed partial class SqliteMessageStore
{
    /// <summary>Envelopes per pair of expiry statements: small enough to check the time budget often.</summary>
    private const int ExpiryChunkSize = 128;

    /// <inheritdoc />
    public Task<IReadOnlyList<EnvelopeRecord>> ExpireAsync(DateTimeOffset now, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        var nowMs = EnvelopeReader.ToMilliseconds(now);
        return _writer.SubmitAsync(context => Expire(context, nowMs, maxCount), cancellationToken, mode: WriteMode.Alone);
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

    /// <summary>
    /// Expires due envelopes a chunk at a time, each chunk two set-based statements (a statement
    /// per envelope cost more than the writes themselves). Stops at <paramref name="limit"/>, when
    /// nothing more is due, or when <see cref="SqliteStoreOptions.ExpiryTimeBudget"/> is spent:
    /// every write queued behind this one waits for it, so a large backlog expires in many short
    /// transactions rather than a few long ones.
    /// </summary>
    private IReadOnlyList<EnvelopeRecord> Expire(WriterContext context, long now, int limit)
    {
        var started = Stopwatch.GetTimestamp();
        var expired = new List<EnvelopeRecord>(Math.Min(limit, ExpiryChunkSize));
        while (expired.Count < limit)
        {
            var chunk = Math.Min(ExpiryChunkSize, limit - expired.Count);
            context.Command(Sql.DeleteDueContents).Bind("$now", now).Bind("$limit", chunk).ExecuteNonQuery();
            var records = EnvelopeReader.ReadAll(context.Command(Sql.MarkDueExpired).Bind("$now", now).Bind("$limit", chunk));

            // RETURNING promises no order: oldest first, as the chunk was chosen.
            records.Sort(static (a, b) => a.ExpireTime != b.ExpireTime ? a.ExpireTime.CompareTo(b.ExpireTime) : a.Sequence.CompareTo(b.Sequence));
            foreach (var record in records)
            {
                expired.Add(Settle(context, record));
            }

            if (records.Count < chunk || Stopwatch.GetElapsedTime(started) >= _options.ExpiryTimeBudget)
            {
                break;
            }
        }

        return expired;
    }

    /// <summary>Takes an expired envelope off the books: its lease (recording that delivery with it) and the pending ledger.</summary>
    private EnvelopeRecord Settle(WriterContext context, EnvelopeRecord record)
    {
        if (_leases.TryGet(record.Sequence, out var lease))
        {
            record = EnvelopeReader.ReadSingle(context.Command(Sql.RecordExpiredDelivery)
                .Bind("$sequence", record.Sequence)
                .Bind("$attempt", lease.Attempt)
                .Bind("$leased_at", lease.LeasedAt))!;
            _leases.Remove(record.Sequence, context);
        }

        _pending.Remove(record.RecipientOin, record.SenderOin, record.SealedContentSize, context);
        return record;
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
