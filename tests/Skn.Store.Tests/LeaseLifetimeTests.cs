using Skn.Domain.Storage;
using Skn.Store.Sqlite;
using Skn.Store.Tests.Infrastructure;
using Skn.V1;
using static Skn.Store.Tests.Infrastructure.Envelopes;

namespace Skn.Store.Tests;

/// <summary>
/// Leases live in memory and a delivery is recorded when it ends. These tests pin down what that
/// means across a clean close and across a crash, where the delivery in flight was never recorded.
/// </summary>
public sealed class LeaseLifetimeTests
{
    [Fact]
    public async Task LeaseAsync_FollowLease_WritesNothingToTheDatabase()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        await temp.Store.SendAsync(New(messageId: "m-1"), default).Within();
        var commits = temp.Store.CommitCount;

        // Act
        var leased = Assert.Single(await temp.Store.LeaseAsync(Lease(Se1), default).Within());

        // Assert: readers see the delivery, the file does not hold it.
        Assert.Equal(commits + 1, temp.Store.CommitCount); // the lease ran in a transaction of its own...
        Assert.Equal((1L, 0L), ReadRawState(temp, "m-1")); // ...that changed no row
        Assert.Equal(EnvelopeState.Delivered, (await temp.Store.FindAsync("m-1", default).Within())!.State);
        Assert.Equal(1, leased.Envelope.Attempts);
    }

    [Fact]
    public async Task ReleaseAsync_CurrentDelivery_RecordsTheAttempt()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        await temp.Store.SendAsync(New(messageId: "m-1"), default).Within();
        var delivery = Assert.Single(await temp.Store.LeaseAsync(Lease(Se1), default).Within()).Delivery;

        // Act
        await temp.Store.ReleaseAsync([delivery], failed: true, default).Within();

        // Assert
        Assert.Equal((2L, 1L), ReadRawState(temp, "m-1"));
        Assert.Equal(0, temp.Store.OpenLeaseCount);
        Assert.Equal(2, Assert.Single(await temp.Store.LeaseAsync(Lease(Se1), default).Within()).Envelope.Attempts);
    }

    [Fact]
    public async Task AcknowledgeAsync_DeliveryOfEarlierRun_AcknowledgedUntilRedelivered()
    {
        // Arrange: a delivery made before a clean close, recorded at close.
        await using var temp = await TempStore.CreateAsync();
        await temp.Store.SendAsync(New(messageId: "late"), default).Within();
        await temp.Store.SendAsync(New(messageId: "taken"), default).Within();
        var before = await temp.Store.LeaseAsync(Lease(Se1, maxCount: 2), default).Within();
        var store = await temp.ReopenAsync();
        var again = await store.LeaseAsync(Lease(Se1, maxCount: 1, now: T0.AddMinutes(1)), default).Within();

        // Act
        var results = await store.AcknowledgeAsync(Se1, [before[0].Delivery, before[1].Delivery], T0.AddMinutes(2), default).Within();

        // Assert: "late" was taken again first (oldest first), so its old delivery is superseded;
        // nobody holds "taken" now, so its late acknowledgement is accepted.
        Assert.Equal("late", Assert.Single(again).Envelope.MessageId);
        Assert.Equal(2, again[0].Envelope.Attempts);
        Assert.Equal([AcknowledgeOutcome.Superseded, AcknowledgeOutcome.Acknowledged], results.Select(r => r.Outcome));
    }

    [Fact]
    public async Task AcknowledgeAsync_AfterCrash_OldTokenCannotSettleTheSameAttemptNumberAgain()
    {
        // Arrange: copy the files of a live store with a delivery in flight (a crash image: what
        // was committed, and no more), then open the copy as the next run.
        await using var temp = await TempStore.CreateAsync();
        await temp.Store.SendAsync(New(messageId: "m-1"), default).Within();
        await temp.Store.SendAsync(New(messageId: "m-2"), default).Within();
        var inFlight = await temp.Store.LeaseAsync(Lease(Se1, maxCount: 2), default).Within();
        await using var crashed = TempStore.CreateDirectory();
        File.Copy(temp.DatabasePath, crashed.DatabasePath);
        File.Copy(temp.WalPath, crashed.WalPath);
        var store = await crashed.OpenAsync();

        // Act: the next run hands m-1 out again with the same attempt number.
        var redelivered = Assert.Single(await store.LeaseAsync(Lease(Se1, maxCount: 1), default).Within());
        var stale = await store.AcknowledgeAsync(Se1, [inFlight[0].Delivery], T0, default).Within();
        var current = await store.AcknowledgeAsync(Se1, [redelivered.Delivery], T0, default).Within();
        var unheld = await store.AcknowledgeAsync(Se1, [inFlight[1].Delivery], T0, default).Within();

        // Assert
        Assert.Equal(inFlight[0].Delivery.Attempt, redelivered.Delivery.Attempt);
        Assert.NotEqual(inFlight[0].Delivery.Epoch, redelivered.Delivery.Epoch);
        Assert.Equal(AcknowledgeOutcome.Superseded, Assert.Single(stale).Outcome);
        Assert.Equal(AcknowledgeOutcome.Acknowledged, Assert.Single(current).Outcome);
        Assert.Equal(AcknowledgeOutcome.Acknowledged, Assert.Single(unheld).Outcome); // processed before the crash; nobody holds it now
        Assert.Equal(0, await store.CountPendingAsync(Se1, default).Within());
    }

    [Fact]
    public async Task Writer_OperationFails_UndoesItsMemoryChangesOnly()
    {
        // Arrange: two operations in one batch, each changing memory alongside the database; the
        // second fails after its change. (Leases rely on this: a lease the transaction did not
        // keep must not block the envelope.)
        await using var temp = await TempStore.CreateAsync();
        var writer = temp.Store.Writer;
        var undone = new List<string>();
        Task<int> kept, failed;
        using (var gate = WriterGate.Hold(temp.Store))
        {
            kept = writer.SubmitAsync(context => { context.OnRollback(() => undone.Add("kept")); return 1; }, default);
            failed = writer.SubmitAsync<int>(
                context =>
                {
                    context.OnRollback(() => undone.Add("failed"));
                    throw new InvalidOperationException("the operation fails after changing memory");
                },
                default);
            gate.Release();
        }

        // Act
        await kept.Within();
        await Assert.ThrowsAsync<InvalidOperationException>(() => failed.Within());
        await writer.SubmitAsync(_ => 0, default).Within(); // a later batch: the kept change stays kept

        // Assert
        Assert.Equal(["failed"], undone);
    }

    private static (long State, long Attempts) ReadRawState(TempStore temp, string messageId)
    {
        using var connection = temp.OpenRawConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT state, attempts FROM envelopes WHERE message_id = $id";
        command.Parameters.AddWithValue("$id", messageId);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
