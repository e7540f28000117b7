namespace Skn.Store.Sqlite.Internal;

/// <summary>What the writer does about the WAL after a commit.</summary>
internal enum WalStep
{
    /// <summary>Nothing yet.</summary>
    None,

    /// <summary>Ask the <see cref="WalCheckpointer"/> to copy the WAL in the background.</summary>
    RequestCheckpoint,

    /// <summary>
    /// Copy the few frames committed since the background checkpoint started, on the writer, so that
    /// the whole WAL is in the database and the next transaction starts it over from the beginning.
    /// </summary>
    FinishCheckpoint,
}

/// <summary>
/// The writer's account of how far the WAL has grown, and the step that keeps it short. A passive
/// checkpoint in the background copies what the WAL held when it started; the writer keeps
/// committing meanwhile, so the WAL is never fully copied and never restarts unless the writer
/// itself finishes the copy between two batches. It does that when little is left (a fraction of
/// <see cref="PagesPerCheckpoint"/>), and asks for another background round when more is.
/// </summary>
internal sealed class WalGrowth
{
    /// <summary>WAL pages written between background checkpoints: SQLite's own default for its automatic one (about 4 MB).</summary>
    public const int PagesPerCheckpoint = 1000;

    /// <summary>Most pages the writer copies itself to finish a checkpoint, in the time of a commit.</summary>
    public const int MostPagesFinishedByWriter = PagesPerCheckpoint / 4;

    /// <summary>
    /// WAL length at which the writer finishes the copy whatever is left: a bound on the WAL's size
    /// for a disk on which background checkpoints never catch up with the writes.
    /// </summary>
    public const int MostPagesInWal = 16 * PagesPerCheckpoint;

    private long _sinceRequest;
    private long _sinceRestart;

    /// <summary>Pages written to the WAL since the WAL was last copied in full (an estimate of its length).</summary>
    public long PagesSinceRestart => _sinceRestart;

    /// <summary>
    /// Records the pages a commit wrote and tells what to do next.
    /// </summary>
    /// <param name="pagesWritten">WAL pages the commit wrote.</param>
    /// <param name="checkpointFinished">A background checkpoint finished since the last call.</param>
    /// <param name="checkpointBusy">A background checkpoint is asked for or running.</param>
    public WalStep AfterCommit(long pagesWritten, bool checkpointFinished, bool checkpointBusy)
    {
        _sinceRequest += pagesWritten;
        _sinceRestart += pagesWritten;
        if (checkpointFinished && !checkpointBusy)
        {
            return _sinceRequest <= MostPagesFinishedByWriter || _sinceRestart >= MostPagesInWal
                ? WalStep.FinishCheckpoint
                : WalStep.RequestCheckpoint;
        }

        if (!checkpointBusy && _sinceRequest >= PagesPerCheckpoint)
        {
            return WalStep.RequestCheckpoint;
        }

        return WalStep.None;
    }

    /// <summary>The background checkpoint was asked for: count the pages that it will not see.</summary>
    public void Requested() => _sinceRequest = 0;

    /// <summary>The writer copied the rest: the WAL restarts at the next transaction.</summary>
    public void Finished()
    {
        _sinceRequest = 0;
        _sinceRestart = 0;
    }
}
