using Skn.Domain.Storage;
using Skn.Store.Tests.Infrastructure;
using static Skn.Store.Tests.Infrastructure.Envelopes;

namespace Skn.Store.Tests;

/// <summary>The per-sender bound on what waits for recipients, so one sender cannot fill the shared store.</summary>
public sealed class SenderLimitTests
{
    [Fact]
    public async Task SendAsync_SenderAtItsEnvelopeLimit_StoresNothingWhileOtherSendersGoOn()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync(o => o with { MaxPendingEnvelopesPerSender = 3 });
        var store = temp.Store;
        for (var i = 0; i < 3; i++)
        {
            await store.SendAsync(New(messageId: $"m-{i}"), default).Within();
        }

        // Act
        var over = await store.SendAsync(New(messageId: "over"), default).Within();
        var otherSender = await store.SendAsync(New(sender: Se2, recipient: Se1, messageId: "other"), default).Within();

        // Assert
        Assert.Equal(new SendResult(null, SendOutcome.SenderPendingLimitReached), over);
        Assert.Null(await store.FindAsync("over", default).Within());
        Assert.Equal(SendOutcome.Stored, otherSender.Outcome);
        Assert.Equal(new PendingVolume(3, 3 * "sealed:m-0".Length), store.PendingCounts.ForSender(Shv));
    }

    [Fact]
    public async Task SendAsync_RetryOfAStoredSendAtTheLimit_StillAnsweredAsDuplicate()
    {
        await using var temp = await TempStore.CreateAsync(o => o with { MaxPendingEnvelopesPerSender = 1 });
        var store = temp.Store;
        var first = New(messageId: "m-1", requestId: "r-1");
        await store.SendAsync(first, default).Within();

        var retry = await store.SendAsync(first, default).Within();

        Assert.Equal(SendOutcome.Duplicate, retry.Outcome);
        Assert.Equal("m-1", retry.Envelope!.MessageId);
    }

    [Fact]
    public async Task SendAsync_ManyConcurrentSendsInOneBatch_NeverPassTheLimitTogether()
    {
        await using var temp = await TempStore.CreateAsync(o => o with { MaxPendingEnvelopesPerSender = 5 });
        var store = temp.Store;

        // Queued together, these are committed in one group-commit batch or a few.
        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => store.SendAsync(New(messageId: $"m-{i}"), default))).Within();

        Assert.Equal(5, results.Count(r => r.Outcome == SendOutcome.Stored));
        Assert.Equal(35, results.Count(r => r.Outcome == SendOutcome.SenderPendingLimitReached));
        Assert.Equal(5, await store.CountPendingAsync(Se1, default).Within());
    }

    [Fact]
    public async Task SendAsync_OverItsByteLimit_RefusedUntilARecipientAcknowledges()
    {
        // Arrange: room for two bodies of 1,000 bytes, not three.
        await using var temp = await TempStore.CreateAsync(o => o with { MaxPendingBytesPerSender = 2_500 });
        var store = temp.Store;
        await store.SendAsync(New(messageId: "m-1", body: new byte[1_000]), default).Within();
        await store.SendAsync(New(messageId: "m-2", recipient: Se2, body: new byte[1_000]), default).Within();
        var refused = await store.SendAsync(New(messageId: "m-3", body: new byte[1_000]), default).Within();

        // Act: one recipient acknowledges, which frees room.
        var delivery = Assert.Single(await store.LeaseAsync(Lease(Se1), default).Within()).Delivery;
        await store.AcknowledgeAsync(Se1, [delivery], T0.AddMinutes(1), default).Within();
        var afterAck = await store.SendAsync(New(messageId: "m-3", body: new byte[1_000]), default).Within();

        // Assert
        Assert.Equal(SendOutcome.SenderPendingLimitReached, refused.Outcome);
        Assert.Equal(SendOutcome.Stored, afterAck.Outcome);
        Assert.Equal(new PendingVolume(2, 2_000), store.PendingCounts.ForSender(Shv));
    }
}
