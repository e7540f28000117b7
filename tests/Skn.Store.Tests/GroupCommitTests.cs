using Skn.Domain.Storage;
using Skn.Store.Sqlite.Internal;
using Skn.Store.Tests.Infrastructure;
using static Skn.Store.Tests.Infrastructure.Envelopes;

namespace Skn.Store.Tests;

public sealed class GroupCommitTests
{
    [Fact]
    public async Task SendAsync_OperationsQueuedWhileWriterBusy_CommitInOneTransaction()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        var store = temp.Store;
        var commitsBefore = store.CommitCount;
        Task<SendResult>[] sends;
        using (var gate = WriterGate.Hold(store))
        {
            sends = Enumerable.Range(0, 20).Select(i => store.SendAsync(New(messageId: $"m-{i}"), default)).ToArray();

            // Act
            gate.Release();
            Assert.True(await gate.Held.Within());
        }

        var results = await Task.WhenAll(sends).Within();

        // Assert: one commit for the gate's batch, one for all twenty sends.
        Assert.All(results, r => Assert.Equal(SendOutcome.Stored, r.Outcome));
        Assert.Equal(2, store.CommitCount - commitsBefore);
    }

    [Fact]
    public async Task Writer_LongOperationQueuedBeforeShortOnes_ShortOnesCommitFirstAndApart()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        var store = temp.Store;
        var commitsBefore = store.CommitCount;
        Task<SendResult>[] sends = [];
        Task<bool> alone;
        using (var gate = WriterGate.Hold(store))
        {
            // Runs on the writer: whether the sends queued after it were already committed and answered.
            alone = store.Writer.SubmitAsync(_ => sends.All(s => s.IsCompleted), default, mode: WriteMode.Alone);
            sends = Enumerable.Range(0, 3).Select(i => store.SendAsync(New(messageId: $"m-{i}"), default)).ToArray();

            // Act
            gate.Release();
            Assert.True(await gate.Held.Within());
        }

        var sendsDoneBeforeIt = await alone.Within();
        var results = await Task.WhenAll(sends).Within();

        // Assert: the sends queued after the long operation committed before it, together, and it
        // had a transaction of its own: the gate's, the sends', its own.
        Assert.All(results, r => Assert.Equal(SendOutcome.Stored, r.Outcome));
        Assert.True(sendsDoneBeforeIt);
        Assert.Equal(3, store.CommitCount - commitsBefore);
    }

    [Fact]
    public async Task Writer_OneOperationFailsInBatch_OthersAreCommittedAndItsChangesRolledBack()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        var store = temp.Store;
        Task<SendResult> before, after;
        Task<int> failing;
        using (var gate = WriterGate.Hold(store))
        {
            before = store.SendAsync(New(messageId: "before"), default);
            failing = store.Writer.SubmitAsync<int>(
                context =>
                {
                    using var command = context.Connection.CreateCommand();
                    command.CommandText = "UPDATE envelopes SET conversation_id = 'tampered'";
                    command.ExecuteNonQuery();
                    throw new InvalidOperationException("boom");
                },
                default);
            after = store.SendAsync(New(messageId: "after"), default);

            // Act
            gate.Release();
        }

        // Assert
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => failing.Within());
        Assert.Equal("boom", exception.Message);
        Assert.Equal(SendOutcome.Stored, (await before.Within()).Outcome);
        Assert.Equal(SendOutcome.Stored, (await after.Within()).Outcome);
        Assert.NotEqual("tampered", (await store.FindAsync("before", default).Within())!.ConversationId);
    }

    [Fact]
    public async Task SendAsync_CancelledWhileQueued_IsDroppedAndNotStored()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        var store = temp.Store;
        using var cancellation = new CancellationTokenSource();
        using (var gate = WriterGate.Hold(store))
        {
            var send = store.SendAsync(New(messageId: "cancelled"), cancellation.Token);

            // Act
            await cancellation.CancelAsync().Within();

            // Assert: cancelled at once, without waiting for the writer.
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send.Within());
            gate.Release();
            await gate.Held.Within();
        }

        Assert.Null(await store.FindAsync("cancelled", default).Within());
    }

    [Fact]
    public async Task Writer_CancelledAfterTaken_RunsToCompletion()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        using var cancellation = new CancellationTokenSource();
        using var gate = WriterGate.Hold(temp.Store, cancellation.Token);

        // Act
        await cancellation.CancelAsync().Within();
        gate.Release();

        // Assert
        Assert.True(await gate.Held.Within());
    }

    [Fact]
    public async Task SendAsync_TokenAlreadyCancelled_ThrowsAndStoresNothing()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();

        // Act
        var send = temp.Store.SendAsync(New(messageId: "m-1"), new CancellationToken(canceled: true));

        // Assert
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send.Within());
        Assert.Null(await temp.Store.FindAsync("m-1", default).Within());
    }

    [Fact]
    public async Task Writer_TransactionLostAfterFailure_RunsOtherOperationsAgainAndCommitsThem()
    {
        // Arrange: the middle operation ends the whole transaction, as SQLite may do on some errors.
        await using var temp = await TempStore.CreateAsync();
        var store = temp.Store;
        Task<SendResult> before, after;
        Task<int> failing;
        using (var gate = WriterGate.Hold(store))
        {
            before = store.SendAsync(New(messageId: "before"), default);
            failing = store.Writer.SubmitAsync<int>(
                context =>
                {
                    using var command = context.Connection.CreateCommand();
                    command.CommandText = "ROLLBACK";
                    command.ExecuteNonQuery();
                    throw new InvalidOperationException("transaction gone");
                },
                default);
            after = store.SendAsync(New(messageId: "after"), default);

            // Act
            gate.Release();
        }

        // Assert
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing.Within());
        var stored = await before.Within();
        Assert.Equal(SendOutcome.Stored, stored.Outcome);
        Assert.Equal(stored.Envelope, await store.FindAsync("before", default).Within());
        Assert.Equal(SendOutcome.Stored, (await after.Within()).Outcome);
        Assert.Equal(2, await store.CountPendingAsync(Se1, default).Within());
    }

    [Fact]
    public async Task Writer_CommitFails_FailsEveryOperationOfBatchAndStoresNothing()
    {
        // Arrange: a deferred foreign key violation lets every statement pass and COMMIT fail.
        await using var temp = await TempStore.CreateAsync();
        var store = temp.Store;
        Task<SendResult> before, after;
        Task<int> poisoning;
        using (var gate = WriterGate.Hold(store))
        {
            before = store.SendAsync(New(messageId: "before"), default);
            poisoning = store.Writer.SubmitAsync(
                context =>
                {
                    using var command = context.Connection.CreateCommand();
                    command.CommandText = "PRAGMA defer_foreign_keys = ON; INSERT INTO contents (sequence, body) VALUES (999999, x'00')";
                    return command.ExecuteNonQuery();
                },
                default);
            after = store.SendAsync(New(messageId: "after"), default);

            // Act
            gate.Release();
        }

        // Assert
        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => before.Within());
        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => poisoning.Within());
        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => after.Within());
        Assert.Null(await store.FindAsync("before", default).Within());
        Assert.Equal(SendOutcome.Stored, (await store.SendAsync(New(messageId: "later"), default).Within()).Outcome);
        Assert.Equal("ok", await store.IntegrityCheckAsync(default).Within());
    }

    [Fact]
    public async Task OpenAsync_WriterConnection_HasDurabilityAndSecureDeleteSettings()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();

        // Act
        var settings = await temp.Store.Writer.SubmitAsync(
            context =>
            {
                using var command = context.Connection.CreateCommand();
                command.CommandText =
                    "SELECT (SELECT journal_mode FROM pragma_journal_mode), (SELECT synchronous FROM pragma_synchronous), " +
                    "(SELECT foreign_keys FROM pragma_foreign_keys), (SELECT secure_delete FROM pragma_secure_delete)";
                using var reader = command.ExecuteReader();
                reader.Read();
                return (Mode: reader.GetString(0), Synchronous: reader.GetInt64(1), ForeignKeys: reader.GetInt64(2), SecureDelete: reader.GetInt64(3));
            },
            default).Within();

        // Assert
        Assert.Equal(("wal", 2L, 1L, 1L), settings);
    }
}
