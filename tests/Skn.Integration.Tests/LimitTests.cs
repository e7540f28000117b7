using System.Diagnostics;
using Grpc.Core;
using Skn.Integration.Tests.Infrastructure;
using Skn.V1;

namespace Skn.Integration.Tests;

/// <summary>Per-participant limits: one noisy participant is refused, the others are not held up.</summary>
public sealed class LimitTests
{
    [Fact]
    public async Task Calls_OverTheBudget_ResourceExhaustedForThatParticipantOnly()
    {
        // Arrange: a budget of 5 calls at once, refilled at 1 a second.
        await using var node = await TestNode.StartAsync(settings: new()
        {
            ["Skn:Limits:RequestBurst"] = "5",
            ["Skn:Limits:RequestsPerSecond"] = "1",
        });
        var noisy = node.Exchange(Demo.Gemeente);
        var quiet = node.Exchange(Demo.Kredietbank);
        for (var i = 0; i < 5; i++)
        {
            await noisy.ListTrailAsync(new ListTrailRequest(), Demo.Call);
        }

        // Act and assert
        var refused = await RpcAssert.ThrowsAsync(StatusCode.ResourceExhausted, ErrorReason.LimitReached,
            () => noisy.ListTrailAsync(new ListTrailRequest(), Demo.Call).ResponseAsync);
        Assert.Contains(Demo.Gemeente, refused.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("RequestsPerSecond", refused.Status.Detail, StringComparison.Ordinal);
        await quiet.ListTrailAsync(new ListTrailRequest(), Demo.Call);
    }

    [Fact]
    public async Task FetchPending_MoreStreamsThanAllowed_ResourceExhaustedUntilOneCloses()
    {
        // Arrange
        await using var node = await TestNode.StartAsync(settings: new() { ["Skn:Limits:MaxStreams"] = "2" });
        var client = node.Exchange(Demo.Woonstichting);
        var sender = node.Exchange(Demo.Gemeente);
        await sender.SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting));
        await sender.SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting));
        await sender.SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.EnergieNoord));
        using var first = await OpenAsync(client);
        using var second = await OpenAsync(client);

        // Act
        var refused = await RpcAssert.ThrowsAsync(StatusCode.ResourceExhausted, ErrorReason.LimitReached, () => OpenAsync(client));
        using var other = await OpenAsync(node.Exchange(Demo.EnergieNoord));
        first.Dispose();

        // Assert: another participant is not counted against it, and a closed stream frees its place.
        Assert.Contains("MaxStreams", refused.Status.Detail, StringComparison.Ordinal);
        var again = await Eventually.ValueAsync(
            async () =>
            {
                try
                {
                    return await OpenAsync(client);
                }
                catch (RpcException exception) when (exception.StatusCode == StatusCode.ResourceExhausted)
                {
                    return null;
                }
            },
            call => call is not null);
        again!.Dispose();
    }

    /// <summary>
    /// Opens a follow stream with a credit of one and waits for its first delivery: then the node
    /// has admitted it. (The test node's clock stands still, so an idle stream sends no heartbeat.)
    /// </summary>
    private static async Task<AsyncServerStreamingCall<FetchPendingResponse>> OpenAsync(ExchangeService.ExchangeServiceClient client)
    {
        var call = client.FetchPending(new FetchPendingRequest { Follow = true, MaxInFlight = 1 }, Demo.Call);
        try
        {
            Assert.True(await call.ResponseStream.MoveNext());
            return call;
        }
        catch
        {
            call.Dispose();
            throw;
        }
    }

    [Fact]
    public async Task Send_OverThePendingVolumeLimit_ResourceExhaustedUntilRecipientsCatchUp()
    {
        // Arrange: a sender may have 3 berichten waiting for their recipients.
        await using var node = await TestNode.StartAsync(settings: new() { ["Skn:Limits:MaxPendingEnvelopes"] = "3" });
        var flooding = node.Exchange(Demo.Gemeente);
        for (var i = 0; i < 3; i++)
        {
            await flooding.SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting));
        }

        // Act and assert: the fourth is refused and not stored; another sender is not affected.
        var over = Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting);
        var refused = await RpcAssert.ThrowsAsync(StatusCode.ResourceExhausted, ErrorReason.LimitReached,
            () => flooding.SendAsync(over));
        Assert.Contains("MaxPendingEnvelopes", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(Demo.Gemeente, refused.Status.Detail, StringComparison.Ordinal);
        Assert.Null(await node.Store.FindAsync(over.MessageId, default));
        await node.Exchange(Demo.Kredietbank).SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting));

        // Once the recipient acknowledges one, the same send goes through.
        var recipient = node.Exchange(Demo.Woonstichting);
        var delivered = await recipient.FetchAllAsync();
        await recipient.AckAsync(delivered.First(d => d.Envelope.SenderOin == Demo.Gemeente));
        var accepted = await flooding.SendAsync(over);
        Assert.Equal(over.MessageId, accepted.MessageId);
    }

    [Fact]
    public async Task NoisyParticipant_FloodsSends_AnotherParticipantsSendsStayQuick()
    {
        // Arrange: a budget that a flood of eight concurrent senders spends within a second.
        await using var node = await TestNode.StartAsync(settings: new()
        {
            ["Skn:Limits:RequestBurst"] = "50",
            ["Skn:Limits:RequestsPerSecond"] = "50",
        });
        var noisy = node.Exchange(Demo.Gemeente);
        var quiet = node.Exchange(Demo.Kredietbank);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var refusals = 0;
        var flood = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await noisy.SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting));
                }
                catch (RpcException exception) when (exception.StatusCode == StatusCode.ResourceExhausted)
                {
                    Interlocked.Increment(ref refusals);
                }
            }
        })).ToArray();
        await Eventually.TrueAsync(() => Volatile.Read(ref refusals) > 0);

        // Act: the quiet participant sends 20 envelopes, one after another, during the flood.
        var slowest = TimeSpan.Zero;
        for (var i = 0; i < 20; i++)
        {
            var clock = Stopwatch.StartNew();
            await quiet.SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.EnergieNoord));
            slowest = clock.Elapsed > slowest ? clock.Elapsed : slowest;
        }

        var refusedDuringQuietSends = Volatile.Read(ref refusals);
        await stop.CancelAsync();
        await Task.WhenAll(flood);

        // Assert: none of the quiet sends was refused, and none waited behind the flood for long.
        // The bound is loose on purpose (CI machines are noisy): an unprotected node would make the
        // quiet sender queue behind thousands of the flood's sends.
        Assert.True(refusedDuringQuietSends > 0);
        Assert.True(slowest < TimeSpan.FromSeconds(2), $"The quiet participant's slowest send took {slowest.TotalMilliseconds:0} ms.");
    }
}
