using Skn.Domain.Storage;
using Skn.Store.Tests.Infrastructure;
using Skn.V1;
using static Skn.Store.Tests.Infrastructure.Envelopes;

namespace Skn.Store.Tests;

public sealed class LeaseTests
{
    [Fact]
    public async Task LeaseAsync_MixedMailbox_ReturnsRecipientsOldestFirstUpToLimit()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        var store = temp.Store;
        for (var i = 0; i < 5; i++)
        {
            await store.SendAsync(New(recipient: Se1, messageId: $"se1-{i}"), default).Within();
            await store.SendAsync(New(recipient: Se2, messageId: $"se2-{i}"), default).Within();
        }

        var now = T0.AddMinutes(1);

        // Act
        var leased = await store.LeaseAsync(Lease(Se1, maxCount: 3, now: now), default).Within();

        // Assert
        Assert.Equal(["se1-0", "se1-1", "se1-2"], leased.Select(l => l.Envelope.MessageId));
        Assert.All(leased, l =>
        {
            Assert.Equal(EnvelopeState.Delivered, l.Envelope.State);
            Assert.Equal(1, l.Envelope.Attempts);
            Assert.Equal(now.AddSeconds(30), l.Envelope.LeaseExpireTime);
            Assert.Equal(now, l.Envelope.FirstDeliveryTime);
            Assert.Equal((l.Envelope.MessageId, 1), (l.Delivery.MessageId, l.Delivery.Attempt));
            Assert.NotEqual(0u, l.Delivery.Epoch);
            Assert.Equal("sealed:" + l.Envelope.MessageId, System.Text.Encoding.ASCII.GetString(l.SealedContent.Span));
        });
        Assert.Equal(leased[0].Envelope, await store.FindAsync("se1-0", default).Within());
    }

    [Fact]
    public async Task LeaseAsync_TypeFilter_ReturnsOnlyThoseTypes()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        var store = temp.Store;
        await store.SendAsync(New(messageId: "kennisgeving", type: BerichtType.Kennisgeving), default).Within();
        await store.SendAsync(New(messageId: "saldo", type: BerichtType.Saldoverzoek), default).Within();
        await store.SendAsync(New(messageId: "voorstel", type: BerichtType.Betaalvoorstel), default).Within();
        await store.SendAsync(New(messageId: "saldo-2", type: BerichtType.Saldoverzoek), default).Within();

        // Act
        var leased = await store.LeaseAsync(
            Lease(Se1, types: [BerichtType.Saldoverzoek, BerichtType.Betaalvoorstel]), default).Within();

        // Assert
        Assert.Equal(["saldo", "voorstel", "saldo-2"], leased.Select(l => l.Envelope.MessageId));
        Assert.Equal("kennisgeving", Assert.Single(await store.LeaseAsync(Lease(Se1), default).Within()).Envelope.MessageId);
    }

    [Fact]
    public async Task LeaseAsync_TwoConcurrentCalls_ReturnDisjointEnvelopes()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        var store = temp.Store;
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => store.SendAsync(New(messageId: $"m-{i:D2}"), default))).Within();

        // Act
        var leases = await Task.WhenAll(
            Task.Run(() => store.LeaseAsync(Lease(Se1, maxCount: 25), default)),
            Task.Run(() => store.LeaseAsync(Lease(Se1, maxCount: 25), default))).Within();

        // Assert
        var first = leases[0].Select(l => l.Envelope.MessageId).ToHashSet();
        var second = leases[1].Select(l => l.Envelope.MessageId).ToHashSet();
        Assert.Empty(first.Intersect(second));
        Assert.Equal(40, first.Count + second.Count);
        Assert.All(leases.SelectMany(l => l), l => Assert.Equal(1, l.Envelope.Attempts));
    }

    [Fact]
    public async Task LeaseAsync_AfterLeaseExpired_RedeliversWithNextAttempt()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        var store = temp.Store;
        await store.SendAsync(New(messageId: "m-1"), default).Within();
        var first = Assert.Single(await store.LeaseAsync(Lease(Se1, now: T0), default).Within());

        // Act
        var whileLeased = await store.LeaseAsync(Lease(Se1, now: T0.AddSeconds(29)), default).Within();
        var afterLease = await store.LeaseAsync(Lease(Se1, now: T0.AddSeconds(30)), default).Within();

        // Assert
        Assert.Empty(whileLeased);
        var second = Assert.Single(afterLease);
        Assert.Equal(2, second.Envelope.Attempts);
        Assert.Equal(first.Envelope.FirstDeliveryTime, second.Envelope.FirstDeliveryTime);
        Assert.Equal(T0.AddSeconds(60), second.Envelope.LeaseExpireTime);
        Assert.Equal(first.SealedContent.ToArray(), second.SealedContent.ToArray());
    }

    [Fact]
    public async Task LeaseAsync_ExpireTimePassedButNotSwept_IsNotLeased()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        await temp.Store.SendAsync(New(expireTime: T0.AddHours(1)), default).Within();

        // Act
        var leased = await temp.Store.LeaseAsync(Lease(Se1, now: T0.AddHours(1)), default).Within();

        // Assert
        Assert.Empty(leased);
    }

    [Fact]
    public async Task ReleaseAsync_CurrentDelivery_MakesEnvelopeLeasableAtOnce()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        var store = temp.Store;
        await store.SendAsync(New(messageId: "m-1"), default).Within();
        var first = Assert.Single(await store.LeaseAsync(Lease(Se1, now: T0, leaseFor: TimeSpan.FromMinutes(5)), default).Within());

        // Act
        await store.ReleaseAsync([first.Delivery], failed: true, default).Within();
        var released = await store.FindAsync("m-1", default).Within();
        var again = await store.LeaseAsync(Lease(Se1, now: T0.AddSeconds(1)), default).Within();

        // Assert
        Assert.Equal(EnvelopeState.Delivered, released!.State);
        Assert.Null(released.LeaseExpireTime);
        Assert.Equal(1, released.Attempts);
        Assert.Equal(2, Assert.Single(again).Envelope.Attempts);
    }

    [Fact]
    public async Task ReleaseAsync_StaleDelivery_DoesNotEndCurrentLease()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        var store = temp.Store;
        await store.SendAsync(New(messageId: "m-1"), default).Within();
        var first = Assert.Single(await store.LeaseAsync(Lease(Se1, now: T0), default).Within());
        Assert.Single(await store.LeaseAsync(Lease(Se1, now: T0.AddMinutes(1)), default).Within());

        // Act
        await store.ReleaseAsync([first.Delivery, new DeliveryRef("unknown", 1)], failed: true, default).Within();
        var leased = await store.LeaseAsync(Lease(Se1, now: T0.AddMinutes(1).AddSeconds(1)), default).Within();

        // Assert
        Assert.Empty(leased);
    }

    [Fact]
    public async Task CountPendingAsync_MixedStates_CountsPendingAndDeliveredOfRecipientOnly()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        var store = temp.Store;
        for (var i = 0; i < 4; i++)
        {
            await store.SendAsync(New(recipient: Se1), default).Within();
        }

        await store.SendAsync(New(recipient: Se2), default).Within();
        var leased = await store.LeaseAsync(Lease(Se1, maxCount: 2), default).Within();
        await store.AcknowledgeAsync(Se1, [leased[0].Delivery], T0, default).Within();

        // Act
        var se1 = await store.CountPendingAsync(Se1, default).Within();
        var se2 = await store.CountPendingAsync(Se2, default).Within();
        var shv = await store.CountPendingAsync(Shv, default).Within();

        // Assert
        Assert.Equal(3, se1);
        Assert.Equal(1, se2);
        Assert.Equal(0, shv);
    }
}
