using Skn.Domain.Storage;
using Skn.Store.Tests.Infrastructure;
using Skn.V1;
using static Skn.Store.Tests.Infrastructure.Envelopes;

namespace Skn.Store.Tests;

public sealed class StorageFullTests
{
    [Fact]
    public async Task SendAsync_StorageFull_ThrowsStoreFullExceptionWhileLeaseAndAcknowledgeStillWork()
    {
        // Arrange: 64 pages of 4 KiB; each body takes about a page.
        await using var temp = await TempStore.CreateAsync(o => o with { MaxPageCount = 64 });
        var store = temp.Store;
        var (stored, full) = await StoreFilling.FillAsync(store);

        // Act
        var leased = await store.LeaseAsync(Lease(Se1, maxCount: 1000), default).Within();
        var acknowledged = await store.AcknowledgeAsync(Se1, leased.Take(5).Select(l => l.Delivery).ToArray(), T0, default).Within();
        var expired = await store.ExpireAsync(T0.AddDays(30), 3, default).Within();
        var afterDraining = await store.SendAsync(New(messageId: "after-draining", body: new byte[3000]), default).Within();

        // Assert
        Assert.NotNull(full);
        Assert.StartsWith("The node's storage is full", full.Message);
        Assert.InRange(stored, 5, 199);
        Assert.Equal(stored, leased.Count);
        Assert.All(acknowledged, r => Assert.Equal(AcknowledgeOutcome.Acknowledged, r.Outcome));
        Assert.Equal(3, expired.Count);
        Assert.Equal(SendOutcome.Stored, afterDraining.Outcome);
        Assert.Null(await store.FindAsync($"m-{stored:D3}", default).Within());
        Assert.Equal("ok", await store.IntegrityCheckAsync(default).Within());
    }

    [Fact]
    public async Task SendAsync_StorageFullInBatch_OtherOperationsOfBatchSucceed()
    {
        // Arrange: fill the store, then queue a send and an acknowledgement behind the gate.
        await using var temp = await TempStore.CreateAsync(o => o with { MaxPageCount = 64 });
        var store = temp.Store;
        Assert.NotNull((await StoreFilling.FillAsync(store)).Full);

        var delivery = (await store.LeaseAsync(Lease(Se1, maxCount: 1), default).Within())[0].Delivery;
        Task<SendResult> send;
        Task<IReadOnlyList<AcknowledgeResult>> acknowledge;
        using (var gate = WriterGate.Hold(store))
        {
            send = store.SendAsync(New(messageId: "too-much", body: new byte[20_000]), default);
            acknowledge = store.AcknowledgeAsync(Se1, [delivery], T0, default);

            // Act
            gate.Release();
        }

        // Assert
        await Assert.ThrowsAsync<StoreFullException>(() => send.Within());
        Assert.Equal(AcknowledgeOutcome.Acknowledged, Assert.Single(await acknowledge.Within()).Outcome);
    }
}
