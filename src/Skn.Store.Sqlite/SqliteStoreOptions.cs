namespace Skn.Store.Sqlite;

/// <summary>Where and how <see cref="SqliteMessageStore"/> keeps its database.</summary>
/// <param name="DatabasePath">The database file; created with its schema when it does not exist.</param>
public sealed record SqliteStoreOptions(string DatabasePath)
{
    /// <summary>Most operations the writer commits in one transaction (one fsync).</summary>
    public int MaxBatchSize { get; init; } = 256;

    /// <summary>
    /// Upper bound on the database size in pages (PRAGMA max_page_count), or null for SQLite's own
    /// limit. Sends stop a small reserve short of it, so that leases and acknowledgements still fit
    /// and a full store can drain. Also used to simulate a full disk.
    /// </summary>
    public long? MaxPageCount { get; init; }

    /// <summary>
    /// Once a send did not fit, how many bytes must fit under the send limit again before
    /// <see cref="SqliteMessageStore.CheckWritableAsync"/> reports the store writable (default 0:
    /// as soon as one envelope fits). Set it to the largest envelope accepted, so that a store at
    /// the edge does not flip between full and writable with every send. Capped at a quarter of
    /// the send limit; has no effect without <see cref="MaxPageCount"/>.
    /// </summary>
    public long ResumeRoomBytes { get; init; }

    /// <summary>
    /// How often the WAL is checkpointed and truncated to nothing in the background (default: one
    /// minute; null: never), so that old frames holding removed content do not linger in it.
    /// </summary>
    public TimeSpan? CheckpointInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// After how many deliveries that ended without an acknowledgement (a lease ran out, a stream
    /// ended holding it) an envelope is set aside on its recipient's poison list instead of being
    /// delivered again (default 10; null: never). It keeps its body there until it expires or the
    /// recipient releases it. A node stopping does not count against it.
    /// </summary>
    public int? MaxFailedDeliveries { get; init; } = 10;

    /// <summary>
    /// Most envelopes one sender may have waiting for their recipients (pending, delivered or set
    /// aside), or null for no bound (default). A send over it stores nothing and answers
    /// <see cref="Domain.Storage.SendOutcome.SenderPendingLimitReached"/>, so one sender cannot fill the store
    /// that everyone shares. Checked by the single writer against its pending ledger, so concurrent
    /// sends cannot pass it together.
    /// </summary>
    public long? MaxPendingEnvelopesPerSender { get; init; }

    /// <summary>Most bytes of sealed content one sender may have waiting, or null for no bound (default); as <see cref="MaxPendingEnvelopesPerSender"/>.</summary>
    public long? MaxPendingBytesPerSender { get; init; }

    /// <summary>
    /// How long one <see cref="SqliteMessageStore.ExpireAsync"/> may work before it commits what it
    /// has (default: 20 ms). Sends queued behind it wait that long at most, plus the commit; a large
    /// backlog therefore expires in many short transactions instead of holding sends up.
    /// </summary>
    public TimeSpan ExpiryTimeBudget { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How long a connection waits for a lock held by another connection before failing.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
