using Skn.Domain.Storage;

namespace Skn.Store.Sqlite.Internal;

/// <summary>
/// The writer's recent record: whether its commits succeed and whether new envelopes still fit.
/// Health checks read it instead of writing while the node is busy (every commit tells them), and
/// probe only when it is stale (an idle node) or bad (after a failure), until a commit succeeds again.
/// </summary>
internal sealed class CommitHealth
{
    private Snapshot _last = new(State.Unknown, 0, "The store has not committed yet.", null);

    public enum State
    {
        /// <summary>Nothing committed since the store opened.</summary>
        Unknown,

        /// <summary>Commits succeed and new envelopes fit.</summary>
        Ok,

        /// <summary>Commits succeed, but a new envelope does not fit (the page limit or the disk is reached).</summary>
        Full,

        /// <summary>Transactions fail: the file is locked by another process, or the disk reports errors.</summary>
        Failing,
    }

    /// <summary>The latest outcome, with when it happened (Environment.TickCount64).</summary>
    public Snapshot Last => Volatile.Read(ref _last);

    /// <summary>
    /// A batch committed. A send that did not fit keeps (or makes) the store full; a stored send
    /// proves room again; a batch of acknowledgements alone proves that commits work, not that
    /// there is room, so it does not end a full state (a probe does).
    /// </summary>
    public void Committed(bool sendStored, bool sendFull)
    {
        var last = Last;
        if (sendFull)
        {
            Set(State.Full, "The store is full: a new envelope does not fit.", null);
        }
        else if (sendStored || last.Current != State.Full)
        {
            Set(State.Ok, "The store commits.", null);
        }
        else
        {
            Set(State.Full, last.Description, last.Failure);
        }
    }

    /// <summary>A batch failed as a whole: nothing of it was stored.</summary>
    public void Failed(Exception exception, bool full) =>
        Set(full ? State.Full : State.Failing,
            full ? "The store is full: a transaction did not fit." : "The store cannot commit: " + exception.Message,
            exception);

    /// <summary>Records a probe's outcome.</summary>
    public void Probed(State outcome, string description, Exception? failure) => Set(outcome, description, failure);

    private void Set(State state, string description, Exception? failure) =>
        Volatile.Write(ref _last, new Snapshot(state, Environment.TickCount64, description, failure));

    /// <summary>One outcome.</summary>
    public sealed record Snapshot(State Current, long AtTicks, string Description, Exception? Failure)
    {
        public WriteCheck ToWriteCheck() => new(Current == State.Ok, Description, Failure);
    }
}
