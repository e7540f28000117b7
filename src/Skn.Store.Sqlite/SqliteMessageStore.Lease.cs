using Skn.Domain.Storage;
using Skn.Store.Sqlite.Internal;
using Skn.V1;

namespace Skn.Store.Sqlite;

public sealed partial class SqliteMessageStore
{
    /// <inheritdoc />
    /// <remarks>
    /// Runs on the writer, in order with acknowledgements, but writes nothing for a follow lease: the
    /// lease is kept in memory (<see cref="LeaseTable"/>) and the delivery is recorded when it ends.
    /// A snapshot's delivery (<see cref="LeaseRequest.LeaseUntil"/> at <see cref="LeaseRequest.Now"/>)
    /// holds nothing and is recorded at once.
    /// </remarks>
    public Task<IReadOnlyList<LeasedEnvelope>> LeaseAsync(LeaseRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.RecipientOin, nameof(request));
        ArgumentOutOfRangeException.ThrowIfLessThan(request.MaxCount, 1, nameof(request));

        var recipient = request.RecipientOin;
        var limit = request.MaxCount;
        var types = EnvelopeReader.TypesJson(request.Types);
        var now = EnvelopeReader.ToMilliseconds(request.Now);
        var until = EnvelopeReader.ToMilliseconds(request.LeaseUntil);
        var after = request.AfterSequence;
        return _writer.SubmitAsync(context => Lease(context, recipient, types, limit, now, until, after), cancellationToken);
    }

    /// <inheritdoc />
    public Task ReleaseAsync(IReadOnlyCollection<DeliveryRef> deliveries, bool failed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        if (deliveries.Count == 0)
        {
            return Task.CompletedTask;
        }

        var copy = deliveries.ToArray();
        return _writer.SubmitAsync(context => Release(context, copy, failed), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReleasePoisonedOutcome>> ReleasePoisonedAsync(
        string recipientOin, IReadOnlyList<string> messageIds, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(recipientOin);
        ArgumentNullException.ThrowIfNull(messageIds);
        var copy = messageIds.ToArray();
        return _writer.SubmitAsync(context => ReleasePoisoned(context, recipientOin, copy), cancellationToken);
    }

    /// <inheritdoc />
    public Task ReleaseAllLeasesAsync(CancellationToken cancellationToken) =>
        _writer.SubmitAsync(
            context =>
            {
                _leases.Clear();
                return context.Command(Sql.ReleaseAllLeases).ExecuteNonQuery();
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<long> CountPendingAsync(string recipientOin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipientOin);
        return ReadAsync(
            commands => commands.Get(Sql.CountPending).Bind("$recipient_oin", recipientOin).ScalarInt64() ?? 0,
            cancellationToken);
    }

    private IReadOnlyList<LeasedEnvelope> Lease(
        WriterContext context, string recipient, string? types, int limit, long now, long until, long after)
    {
        var snapshot = until <= now;

        // Each chosen envelope with the lease that ran out on it, if any, so it is looked up once.
        var chosen = new List<(long Sequence, Lease? Lapsed)>(Math.Min(limit, 256));
        using (var reader = context.Command(Sql.SelectLeasable)
                   .Bind("$recipient_oin", recipient)
                   .Bind("$now", now)
                   .Bind("$types", types)
                   .Bind("$after", after)
                   .ExecuteReader())
        {
            // Rows come in index order as they are read: stop as soon as there are enough.
            while (chosen.Count < limit && reader.Read())
            {
                var sequence = reader.GetInt64(0);
                if (!_leases.TryGet(sequence, out var held))
                {
                    chosen.Add((sequence, null));
                }
                else if (held.Until <= now)
                {
                    chosen.Add((sequence, held));
                }
            }
        }

        var leased = new List<LeasedEnvelope>(chosen.Count);
        foreach (var (sequence, lapsed) in chosen)
        {
            if (lapsed is { } ended)
            {
                // Its lease ran out unacknowledged: that delivery ended, and is recorded now. If it
                // was the last failure allowed, the envelope is set aside instead of delivered again.
                var poisoned = RecordEndedDelivery(context, sequence, ended, failed: true);
                _leases.Remove(sequence, context);
                if (poisoned)
                {
                    continue;
                }
            }

            if (snapshot)
            {
                var record = EnvelopeReader.ReadSingle(context.Command(Sql.RecordSnapshotDelivery)
                    .Bind("$sequence", sequence)
                    .Bind("$now", now))!;
                using var content = context.Command(Sql.SelectContent).Bind("$sequence", sequence).ExecuteReader();
                leased.Add(new LeasedEnvelope(record, content.Read() ? content.GetFieldValue<byte[]>(0) : []) { Epoch = _leases.Epoch });
                continue;
            }

            // A follow lease writes nothing: the row and its body in one read.
            using var row = context.Command(Sql.SelectWithContent).Bind("$sequence", sequence).ExecuteReader();
            row.Read();
            var stored = EnvelopeReader.Read(row);
            var body = row.IsDBNull(EnvelopeReader.ColumnCount) ? [] : row.GetFieldValue<byte[]>(EnvelopeReader.ColumnCount);
            var lease = new Lease(stored.MessageId, stored.Attempts + 1, now, until);
            _leases.Add(sequence, lease, context);
            leased.Add(new LeasedEnvelope(WithLease(stored, lease), body) { Epoch = _leases.Epoch });
        }

        return leased;
    }

    private bool Release(WriterContext context, DeliveryRef[] deliveries, bool failed)
    {
        foreach (var delivery in deliveries)
        {
            // Only the current delivery of this run: a stale one must not end a newer lease.
            if (delivery.Epoch == _leases.Epoch
                && _leases.TryGet(delivery.MessageId, out var sequence, out var lease)
                && lease.Attempt == delivery.Attempt)
            {
                RecordEndedDelivery(context, sequence, lease, failed);
                _leases.Remove(sequence, context);
            }
        }

        return true;
    }

    private IReadOnlyList<ReleasePoisonedOutcome> ReleasePoisoned(WriterContext context, string recipient, string[] messageIds)
    {
        var release = context.Command(Sql.ReleasePoisoned).Bind("$recipient_oin", recipient);
        var find = context.Command(Sql.SelectForRecipient).Bind("$recipient_oin", recipient);
        var outcomes = new ReleasePoisonedOutcome[messageIds.Length];
        for (var i = 0; i < messageIds.Length; i++)
        {
            if (release.Bind("$message_id", messageIds[i]).ScalarInt64() is not null)
            {
                outcomes[i] = ReleasePoisonedOutcome.Released;
                continue;
            }

            using var reader = find.Bind("$message_id", messageIds[i]).ExecuteReader();
            outcomes[i] = reader.Read() ? ReleasePoisonedOutcome.NotPoisoned : ReleasePoisonedOutcome.NotFound;
        }

        return outcomes;
    }

    /// <summary>Records a delivery that ended unacknowledged; true when that set the envelope aside.</summary>
    private bool RecordEndedDelivery(WriterContext context, long sequence, Lease lease, bool failed) =>
        context.Command(Sql.RecordEndedDelivery)
            .Bind("$sequence", sequence)
            .Bind("$attempt", lease.Attempt)
            .Bind("$leased_at", lease.LeasedAt)
            .Bind("$failed", failed ? 1 : 0)
            .Bind("$max_failed", _options.MaxFailedDeliveries is { } max ? max : null)
            .ScalarInt64() == (long)EnvelopeState.Poisoned;

    /// <summary>How a leased envelope looks to readers: delivered, with the lease's attempt and times.</summary>
    private static EnvelopeRecord WithLease(EnvelopeRecord record, Lease lease) => record with
    {
        State = EnvelopeState.Delivered,
        Attempts = lease.Attempt,
        LeaseExpireTime = EnvelopeReader.FromMilliseconds(lease.Until),
        FirstDeliveryTime = record.FirstDeliveryTime ?? EnvelopeReader.FromMilliseconds(lease.LeasedAt),
    };

    /// <summary>Shows an open lease on a record read from the database.</summary>
    private EnvelopeRecord? Overlay(EnvelopeRecord? record) =>
        record is { State: EnvelopeState.Pending or EnvelopeState.Delivered } && _leases.TryGet(record.Sequence, out var lease)
            ? WithLease(record, lease)
            : record;
}
