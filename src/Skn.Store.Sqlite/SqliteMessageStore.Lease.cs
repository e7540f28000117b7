using Skn.Domain.Storage;
using Skn.Store.Sqlite.Internal;

namespace Skn.Store.Sqlite;

public sealed partial class SqliteMessageStore
{
    /// <inheritdoc />
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
    public Task ReleaseAsync(IReadOnlyCollection<DeliveryRef> deliveries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        if (deliveries.Count == 0)
        {
            return Task.CompletedTask;
        }

        var copy = deliveries.ToArray();
        return _writer.SubmitAsync(context => Release(context, copy), cancellationToken);
    }

    /// <inheritdoc />
    public Task ReleaseAllLeasesAsync(CancellationToken cancellationToken) =>
        _writer.SubmitAsync(context => context.Command(Sql.ReleaseAllLeases).ExecuteNonQuery(), cancellationToken);

    /// <inheritdoc />
    public Task<long> CountPendingAsync(string recipientOin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipientOin);
        return ReadAsync(
            commands => commands.Get(Sql.CountPending).Bind("$recipient_oin", recipientOin).ScalarInt64() ?? 0,
            cancellationToken);
    }

    private static IReadOnlyList<LeasedEnvelope> Lease(
        WriterContext context, string recipient, string? types, int limit, long now, long until, long after)
    {
        var sequences = new List<long>(Math.Min(limit, 256));
        using (var reader = context.Command(Sql.SelectLeasable)
                   .Bind("$recipient_oin", recipient)
                   .Bind("$now", now)
                   .Bind("$types", types)
                   .Bind("$limit", limit)
                   .Bind("$after", after)
                   .ExecuteReader())
        {
            while (reader.Read())
            {
                sequences.Add(reader.GetInt64(0));
            }
        }

        if (sequences.Count == 0)
        {
            return [];
        }

        var lease = context.Command(Sql.LeaseOne).Bind("$lease_until", until).Bind("$now", now);
        var content = context.Command(Sql.SelectContent);
        var leased = new List<LeasedEnvelope>(sequences.Count);
        foreach (var sequence in sequences)
        {
            var record = EnvelopeReader.ReadSingle(lease.Bind("$sequence", sequence))!;
            using var reader = content.Bind("$sequence", sequence).ExecuteReader();
            var body = reader.Read() ? reader.GetFieldValue<byte[]>(0) : [];
            leased.Add(new LeasedEnvelope(record, body));
        }

        return leased;
    }

    private static bool Release(WriterContext context, DeliveryRef[] deliveries)
    {
        var release = context.Command(Sql.Release);
        foreach (var delivery in deliveries)
        {
            release.Bind("$message_id", delivery.MessageId).Bind("$attempt", delivery.Attempt).ExecuteNonQuery();
        }

        return true;
    }
}
