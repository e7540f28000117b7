using Skn.Domain.Storage;
using Skn.Store.Tests.Infrastructure;
using Skn.V1;
using static Skn.Store.Tests.Infrastructure.Envelopes;

namespace Skn.Store.Tests;

public sealed class SendTests
{
    [Fact]
    public async Task SendAsync_NewEnvelope_IsStoredAndFoundByIdAndRequestId()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        var sendTime = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(1)).AddTicks(12_345);
        var envelope = New(sendTime: sendTime, requestId: "retry-key-1", replyDueDate: new DateOnly(2026, 3, 16)) with
        {
            InReplyTo = "a1b2c3d4-0000-4000-8000-000000000009",
        };

        // Act
        var result = await temp.Store.SendAsync(envelope, default).Within();
        var byId = await temp.Store.FindAsync(envelope.MessageId, default).Within();
        var byRequest = await temp.Store.FindByRequestIdAsync(Shv, "retry-key-1", default).Within();

        // Assert
        Assert.Equal(SendOutcome.Stored, result.Outcome);
        var stored = Assert.IsType<EnvelopeRecord>(result.Envelope);
        Assert.True(stored.Sequence > 0);
        Assert.Equal(EnvelopeState.Pending, stored.State);
        Assert.Equal(0, stored.Attempts);
        Assert.Equal(envelope.SealedContent.Length, stored.SealedContentSize);
        Assert.Equal(TimeSpan.Zero, stored.SendTime.Offset);
        Assert.Equal(sendTime.ToUnixTimeMilliseconds(), stored.SendTime.ToUnixTimeMilliseconds());
        Assert.Equal("a1b2c3d4-0000-4000-8000-000000000009", stored.InReplyTo);
        Assert.Equal(new DateOnly(2026, 3, 16), stored.ReplyDueDate);
        Assert.Equal(stored, byId);
        Assert.Equal(stored, byRequest);
    }

    [Fact]
    public async Task SendAsync_UnknownIds_FindReturnsNull()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();

        // Act
        var byId = await temp.Store.FindAsync("no-such-id", default).Within();
        var byRequest = await temp.Store.FindByRequestIdAsync(Shv, "no-such-request", default).Within();

        // Assert
        Assert.Null(byId);
        Assert.Null(byRequest);
    }

    [Fact]
    public async Task SendAsync_SameRequestIdAgain_ReturnsFirstEnvelopeAndStoresNothingNew()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        var first = await temp.Store.SendAsync(New(requestId: "key-7"), default).Within();
        var retry = New(requestId: "key-7", type: BerichtType.Betaalvoorstel);

        // Act
        var second = await temp.Store.SendAsync(retry, default).Within();

        // Assert
        Assert.Equal(SendOutcome.Duplicate, second.Outcome);
        Assert.Equal(first.Envelope, second.Envelope);
        Assert.Null(await temp.Store.FindAsync(retry.MessageId, default).Within());
        Assert.Equal(1, await temp.Store.CountPendingAsync(Se1, default).Within());
    }

    [Fact]
    public async Task SendAsync_MessageIdUsedBySameSenderUnderOtherRequestId_ReturnsMessageIdInUseWithThatEnvelope()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        var first = await temp.Store.SendAsync(New(messageId: "m-1", requestId: "key-1"), default).Within();

        // Act
        var second = await temp.Store.SendAsync(New(messageId: "m-1", requestId: "key-2"), default).Within();

        // Assert
        Assert.Equal(SendOutcome.MessageIdInUse, second.Outcome);
        Assert.Equal(first.Envelope, second.Envelope);
        Assert.Null(await temp.Store.FindByRequestIdAsync(Shv, "key-2", default).Within());
    }

    [Fact]
    public async Task SendAsync_MessageIdUsedByOtherSender_ReturnsMessageIdInUseWithoutEnvelope()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        await temp.Store.SendAsync(New(sender: Shv, messageId: "m-1"), default).Within();

        // Act
        var other = await temp.Store.SendAsync(New(sender: Se2, messageId: "m-1"), default).Within();

        // Assert
        Assert.Equal(SendOutcome.MessageIdInUse, other.Outcome);
        Assert.Null(other.Envelope);
        Assert.Equal(Shv, (await temp.Store.FindAsync("m-1", default).Within())!.SenderOin);
        Assert.Null(await temp.Store.FindByRequestIdAsync(Se2, "m-1", default).Within());
    }

    [Fact]
    public async Task SendAsync_EmptyRequestId_UsesMessageIdAsRequestId()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        var envelope = New(messageId: "m-9") with { RequestId = "" };

        // Act
        var result = await temp.Store.SendAsync(envelope, default).Within();
        var retry = await temp.Store.SendAsync(envelope, default).Within();

        // Assert
        Assert.Equal("m-9", result.Envelope!.RequestId);
        Assert.Equal(SendOutcome.Duplicate, retry.Outcome);
    }

    [Fact]
    public async Task SendAsync_FiftyConcurrentSends_AllStoredAndFoundInFewerCommits()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        var envelopes = Enumerable.Range(0, 50).Select(i => New(messageId: $"m-{i:D2}")).ToArray();
        var commitsBefore = temp.Store.CommitCount;

        // Act
        var results = await Task.WhenAll(envelopes.Select(e => Task.Run(() => temp.Store.SendAsync(e, default)))).Within();
        var commits = temp.Store.CommitCount - commitsBefore;

        // Assert
        Assert.All(results, r => Assert.Equal(SendOutcome.Stored, r.Outcome));
        Assert.Equal(50, results.Select(r => r.Envelope!.Sequence).Distinct().Count());
        foreach (var envelope in envelopes)
        {
            Assert.NotNull(await temp.Store.FindAsync(envelope.MessageId, default).Within());
        }

        Assert.InRange(commits, 1, 49);
        Assert.Equal(50, await temp.Store.CountPendingAsync(Se1, default).Within());
    }

    [Fact]
    public async Task SendAsync_ConcurrentRetriesOfOneRequest_StoreOnce()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        var attempts = Enumerable.Range(0, 10).Select(i => New(messageId: $"m-{i}", requestId: "same-key")).ToArray();

        // Act
        var results = await Task.WhenAll(attempts.Select(e => Task.Run(() => temp.Store.SendAsync(e, default)))).Within();

        // Assert
        var stored = Assert.Single(results, r => r.Outcome == SendOutcome.Stored);
        Assert.All(results.Where(r => r != stored), r =>
        {
            Assert.Equal(SendOutcome.Duplicate, r.Outcome);
            Assert.Equal(stored.Envelope, r.Envelope);
        });
        Assert.Equal(1, await temp.Store.CountPendingAsync(Se1, default).Within());
    }
}
