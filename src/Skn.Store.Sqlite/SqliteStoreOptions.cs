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
    /// How often the WAL is checkpointed and truncated to nothing in the background (default: one
    /// minute; null: never), so that old frames holding removed content do not linger in it.
    /// </summary>
    public TimeSpan? CheckpointInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a connection waits for a lock held by another connection before failing.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
