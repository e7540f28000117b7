namespace Skn.Store.Sqlite.Internal;

/// <summary>How the <see cref="GroupCommitWriter"/> commits an operation.</summary>
internal enum WriteMode
{
    /// <summary>In one transaction with whatever else is waiting: one fsync for many short writes (sends, leases, acknowledgements).</summary>
    Batched,

    /// <summary>
    /// In a transaction of its own, after the batched operations taken with it: a long write (a
    /// step of the expiry sweep, a chunk of the trail purge). A send queued while one runs then
    /// waits for that one only, and never for the next step too, which would otherwise share its commit.
    /// </summary>
    Alone,

    /// <summary>With no transaction around it, after the batched operations taken with it (a WAL checkpoint).</summary>
    OutsideTransaction,
}
