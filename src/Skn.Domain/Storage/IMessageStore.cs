using Skn.V1;

namespace Skn.Domain.Storage;

/// <summary>
/// Durable storage of envelopes and their metadata trail. The one seam between the node and its
/// database: nothing outside an implementation may assume SQLite, so that a PostgreSQL store can
/// serve several node replicas later. Every method that changes state returns only after the change
/// is durable, and either does all of it or nothing.
/// </summary>
public interface IMessageStore : IAsyncDisposable
{
    /// <summary>
    /// Stores a new envelope with its sealed content. Concurrent calls share one transaction and one
    /// fsync (group commit). Idempotent on (sender, request id).
    /// </summary>
    /// <exception cref="StoreFullException">The storage has no room for it; nothing was stored.</exception>
    Task<SendResult> SendAsync(NewEnvelope envelope, CancellationToken cancellationToken);

    /// <summary>
    /// Leases up to <see cref="LeaseRequest.MaxCount"/> of the recipient's deliverable envelopes, oldest
    /// first: pending ones and delivered ones whose lease ended, never expired or acknowledged ones.
    /// Each lease increments the envelope's attempt number. Two concurrent calls never lease the same envelope.
    /// A lease need not be durable (no fetcher survives a restart): a store may hold leases in memory
    /// and record a delivery when it ends (acknowledged, released, run out).
    /// </summary>
    Task<IReadOnlyList<LeasedEnvelope>> LeaseAsync(LeaseRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Ends the given deliveries' leases at once (their fetcher went away), when they are still the
    /// current delivery and not acknowledged, so the envelopes can be delivered again without waiting.
    /// </summary>
    /// <param name="deliveries">The deliveries to end.</param>
    /// <param name="failed">
    /// True when the fetcher let them go (its stream ended): each counts as a failed delivery, and an
    /// envelope that reaches the store's limit of those is set aside on the poison list. False when
    /// the node ended them (shutting down, access withdrawn).
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task ReleaseAsync(IReadOnlyCollection<DeliveryRef> deliveries, bool failed, CancellationToken cancellationToken);

    /// <summary>
    /// Puts poisoned envelopes of the recipient back in its mailbox, each with a fresh allowance of
    /// failed deliveries. One outcome per message id, in request order.
    /// </summary>
    Task<IReadOnlyList<ReleasePoisonedOutcome>> ReleasePoisonedAsync(
        string recipientOin, IReadOnlyList<string> messageIds, CancellationToken cancellationToken);

    /// <summary>
    /// Ends every open lease at once. The node calls it at start: no fetcher survives a restart, so
    /// what was leased before is deliverable again without waiting for the leases to run out.
    /// </summary>
    Task ReleaseAllLeasesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Acknowledges deliveries in the recipient's mailbox: deletes the sealed content and records the
    /// outcome in the same transaction. Each delivery gets its own result, in request order.
    /// </summary>
    Task<IReadOnlyList<AcknowledgeResult>> AcknowledgeAsync(
        string recipientOin, IReadOnlyList<DeliveryRef> deliveries, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Gets an envelope's metadata by message id, or null when there is none.</summary>
    Task<EnvelopeRecord?> FindAsync(string messageId, CancellationToken cancellationToken);

    /// <summary>Gets the first envelope the sender stored with this request id, or null.</summary>
    Task<EnvelopeRecord?> FindByRequestIdAsync(string senderOin, string requestId, CancellationToken cancellationToken);

    /// <summary>
    /// Extends the term of a pending (or delivered) envelope in the recipient's mailbox, once: sets
    /// its expire time to <paramref name="newExpireTime"/> and records the days.
    /// </summary>
    Task<(ExtendOutcome Outcome, EnvelopeRecord? Envelope)> ExtendAsync(
        string recipientOin, string messageId, int days, DateTimeOffset newExpireTime, CancellationToken cancellationToken);

    /// <summary>
    /// Expires up to <paramref name="maxCount"/> envelopes whose expire time is at or before
    /// <paramref name="now"/>, oldest first: deletes their content and records the outcome. Returns
    /// the expired ones, empty when nothing is due. A store may return fewer than are due to keep
    /// its transaction short, so that concurrent sends keep flowing while a large backlog expires:
    /// call again until it returns none.
    /// </summary>
    Task<IReadOnlyList<EnvelopeRecord>> ExpireAsync(DateTimeOffset now, int maxCount, CancellationToken cancellationToken);

    /// <summary>The earliest expire time of any envelope not yet acknowledged or expired, or null.</summary>
    Task<DateTimeOffset?> NextExpireTimeAsync(CancellationToken cancellationToken);

    /// <summary>Lists a participant's trail, newest first.</summary>
    Task<TrailPage> ListTrailAsync(TrailQuery query, CancellationToken cancellationToken);

    /// <summary>Deletes trail entries of acknowledged or expired envelopes whose outcome is older than <paramref name="cutoff"/>.</summary>
    Task<int> PurgeTrailAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);

    /// <summary>Number of envelopes waiting in the recipient's mailbox (pending or delivered, not acknowledged or expired).</summary>
    Task<long> CountPendingAsync(string recipientOin, CancellationToken cancellationToken);

    /// <summary>
    /// Lists envelopes' metadata across all participants (or those one participant sent or
    /// received), newest first, for the node's operator. Reads metadata only, never content.
    /// </summary>
    Task<TrailPage> ListTrafficAsync(TrafficQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Counts every mailbox that has anything to count: pending envelopes and the oldest one's send
    /// time, poisoned envelopes, and envelopes expired at or after <paramref name="expiredSince"/>.
    /// Mailboxes with nothing to count are left out.
    /// </summary>
    Task<IReadOnlyList<MailboxFigures>> CountMailboxesAsync(DateTimeOffset expiredSince, CancellationToken cancellationToken);

    /// <summary>Running totals of what waits, per recipient, per sender and in all; reading them runs no query.</summary>
    IPendingCounts PendingCounts { get; }

    /// <summary>
    /// Whether the store can commit: answered from the outcome of its recent commits while they
    /// succeed, otherwise (idle, or after a failure) by a probe write. False while the storage is
    /// full or the database cannot be written (locked by another process, disk errors).
    /// </summary>
    Task<WriteCheck> CheckWritableAsync(CancellationToken cancellationToken);
}
