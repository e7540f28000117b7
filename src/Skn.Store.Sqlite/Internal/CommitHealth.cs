using System.Globalization;
using Microsoft.Data.Sqlite;
using Skn.Domain.Storage;

namespace Skn.Store.Sqlite.Internal;

/// <summary>
/// The writer's recent record: whether its commits succeed and whether new envelopes still fit.
/// Health checks read it instead of writing while the node is busy (every commit tells them), and
/// probe only when it is stale (an idle node) or bad (after a failure), until a commit succeeds again.
/// </summary>
/// <remarks>
/// Once full, the store counts as writable again only when <paramref name="resumeRoomBytes"/> fit
/// under the send limit, not as soon as one small envelope does. Without that margin a store at the
/// edge flips with every send (a small one fits, a large one does not), and a load balancer
/// following the health check would take the node in and out of service each time.
/// </remarks>
/// <param name="resumeRoomBytes">
/// Room needed under the send limit to leave the full state; capped at a quarter of the send limit,
/// so that a small store can leave it at all. 0: a stored send or a page-sized probe is enough.
/// </param>
internal sealed class CommitHealth(long resumeRoomBytes = 0)
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
    /// ends a full state when the room to resume is there (<paramref name="room"/> is read only
    /// then); a batch of acknowledgements alone proves that commits work, not that there is room,
    /// so it does not end a full state (a probe does).
    /// </summary>
    public void Committed(bool sendStored, bool sendFull, Func<StoreRoom?> room)
    {
        var last = Last;
        if (sendFull)
        {
            Set(State.Full, "The store is full: a new envelope does not fit.", null);
        }
        else if (last.Current != State.Full)
        {
            Set(State.Ok, "The store commits.", null);
        }
        else if (sendStored)
        {
            StoreRoom? measured;
            try
            {
                measured = room();
            }
            catch (SqliteException exception)
            {
                // The batch is committed either way; the next probe measures again.
                Set(State.Full, "The store could not measure its room: " + exception.Message, exception);
                return;
            }

            Resume(measured, "The store commits, and new envelopes fit again.");
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

    /// <summary>
    /// A probe found that a new envelope fits: the store is writable, unless it was full and
    /// <paramref name="room"/> is still short of the room to resume.
    /// </summary>
    public void ProbedRoom(StoreRoom? room) =>
        Resume(Last.Current == State.Full ? room : null, "The store commits, and a new envelope fits.");

    private void Resume(StoreRoom? room, string description)
    {
        if (room is { } r)
        {
            var needed = Math.Min(resumeRoomBytes, r.SendLimitBytes / 4);
            if (r.FreeBytes < needed)
            {
                Set(State.Full,
                    string.Create(CultureInfo.InvariantCulture,
                        $"The store is nearly full: {r.FreeBytes:N0} bytes fit under the send limit; it counts as writable again from {needed:N0}."),
                    null);
                return;
            }
        }

        Set(State.Ok, description, null);
    }

    private void Set(State state, string description, Exception? failure) =>
        Volatile.Write(ref _last, new Snapshot(state, Environment.TickCount64, description, failure));

    /// <summary>One outcome.</summary>
    public sealed record Snapshot(State Current, long AtTicks, string Description, Exception? Failure)
    {
        public WriteCheck ToWriteCheck() => new(Current == State.Ok, Description, Failure);
    }
}
