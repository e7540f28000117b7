using Skn.Domain.Storage;
using Skn.Store.Tests.Infrastructure;
using Skn.V1;
using static Skn.Store.Tests.Infrastructure.Envelopes;

namespace Skn.Store.Tests;

public sealed class ExpireTests
{
    [Fact]
    public async Task ExpireAsync_PendingAndLeasedDue_DeletesBodiesAndRecordsExpired()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        var store = temp.Store;
        var pendingMarker = Marker();
        var leasedMarker = Marker();
        await store.SendAsync(New(recipient: Se1, messageId: "leased", expireTime: T0.AddDays(1), body: BodyWith(leasedMarker, 500)), default).Within();
        await store.SendAsync(New(recipient: Se2, messageId: "pending", expireTime: T0.AddDays(2), body: BodyWith(pendingMarker, 500)), default).Within();
        await store.SendAsync(New(recipient: Se2, messageId: "later", expireTime: T0.AddDays(5)), default).Within();
        Assert.Single(await store.LeaseAsync(Lease(Se1, leaseFor: TimeSpan.FromDays(10)), default).Within());
        await store.CheckpointAsync(default).Within();
        var now = T0.AddDays(3);

        // Act
        var expired = await store.ExpireAsync(now, 100, default).Within();
        var nextExpire = await store.NextExpireTimeAsync(default).Within();
        var later = await store.FindAsync("later", default).Within();
        await temp.CloseAsync();

        // Assert
        Assert.Equal(["leased", "pending"], expired.Select(e => e.MessageId));
        Assert.All(expired, e =>
        {
            Assert.Equal(EnvelopeState.Expired, e.State);
            Assert.Equal(now, e.OutcomeTime);
            Assert.Null(e.LeaseExpireTime);
        });
        Assert.Equal(1, expired[0].Attempts);
        Assert.Equal(EnvelopeState.Pending, later!.State);
        Assert.Equal(T0.AddDays(5), nextExpire);
        Assert.False(temp.FilesContain(pendingMarker));
        Assert.False(temp.FilesContain(leasedMarker));
    }

    [Fact]
    public async Task ExpireAsync_MoreDueThanMaxCount_ExpiresEarliestFirst()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        var store = temp.Store;
        await store.SendAsync(New(messageId: "third", expireTime: T0.AddHours(3)), default).Within();
        await store.SendAsync(New(messageId: "first", expireTime: T0.AddHours(1)), default).Within();
        await store.SendAsync(New(messageId: "second", expireTime: T0.AddHours(2)), default).Within();

        // Act
        var batch = await store.ExpireAsync(T0.AddDays(1), 2, default).Within();
        var rest = await store.ExpireAsync(T0.AddDays(1), 2, default).Within();
        var none = await store.ExpireAsync(T0.AddDays(1), 2, default).Within();

        // Assert
        Assert.Equal(["first", "second"], batch.Select(e => e.MessageId));
        Assert.Equal(["third"], rest.Select(e => e.MessageId));
        Assert.Empty(none);
        Assert.Null(await store.NextExpireTimeAsync(default).Within());
    }

    [Fact]
    public async Task ExpireAsync_TimeBudgetSpent_CommitsWhatItHasAndTheNextCallGoesOn()
    {
        // Arrange: a budget already spent when the first chunk is done, so each call is one chunk
        // of 128 (a sweep of a large backlog: many short transactions, sends in between).
        await using var temp = await TempStore.CreateAsync(o => o with { ExpiryTimeBudget = TimeSpan.Zero });
        var store = temp.Store;
        // Later sends expire earlier, so "oldest first" is not simply the order they were stored in.
        await Task.WhenAll(Enumerable.Range(0, 300)
            .Select(i => store.SendAsync(New(messageId: $"m-{i:D3}", expireTime: T0.AddHours(1).AddSeconds(300 - i)), default))).Within();

        // Act
        var batches = new List<IReadOnlyList<EnvelopeRecord>>();
        for (var call = 0; call < 5; call++)
        {
            batches.Add(await store.ExpireAsync(T0.AddDays(1), 5000, default).Within());
        }

        // Assert: oldest first, each expired once, and an empty answer once all are done.
        Assert.Equal([128, 128, 44, 0, 0], batches.Select(b => b.Count));
        Assert.Equal(Enumerable.Range(0, 300).Reverse().Select(i => $"m-{i:D3}"), batches.SelectMany(b => b).Select(e => e.MessageId));
        Assert.All(batches.SelectMany(b => b), e => Assert.Equal(EnvelopeState.Expired, e.State));
        Assert.Equal(PendingVolume.None, store.PendingCounts.Total);
    }

    [Fact]
    public async Task ExpireAsync_AcknowledgedEnvelope_IsNotExpired()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        var store = temp.Store;
        await store.SendAsync(New(messageId: "m-1", expireTime: T0.AddHours(1)), default).Within();
        var delivery = Assert.Single(await store.LeaseAsync(Lease(Se1), default).Within()).Delivery;
        await store.AcknowledgeAsync(Se1, [delivery], T0, default).Within();

        // Act
        var expired = await store.ExpireAsync(T0.AddDays(1), 10, default).Within();

        // Assert
        Assert.Empty(expired);
        Assert.Equal(EnvelopeState.Acknowledged, (await store.FindAsync("m-1", default).Within())!.State);
    }

    [Fact]
    public async Task ExtendAsync_FirstTime_ExtendsThenReturnsAlreadyExtended()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        var store = temp.Store;
        await store.SendAsync(New(messageId: "m-1", expireTime: T0.AddDays(7)), default).Within();

        // Act
        var first = await store.ExtendAsync(Se1, "m-1", 14, T0.AddDays(21), default).Within();
        var second = await store.ExtendAsync(Se1, "m-1", 28, T0.AddDays(35), default).Within();
        var expiredAtOldTime = await store.ExpireAsync(T0.AddDays(8), 10, default).Within();

        // Assert
        Assert.Equal(ExtendOutcome.Extended, first.Outcome);
        Assert.Equal(T0.AddDays(21), first.Envelope!.ExpireTime);
        Assert.Equal(14, first.Envelope.ExtensionDays);
        Assert.Equal(ExtendOutcome.AlreadyExtended, second.Outcome);
        Assert.Equal(first.Envelope, second.Envelope);
        Assert.Empty(expiredAtOldTime);
        Assert.Equal(T0.AddDays(21), await store.NextExpireTimeAsync(default).Within());
    }

    [Fact]
    public async Task ExtendAsync_OtherMailboxUnknownOrTerminal_ReturnsNotFound()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        var store = temp.Store;
        await store.SendAsync(New(messageId: "mine", recipient: Se1), default).Within();
        await store.SendAsync(New(messageId: "done", recipient: Se1, expireTime: T0.AddHours(1)), default).Within();
        await store.ExpireAsync(T0.AddHours(1), 10, default).Within();

        // Act
        var otherMailbox = await store.ExtendAsync(Se2, "mine", 7, T0.AddDays(14), default).Within();
        var unknown = await store.ExtendAsync(Se1, "unknown", 7, T0.AddDays(14), default).Within();
        var terminal = await store.ExtendAsync(Se1, "done", 7, T0.AddDays(14), default).Within();

        // Assert
        Assert.Equal((ExtendOutcome.NotFound, null), otherMailbox);
        Assert.Equal((ExtendOutcome.NotFound, null), unknown);
        Assert.Equal((ExtendOutcome.NotFound, null), terminal);
        Assert.Equal(0, (await store.FindAsync("mine", default).Within())!.ExtensionDays);
    }
}
