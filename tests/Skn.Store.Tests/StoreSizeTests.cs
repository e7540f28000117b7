using Skn.Domain.Storage;
using Skn.Store.Tests.Infrastructure;
using static Skn.Store.Tests.Infrastructure.Envelopes;

namespace Skn.Store.Tests;

/// <summary>The store's size as an operator watches it approach Skn:MaxDatabasePages.</summary>
public sealed class StoreSizeTests
{
    private const int Bodies = 40;
    private const int BodyBytes = 20_000;

    [Fact]
    public async Task ReadSizeAsync_BodiesStoredThenAcknowledged_UsedGrowsThenFreesPages()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync(o => o with { MaxPageCount = 10_000 });
        var store = temp.Store;
        var empty = await store.ReadSizeAsync(default).Within();
        for (var i = 0; i < Bodies; i++)
        {
            await store.SendAsync(New(messageId: $"m-{i:D2}", body: new byte[BodyBytes]), default).Within();
        }

        // Act
        var stored = await store.ReadSizeAsync(default).Within();
        var leased = await store.LeaseAsync(Lease(Se1, maxCount: Bodies), default).Within();
        await store.AcknowledgeAsync(Se1, leased.Select(l => l.Delivery).ToArray(), T0, default).Within();
        var acknowledged = await store.ReadSizeAsync(default).Within();

        // Assert: the bodies take their bytes; acknowledging frees their pages inside the file
        // (the trail rows stay), and the file does not shrink.
        Assert.Equal(10_000L * 4096, stored.LimitBytes);
        Assert.InRange(stored.UsedBytes - empty.UsedBytes, Bodies * BodyBytes, Bodies * BodyBytes * 2);
        Assert.InRange(acknowledged.FreeBytes, Bodies * BodyBytes * 9 / 10, Bodies * BodyBytes * 2);
        Assert.True(acknowledged.UsedBytes < stored.UsedBytes - Bodies * BodyBytes * 9 / 10, $"{acknowledged} after {stored}");
        Assert.Equal(stored.FileBytes, acknowledged.FileBytes);
    }

    [Fact]
    public async Task ReadSizeAsync_NoLimit_HasNoLimit()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();

        // Act
        var size = await temp.Store.ReadSizeAsync(default).Within();

        // Assert: a new store holds its schema and nothing else.
        Assert.Null(size.LimitBytes);
        Assert.InRange(size.UsedBytes, 4096, 1024 * 1024);
        Assert.Equal(0, size.FreeBytes);
    }
}
