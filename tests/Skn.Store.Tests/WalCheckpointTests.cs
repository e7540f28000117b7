using Skn.Domain.Storage;
using Skn.Store.Sqlite.Internal;
using Skn.Store.Tests.Infrastructure;
using static Skn.Store.Tests.Infrastructure.Envelopes;

namespace Skn.Store.Tests;

/// <summary>
/// The WAL is copied back into the database by a checkpointer of its own, never inside a commit,
/// and stays short under a steady stream of commits.
/// </summary>
public sealed class WalCheckpointTests
{
    [Fact]
    public async Task OpenAsync_WriterConnection_HasNoAutomaticCheckpoint()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();

        // Act
        var pages = await temp.Store.Writer.SubmitAsync(
            context =>
            {
                using var command = context.Connection.CreateCommand();
                command.CommandText = "PRAGMA wal_autocheckpoint";
                return (long)command.ExecuteScalar()!;
            },
            default).Within();

        // Assert: 0 means SQLite never checkpoints inside one of the writer's commits.
        Assert.Equal(0, pages);
    }

    [Fact]
    public async Task SendAsync_ManyCommits_CheckpointsInBackgroundAndKeepsWalShort()
    {
        // Arrange: no periodic TRUNCATE checkpoint, so only the background one can keep the WAL short.
        await using var temp = await TempStore.CreateAsync(o => o with { CheckpointInterval = null });
        var store = temp.Store;
        var body = new byte[64 * 1024];
        Random.Shared.NextBytes(body);
        long largestWal = 0;

        // Act: about 26 MB in 400 commits, more than three times the WAL's size limit.
        for (var i = 0; i < 400; i++)
        {
            var result = await store.SendAsync(New(messageId: $"m-{i}", body: body), default).Within();
            Assert.Equal(SendOutcome.Stored, result.Outcome);
            largestWal = Math.Max(largestWal, new FileInfo(temp.WalPath).Length);
        }

        // Assert: the checkpointer ran several times and the WAL never held more than a few
        // checkpoints' worth of pages (without it, it would hold all 26 MB).
        Assert.True(store.Writer.Checkpointer.CompletedCount >= 3, $"{store.Writer.Checkpointer.CompletedCount} background checkpoints");
        Assert.True(largestWal <= 16 * 1024 * 1024, $"WAL grew to {largestWal:N0} bytes");
        Assert.Equal("ok", await store.IntegrityCheckAsync(default).Within());
    }

    [Fact]
    public async Task Writer_LongOperationQueuedBeforeShortOnes_ShortOnesCommitFirstAndApart()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        var store = temp.Store;
        var order = new List<string>();
        var commitsBefore = store.CommitCount;
        Task<int> alone;
        Task<SendResult>[] sends;
        using (var gate = WriterGate.Hold(store))
        {
            alone = store.Writer.SubmitAsync(
                _ =>
                {
                    lock (order)
                    {
                        order.Add("alone");
                    }

                    return 1;
                },
                default,
                mode: WriteMode.Alone);
            sends = Enumerable.Range(0, 3).Select(i => store.SendAsync(New(messageId: $"m-{i}"), default)).ToArray();

            // Act
            gate.Release();
            Assert.True(await gate.Held.Within());
        }

        await alone.Within();
        var results = await Task.WhenAll(sends).Within();

        // Assert: the sends queued after the long operation committed before it, together, and it
        // had a transaction of its own: the gate's, the sends', its own.
        Assert.All(results, r => Assert.Equal(SendOutcome.Stored, r.Outcome));
        Assert.Equal(["alone"], order);
        Assert.Equal(3, store.CommitCount - commitsBefore);
        Assert.True(sends.All(s => s.IsCompleted));
    }

    [Fact]
    public void AfterCommit_BelowPagesPerCheckpoint_AsksForNothing()
    {
        var growth = new WalGrowth();

        var step = growth.AfterCommit(WalGrowth.PagesPerCheckpoint - 1, checkpointFinished: false, checkpointBusy: false);

        Assert.Equal(WalStep.None, step);
    }

    [Fact]
    public void AfterCommit_PagesPerCheckpointReached_AsksForBackgroundCheckpointOnce()
    {
        var growth = new WalGrowth();

        var first = growth.AfterCommit(WalGrowth.PagesPerCheckpoint, checkpointFinished: false, checkpointBusy: false);
        growth.Requested();
        var whileRunning = growth.AfterCommit(WalGrowth.PagesPerCheckpoint, checkpointFinished: false, checkpointBusy: true);

        Assert.Equal(WalStep.RequestCheckpoint, first);
        Assert.Equal(WalStep.None, whileRunning);
    }

    [Fact]
    public void AfterCommit_CheckpointFinishedWithLittleWrittenSince_WriterFinishesIt()
    {
        var growth = new WalGrowth();
        growth.AfterCommit(WalGrowth.PagesPerCheckpoint, checkpointFinished: false, checkpointBusy: false);
        growth.Requested();

        var step = growth.AfterCommit(WalGrowth.MostPagesFinishedByWriter, checkpointFinished: true, checkpointBusy: false);
        growth.Finished();

        Assert.Equal(WalStep.FinishCheckpoint, step);
        Assert.Equal(0, growth.PagesSinceRestart);
    }

    [Fact]
    public void AfterCommit_CheckpointFinishedWithMuchWrittenSince_AsksForAnotherRound()
    {
        var growth = new WalGrowth();
        growth.AfterCommit(WalGrowth.PagesPerCheckpoint, checkpointFinished: false, checkpointBusy: false);
        growth.Requested();

        var step = growth.AfterCommit(WalGrowth.MostPagesFinishedByWriter + 1, checkpointFinished: true, checkpointBusy: false);

        Assert.Equal(WalStep.RequestCheckpoint, step);
    }

    [Fact]
    public void AfterCommit_WalAtItsBound_WriterFinishesWhateverIsLeft()
    {
        // Arrange: background checkpoints that never catch up.
        var growth = new WalGrowth();
        var steps = new List<WalStep>();
        while (growth.PagesSinceRestart < WalGrowth.MostPagesInWal)
        {
            steps.Add(growth.AfterCommit(WalGrowth.PagesPerCheckpoint, checkpointFinished: true, checkpointBusy: false));
            growth.Requested();
        }

        // Assert: another round each time, until the WAL reached its bound; then the writer finishes.
        Assert.All(steps[..^1], s => Assert.Equal(WalStep.RequestCheckpoint, s));
        Assert.Equal(WalStep.FinishCheckpoint, steps[^1]);
    }
}
