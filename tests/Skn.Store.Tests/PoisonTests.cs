using Skn.Domain.Storage;
using Skn.Store.Tests.Infrastructure;
using Skn.V1;
using static Skn.Store.Tests.Infrastructure.Envelopes;

namespace Skn.Store.Tests;

/// <summary>The poison list: envelopes whose deliveries keep ending unacknowledged are set aside.</summary>
public sealed class PoisonTests
{
    private static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task LeaseAsync_LeaseRunsOutMaxTimes_SetsAsideAndKeepsBody()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync(o => o with { MaxFailedDeliveries = 3 });
        var store = temp.Store;
        var marker = Marker();
        await store.SendAsync(New(messageId: "poison", body: BodyWith(marker, 500)), default).Within();
        await store.SendAsync(New(messageId: "healthy", sendTime: T0.AddSeconds(1)), default).Within();

        // Act: three leases of "poison" run out; the fourth lease call finds it set aside.
        var attempts = new List<int>();
        var now = T0;
        for (var i = 0; i < 3; i++)
        {
            var leased = await store.LeaseAsync(Lease(Se1, maxCount: 1, now: now, leaseFor: LeaseTime), default).Within();
            attempts.Add(Assert.Single(leased, l => l.Envelope.MessageId == "poison").Envelope.Attempts);
            now += LeaseTime + TimeSpan.FromSeconds(1);
        }

        var afterwards = await store.LeaseAsync(Lease(Se1, now: now), default).Within();
        var record = await store.FindAsync("poison", default).Within();
        var poisonList = await store.ListTrailAsync(new TrailQuery { ParticipantOin = Se1, PageSize = 10, States = [EnvelopeState.Poisoned] }, default).Within();
        await temp.CloseAsync();

        // Assert
        Assert.Equal([1, 2, 3], attempts);
        Assert.Equal(["healthy"], afterwards.Select(l => l.Envelope.MessageId));
        Assert.Equal((EnvelopeState.Poisoned, 3), (record!.State, record.Attempts));
        Assert.Equal(["poison"], poisonList.Entries.Select(e => e.MessageId));
        Assert.True(temp.FilesContain(marker), "A poisoned envelope keeps its body until it expires.");
    }

    [Fact]
    public async Task ReleaseAsync_StreamsEndedHoldingIt_CountAsFailuresUnlessTheNodeEndedThem()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync(o => o with { MaxFailedDeliveries = 2 });
        var store = temp.Store;
        await store.SendAsync(New(messageId: "m-1"), default).Within();

        // Act: the node ends two deliveries (shutting down), then a fetcher lets two go.
        var states = new List<EnvelopeState>();
        foreach (var failed in new[] { false, false, true, true })
        {
            var leased = Assert.Single(await store.LeaseAsync(Lease(Se1), default).Within());
            await store.ReleaseAsync([leased.Delivery], failed, default).Within();
            states.Add((await store.FindAsync("m-1", default).Within())!.State);
        }

        var afterwards = await store.LeaseAsync(Lease(Se1), default).Within();

        // Assert
        Assert.Equal([EnvelopeState.Delivered, EnvelopeState.Delivered, EnvelopeState.Delivered, EnvelopeState.Poisoned], states);
        Assert.Empty(afterwards);
    }

    [Fact]
    public async Task ReleasePoisonedAsync_PoisonedEnvelope_DeliverableAgainWithAFreshAllowance()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync(o => o with { MaxFailedDeliveries = 1 });
        var store = temp.Store;
        await store.SendAsync(New(messageId: "poison"), default).Within();
        await store.SendAsync(New(messageId: "pending", sendTime: T0.AddSeconds(1)), default).Within();
        await store.SendAsync(New(messageId: "someone-elses", recipient: Se2), default).Within();
        var first = Assert.Single(await store.LeaseAsync(Lease(Se1, maxCount: 1), default).Within());
        await store.ReleaseAsync([first.Delivery], failed: true, default).Within();

        // Act
        var outcomes = await store.ReleasePoisonedAsync(Se1, ["poison", "pending", "someone-elses", "unknown"], default).Within();
        var again = await store.ReleasePoisonedAsync(Se1, ["poison"], default).Within();
        var leased = await store.LeaseAsync(Lease(Se1, maxCount: 1), default).Within();

        // Assert
        Assert.Equal(
            [ReleasePoisonedOutcome.Released, ReleasePoisonedOutcome.NotPoisoned, ReleasePoisonedOutcome.NotFound, ReleasePoisonedOutcome.NotFound],
            outcomes);
        Assert.Equal([ReleasePoisonedOutcome.NotPoisoned], again);
        var redelivered = Assert.Single(leased);
        Assert.Equal(("poison", 2), (redelivered.Envelope.MessageId, redelivered.Envelope.Attempts));
    }

    [Fact]
    public async Task AcknowledgeAsync_PoisonedEnvelopeWithItsLastToken_Acknowledges()
    {
        // Arrange: the fetcher processed it but its acknowledgement came after the lease ran out.
        await using var temp = await TempStore.CreateAsync(o => o with { MaxFailedDeliveries = 1 });
        var store = temp.Store;
        await store.SendAsync(New(messageId: "late"), default).Within();
        var delivery = Assert.Single(await store.LeaseAsync(Lease(Se1, now: T0, leaseFor: LeaseTime), default).Within()).Delivery;
        Assert.Empty(await store.LeaseAsync(Lease(Se1, now: T0 + LeaseTime), default).Within());

        // Act
        var result = Assert.Single(await store.AcknowledgeAsync(Se1, [delivery], T0.AddMinutes(2), default).Within());
        var record = await store.FindAsync("late", default).Within();

        // Assert
        Assert.Equal(AcknowledgeOutcome.Acknowledged, result.Outcome);
        Assert.Equal(EnvelopeState.Acknowledged, record!.State);
    }

    [Fact]
    public async Task ExpireAsync_PoisonedEnvelope_ExpiresAndLosesBody()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync(o => o with { MaxFailedDeliveries = 1 });
        var store = temp.Store;
        var marker = Marker();
        await store.SendAsync(New(messageId: "poison", expireTime: T0.AddDays(1), body: BodyWith(marker, 500)), default).Within();
        var delivery = Assert.Single(await store.LeaseAsync(Lease(Se1), default).Within()).Delivery;
        await store.ReleaseAsync([delivery], failed: true, default).Within();

        // Act
        var next = await store.NextExpireTimeAsync(default).Within();
        var expired = await store.ExpireAsync(T0.AddDays(1), 10, default).Within();
        await store.CheckpointAsync(default).Within();
        await temp.CloseAsync();

        // Assert
        Assert.Equal(T0.AddDays(1), next);
        Assert.Equal(("poison", EnvelopeState.Expired), (Assert.Single(expired).MessageId, expired[0].State));
        Assert.False(temp.FilesContain(marker), "An expired poisoned envelope keeps its body.");
    }

    [Fact]
    public async Task ListTrailAsync_StatesFilter_ReadsLeasedEnvelopesAsDelivered()
    {
        // Arrange: one pending, one leased (stored as pending, read as delivered), one acknowledged.
        await using var temp = await TempStore.CreateAsync();
        var store = temp.Store;
        await store.SendAsync(New(messageId: "leased"), default).Within();
        await store.SendAsync(New(messageId: "acked", sendTime: T0.AddSeconds(1)), default).Within();
        var leases = await store.LeaseAsync(Lease(Se1, maxCount: 2), default).Within();
        await store.AcknowledgeAsync(Se1, [leases[1].Delivery], T0, default).Within();
        await store.SendAsync(New(messageId: "pending", sendTime: T0.AddSeconds(2)), default).Within();

        // Act
        TrailQuery Query(params EnvelopeState[] states) => new() { ParticipantOin = Se1, PageSize = 10, States = states };
        var pending = await store.ListTrailAsync(Query(EnvelopeState.Pending), default).Within();
        var delivered = await store.ListTrailAsync(Query(EnvelopeState.Delivered), default).Within();
        var settled = await store.ListTrailAsync(Query(EnvelopeState.Acknowledged, EnvelopeState.Expired), default).Within();

        // Assert
        Assert.Equal(["pending"], pending.Entries.Select(e => e.MessageId));
        Assert.Equal(["leased"], delivered.Entries.Select(e => e.MessageId));
        Assert.Equal(["acked"], settled.Entries.Select(e => e.MessageId));
    }
}
