using Skn.Domain.Storage;
using Skn.Store.Tests.Infrastructure;
using static Skn.Store.Tests.Infrastructure.Envelopes;

namespace Skn.Store.Tests;

/// <summary>What health checks ask the store: can it commit, and does a new envelope fit?</summary>
public sealed class WriteHealthTests
{
    [Fact]
    public async Task CheckWritableAsync_NewStore_CanCommit()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();

        // Act
        var check = await temp.Store.CheckWritableAsync(default).Within();

        // Assert
        Assert.True(check.CanCommit, check.Description);
    }

    [Fact]
    public async Task CheckWritableAsync_StoreFilledThenDrained_FalseThenTrue()
    {
        // Arrange: 64 pages of 4 KiB; each body takes about a page.
        await using var temp = await TempStore.CreateAsync(o => o with { MaxPageCount = 64 });
        var store = temp.Store;
        await StoreFilling.FillAsync(store);

        // Act
        var whenFull = await store.CheckWritableAsync(default).Within();
        var leased = await store.LeaseAsync(Lease(Se1, maxCount: 1000), default).Within();
        await store.AcknowledgeAsync(Se1, [.. leased.Select(l => l.Delivery)], T0, default).Within();
        var afterDraining = await store.CheckWritableAsync(default).Within();

        // Assert
        Assert.False(whenFull.CanCommit);
        Assert.Contains("full", whenFull.Description, StringComparison.Ordinal);
        Assert.True(afterDraining.CanCommit, afterDraining.Description);
    }

    [Fact]
    public async Task CheckWritableAsync_FullThenASmallSendFits_StaysFullUntilTheRoomToResume()
    {
        // Arrange: 256 pages of 4 KiB, and writable again only with 100,000 bytes of room.
        await using var temp = await TempStore.CreateAsync(o => o with { MaxPageCount = 256, ResumeRoomBytes = 100_000 });
        var store = temp.Store;
        Assert.NotNull((await StoreFilling.FillAsync(store, maxSends: 400)).Full);
        var leased = await store.LeaseAsync(Lease(Se1, maxCount: 1000), default).Within();

        // Act: acknowledging a few frees a few pages, enough for a small send but short of the margin.
        await store.AcknowledgeAsync(Se1, [.. leased.Take(4).Select(l => l.Delivery)], T0, default).Within();
        var smallSend = await store.SendAsync(New(messageId: "small", body: new byte[200]), default).Within();
        var nearlyFull = await store.CheckWritableAsync(default).Within();
        await store.AcknowledgeAsync(Se1, [.. leased.Skip(4).Select(l => l.Delivery)], T0, default).Within();
        var drained = await store.CheckWritableAsync(default).Within();

        // Assert
        Assert.Equal(SendOutcome.Stored, smallSend.Outcome);
        Assert.False(nearlyFull.CanCommit);
        Assert.StartsWith("The store is nearly full", nearlyFull.Description, StringComparison.Ordinal);
        Assert.True(drained.CanCommit, drained.Description);
    }

    [Fact]
    public async Task CheckWritableAsync_FullThenASmallSendFitsWithoutAMargin_WritableAgain()
    {
        // Arrange: the same store with no room to resume asked (the default).
        await using var temp = await TempStore.CreateAsync(o => o with { MaxPageCount = 256 });
        var store = temp.Store;
        Assert.NotNull((await StoreFilling.FillAsync(store, maxSends: 400)).Full);
        var leased = await store.LeaseAsync(Lease(Se1, maxCount: 1000), default).Within();

        // Act
        await store.AcknowledgeAsync(Se1, [.. leased.Take(4).Select(l => l.Delivery)], T0, default).Within();
        await store.SendAsync(New(messageId: "small", body: new byte[200]), default).Within();
        var check = await store.CheckWritableAsync(default).Within();

        // Assert
        Assert.True(check.CanCommit, check.Description);
    }

    [Fact]
    public async Task CheckWritableAsync_FileLockedByAnotherConnection_FalseUntilReleased()
    {
        // Arrange: a short busy timeout, so the probe gives up on the lock quickly.
        await using var temp = await TempStore.CreateAsync(o => o with { BusyTimeout = TimeSpan.FromMilliseconds(200) });
        var store = temp.Store;
        using var other = temp.OpenRawConnection();
        using (var begin = other.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE";
            begin.ExecuteNonQuery();
        }

        // Act: a failed send marks the store failing, and the probe confirms it while the lock is held.
        await Assert.ThrowsAnyAsync<Microsoft.Data.Sqlite.SqliteException>(() => store.SendAsync(New(), default).Within());
        var whileLocked = await store.CheckWritableAsync(default).Within();
        using (var rollback = other.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            rollback.ExecuteNonQuery();
        }

        var afterRelease = await store.CheckWritableAsync(default).Within();

        // Assert
        Assert.False(whileLocked.CanCommit);
        Assert.NotNull(whileLocked.Failure);
        Assert.True(afterRelease.CanCommit, afterRelease.Description);
    }
}
