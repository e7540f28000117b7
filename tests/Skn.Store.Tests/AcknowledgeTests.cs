using Skn.Domain.Storage;
using Skn.Store.Tests.Infrastructure;
using Skn.V1;
using static Skn.Store.Tests.Infrastructure.Envelopes;

namespace Skn.Store.Tests;

public sealed class AcknowledgeTests
{
    [Theory]
    [InlineData(300)] // the body fits in its table page
    [InlineData(20_000)] // the body spills into overflow pages
    public async Task AcknowledgeAsync_CurrentDelivery_DeletesBodyFromDatabaseFiles(int bodySize)
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        var store = temp.Store;
        var gone = Marker();
        var kept = Marker();
        await store.SendAsync(New(messageId: "gone", body: BodyWith(gone, bodySize)), default).Within();
        await store.SendAsync(New(messageId: "kept", recipient: Se2, body: BodyWith(kept, bodySize)), default).Within();
        await store.CheckpointAsync(default).Within(); // the body is in the database file itself, not only the WAL
        var delivery = Assert.Single(await store.LeaseAsync(Lease(Se1), default).Within()).Delivery;

        // Act
        var results = await store.AcknowledgeAsync(Se1, [delivery], T0.AddMinutes(1), default).Within();
        var record = await store.FindAsync("gone", default).Within();
        await temp.CloseAsync();

        // Assert
        Assert.Equal([new AcknowledgeResult(delivery, AcknowledgeOutcome.Acknowledged) { Type = BerichtType.Saldoverzoek }], results);
        Assert.Equal(EnvelopeState.Acknowledged, record!.State);
        Assert.Equal(T0.AddMinutes(1), record.OutcomeTime);
        Assert.Null(record.LeaseExpireTime);
        Assert.Equal(bodySize, record.SealedContentSize);
        Assert.False(temp.FilesContain(gone), "The acknowledged body is still in the database files.");
        Assert.True(temp.FilesContain(kept), "The search does not find a body that is still stored.");
    }

    [Fact]
    public async Task AcknowledgeAsync_StaleAttempt_ReturnsSupersededAndKeepsBody()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        var store = temp.Store;
        await store.SendAsync(New(messageId: "m-1"), default).Within();
        var first = Assert.Single(await store.LeaseAsync(Lease(Se1, now: T0), default).Within());
        Assert.Single(await store.LeaseAsync(Lease(Se1, now: T0.AddMinutes(1)), default).Within());

        // Act
        var results = await store.AcknowledgeAsync(Se1, [first.Delivery], T0.AddMinutes(1), default).Within();
        var third = await store.LeaseAsync(Lease(Se1, now: T0.AddMinutes(2)), default).Within();

        // Assert
        Assert.Equal(AcknowledgeOutcome.Superseded, Assert.Single(results).Outcome);
        var redelivered = Assert.Single(third);
        Assert.Equal(3, redelivered.Envelope.Attempts);
        Assert.Equal(first.SealedContent.ToArray(), redelivered.SealedContent.ToArray());
    }

    [Fact]
    public async Task AcknowledgeAsync_OtherRecipientsOrUnknownEnvelope_ReturnsNotFound()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        var store = temp.Store;
        await store.SendAsync(New(recipient: Se1, messageId: "m-1"), default).Within();
        var delivery = Assert.Single(await store.LeaseAsync(Lease(Se1), default).Within()).Delivery;

        // Act
        var results = await store.AcknowledgeAsync(Se2, [delivery, new DeliveryRef("unknown", 1)], T0, default).Within();

        // Assert
        Assert.All(results, r => Assert.Equal(AcknowledgeOutcome.NotFound, r.Outcome));
        Assert.Equal(EnvelopeState.Delivered, (await store.FindAsync("m-1", default).Within())!.State);
    }

    [Fact]
    public async Task AcknowledgeAsync_NeverDelivered_ReturnsNotFound()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        await temp.Store.SendAsync(New(messageId: "m-1"), default).Within();

        // Act
        var results = await temp.Store.AcknowledgeAsync(Se1, [new DeliveryRef("m-1", 0)], T0, default).Within();

        // Assert
        Assert.Equal(AcknowledgeOutcome.NotFound, Assert.Single(results).Outcome);
        Assert.Equal(EnvelopeState.Pending, (await temp.Store.FindAsync("m-1", default).Within())!.State);
    }

    [Fact]
    public async Task AcknowledgeAsync_Twice_ReturnsAlreadyAcknowledged()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        var store = temp.Store;
        await store.SendAsync(New(messageId: "m-1"), default).Within();
        var first = Assert.Single(await store.LeaseAsync(Lease(Se1, now: T0), default).Within()).Delivery;
        var second = Assert.Single(await store.LeaseAsync(Lease(Se1, now: T0.AddMinutes(1)), default).Within()).Delivery;

        // Act
        var once = await store.AcknowledgeAsync(Se1, [second, second], T0.AddMinutes(2), default).Within();
        var again = await store.AcknowledgeAsync(Se1, [second, first], T0.AddMinutes(3), default).Within();

        // Assert
        Assert.Equal([AcknowledgeOutcome.Acknowledged, AcknowledgeOutcome.AlreadyAcknowledged], once.Select(r => r.Outcome));
        Assert.Equal([AcknowledgeOutcome.AlreadyAcknowledged, AcknowledgeOutcome.Superseded], again.Select(r => r.Outcome));
        Assert.Equal(T0.AddMinutes(2), (await store.FindAsync("m-1", default).Within())!.OutcomeTime);
        Assert.Empty(await store.LeaseAsync(Lease(Se1, now: T0.AddHours(1)), default).Within());
    }

    [Fact]
    public async Task AcknowledgeAsync_ExpiredEnvelope_ReturnsExpired()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        var store = temp.Store;
        await store.SendAsync(New(messageId: "m-1", expireTime: T0.AddHours(1)), default).Within();
        var delivery = Assert.Single(await store.LeaseAsync(Lease(Se1), default).Within()).Delivery;
        Assert.Single(await store.ExpireAsync(T0.AddHours(1), 10, default).Within());

        // Act
        var results = await store.AcknowledgeAsync(Se1, [delivery], T0.AddHours(2), default).Within();

        // Assert
        Assert.Equal(AcknowledgeOutcome.Expired, Assert.Single(results).Outcome);
        Assert.Equal(EnvelopeState.Expired, (await store.FindAsync("m-1", default).Within())!.State);
    }

    [Fact]
    public async Task AcknowledgeAsync_MixedBatch_ReturnsResultsInRequestOrder()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        var store = temp.Store;
        await store.SendAsync(New(messageId: "a"), default).Within();
        await store.SendAsync(New(messageId: "b"), default).Within();
        var leased = await store.LeaseAsync(Lease(Se1), default).Within();
        DeliveryRef[] request = [leased[1].Delivery, new DeliveryRef("nope", 1), new DeliveryRef("a", 7), leased[0].Delivery];

        // Act
        var results = await store.AcknowledgeAsync(Se1, request, T0, default).Within();

        // Assert
        Assert.Equal(request, results.Select(r => r.Delivery));
        Assert.Equal(
            [AcknowledgeOutcome.Acknowledged, AcknowledgeOutcome.NotFound, AcknowledgeOutcome.Superseded, AcknowledgeOutcome.Acknowledged],
            results.Select(r => r.Outcome));
        Assert.Equal(0, await store.CountPendingAsync(Se1, default).Within());
    }
}
