using Skn.Domain.Storage;

namespace Skn.TestUtilities;

/// <summary>
/// Wraps the real SQLite store and counts lease queries, so a test can prove that an idle follow
/// stream does not poll the database: one query per wake-up, none on a timer.
/// </summary>
public sealed class CountingStore(IMessageStore inner) : IMessageStore
{
    private int _leaseQueries;

    public int LeaseQueries => Volatile.Read(ref _leaseQueries);

    public IMessageStore Inner => inner;

    public Task<SendResult> SendAsync(NewEnvelope envelope, CancellationToken cancellationToken) => inner.SendAsync(envelope, cancellationToken);

    public Task<IReadOnlyList<LeasedEnvelope>> LeaseAsync(LeaseRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _leaseQueries);
        return inner.LeaseAsync(request, cancellationToken);
    }

    public Task ReleaseAsync(IReadOnlyCollection<DeliveryRef> deliveries, bool failed, CancellationToken cancellationToken) => inner.ReleaseAsync(deliveries, failed, cancellationToken);

    public Task<IReadOnlyList<Skn.V1.ReleasePoisonedOutcome>> ReleasePoisonedAsync(string recipientOin, IReadOnlyList<string> messageIds, CancellationToken cancellationToken) =>
        inner.ReleasePoisonedAsync(recipientOin, messageIds, cancellationToken);

    public Task ReleaseAllLeasesAsync(CancellationToken cancellationToken) => inner.ReleaseAllLeasesAsync(cancellationToken);

    public Task<IReadOnlyList<AcknowledgeResult>> AcknowledgeAsync(string recipientOin, IReadOnlyList<DeliveryRef> deliveries, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.AcknowledgeAsync(recipientOin, deliveries, now, cancellationToken);

    public Task<EnvelopeRecord?> FindAsync(string messageId, CancellationToken cancellationToken) => inner.FindAsync(messageId, cancellationToken);

    public Task<EnvelopeRecord?> FindByRequestIdAsync(string senderOin, string requestId, CancellationToken cancellationToken) =>
        inner.FindByRequestIdAsync(senderOin, requestId, cancellationToken);

    public Task<(ExtendOutcome Outcome, EnvelopeRecord? Envelope)> ExtendAsync(string recipientOin, string messageId, int days, DateTimeOffset newExpireTime, CancellationToken cancellationToken) =>
        inner.ExtendAsync(recipientOin, messageId, days, newExpireTime, cancellationToken);

    public Task<IReadOnlyList<EnvelopeRecord>> ExpireAsync(DateTimeOffset now, int maxCount, CancellationToken cancellationToken) => inner.ExpireAsync(now, maxCount, cancellationToken);

    public Task<DateTimeOffset?> NextExpireTimeAsync(CancellationToken cancellationToken) => inner.NextExpireTimeAsync(cancellationToken);

    public Task<TrailPage> ListTrailAsync(TrailQuery query, CancellationToken cancellationToken) => inner.ListTrailAsync(query, cancellationToken);

    public Task<int> PurgeTrailAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => inner.PurgeTrailAsync(cutoff, cancellationToken);

    public Task<long> CountPendingAsync(string recipientOin, CancellationToken cancellationToken) => inner.CountPendingAsync(recipientOin, cancellationToken);

    public Task<TrailPage> ListTrafficAsync(TrafficQuery query, CancellationToken cancellationToken) => inner.ListTrafficAsync(query, cancellationToken);

    public Task<IReadOnlyList<MailboxFigures>> CountMailboxesAsync(DateTimeOffset expiredSince, CancellationToken cancellationToken) =>
        inner.CountMailboxesAsync(expiredSince, cancellationToken);

    public IPendingCounts PendingCounts => inner.PendingCounts;

    public Task<WriteCheck> CheckWritableAsync(CancellationToken cancellationToken) => inner.CheckWritableAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
