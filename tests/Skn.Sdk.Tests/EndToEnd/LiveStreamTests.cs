using System.Collections.Concurrent;
using Skn.Sdk;
using Skn.V1;

namespace Skn.Sdk.Tests.EndToEnd;

/// <summary>
/// Follow streams through the SDK when time passes and the network misbehaves, with a
/// <see cref="TcpFaultProxy"/> between consumer and node: credit shared by two consumers, an idle
/// stream outliving idle timeouts, and a stream whose heartbeats stop being replaced on a new connection.
/// </summary>
public sealed class LiveStreamTests
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task FetchAsync_TwoConsumersWithCreditTen_NeitherHoldsMoreThanTenAndBothProgress()
    {
        // Arrange: forty pending berichten and two consumers of the same participant, credit 10 each.
        await using var node = await TestNode.StartAsync();
        await using var gemeente = Clients.For(node, Demo.Gemeente);
        await using var clientA = Clients.For(node, Demo.Woonstichting);
        await using var clientB = Clients.For(node, Demo.Woonstichting);
        var sent = new HashSet<string>();
        for (var i = 0; i < 40; i++)
        {
            sent.Add((await gemeente.SendAsync(Demo.Woonstichting, Berichten.Saldoverzoek(withBsn: false, withMeterstanden: false))).MessageId);
        }

        using var done = new CancellationTokenSource(Demo.Timeout * 2);
        var a = new Consumer();
        var b = new Consumer();

        // Act: A starts first and sits on its first ten until B has made progress; B acknowledges as it goes.
        var consumingA = a.RunAsync(clientA, holdFirst: 10, until: () => b.Received > 0, done);
        await Eventually.TrueAsync(() => a.Received == 10);
        var consumingB = b.RunAsync(clientB, holdFirst: 0, until: () => true, done);
        await Eventually.TrueAsync(() => a.Settled + b.Settled == sent.Count, Demo.Timeout * 2);
        await done.CancelAsync();
        await Task.WhenAll(consumingA, consumingB);

        // Assert: neither held more than its credit, both did part of the work, each bericht once.
        Assert.InRange(a.MaxUnacknowledged, 1, 10);
        Assert.InRange(b.MaxUnacknowledged, 1, 10);
        Assert.True(a.Received >= 10 && b.Received > 0, $"A received {a.Received}, B {b.Received}.");
        Assert.Equal(sent.Order(), a.MessageIds.Concat(b.MessageIds).Order());
    }

    [Fact]
    public async Task FetchAsync_IdleFollowStreamBeyondIdleTimeouts_StaysOnItsConnectionAndStillReceives()
    {
        // Arrange: the node closes connections idle for 2 s, and a proxy between consumer and node
        // cuts connections that carried nothing for 3 s. Keepalive pings on both ends (10 s) are too
        // slow to help: only the stream's heartbeats (every second) keep it alive.
        await using var node = await TestNode.StartAsync(settings: new() { ["Skn:IdleConnectionTimeout"] = "00:00:02" });
        await using var clock = RunningClock.Start(node.Time);
        await using var proxy = TcpFaultProxy.Start(node.Address, idleTimeout: TimeSpan.FromSeconds(3));
        await using var gemeente = Clients.For(node, Demo.Gemeente);
        await using var woonstichting = Clients.For(node, Demo.Woonstichting, o => o.Address = proxy.Address);
        using var stop = new CancellationTokenSource(Demo.Timeout * 2);
        var received = new ConcurrentQueue<ReceivedMessage>();
        var follower = FollowAsync(woonstichting, received, stop.Token);
        await Eventually.TrueAsync(() => proxy.AcceptedConnections == 1 && node.Store.LeaseQueries >= 1);

        // Act: longer idle than every timeout above (and than the SDK's three silent heartbeat
        // intervals), then a bericht.
        await Task.Delay(TimeSpan.FromSeconds(6));
        var sent = await gemeente.SendAsync(Demo.Woonstichting, Berichten.Saldoverzoek(withBsn: false, withMeterstanden: false));
        await Eventually.TrueAsync(() => !received.IsEmpty);
        await stop.CancelAsync();
        await follower;

        // Assert: it arrived on the first connection: nothing was cut and the SDK never reconnected.
        Assert.Equal(sent.MessageId, Assert.Single(received).MessageId);
        Assert.Equal(1, proxy.AcceptedConnections);
        Assert.Equal(0, proxy.IdleCuts);
    }

    [Fact]
    public async Task FetchAsync_HeartbeatsStop_ReconnectsOnANewConnectionAndResumesWithoutLossOrDuplicates()
    {
        // Arrange: the node gives up on a silent connection after 1 s + 1 s of keepalive and releases
        // what its streams held. The consumer's own keepalive is set far out, so only the SDK's
        // heartbeat watchdog can notice the silence in time.
        await using var node = await TestNode.StartAsync(settings: new()
        {
            ["Skn:KeepAlivePingDelay"] = "00:00:01",
            ["Skn:KeepAlivePingTimeout"] = "00:00:01",
        });
        await using var clock = RunningClock.Start(node.Time);
        await using var proxy = TcpFaultProxy.Start(node.Address);
        await using var gemeente = Clients.For(node, Demo.Gemeente);
        await using var observer = Clients.For(node, Demo.Woonstichting);
        await using var consumer = Clients.For(node, Demo.Woonstichting, o =>
        {
            o.Address = proxy.Address;
            o.KeepAlivePingDelay = TimeSpan.FromMinutes(5);
        });
        using var stop = new CancellationTokenSource(Demo.Timeout * 2);
        var received = new ConcurrentQueue<ReceivedMessage>();
        var follower = FollowAsync(consumer, received, stop.Token);
        var before = await SendAsync(gemeente, 3);
        await Eventually.TrueAsync(() => received.Count == 3);
        await Eventually.ValueAsync(() => ReceivedTrailAsync(observer), trail => trail.Count == 3 && trail.All(e => e.Envelope.State == EnvelopeState.Acknowledged));

        // Act: the path goes silent both ways with the sockets left open; more berichten are sent,
        // which the node pushes into the dead stream until its keepalive gives up on it.
        proxy.SilenceAll();
        var after = await SendAsync(gemeente, 3);
        await Eventually.TrueAsync(() => received.Count >= 6);
        await stop.CancelAsync();
        await follower;

        // Assert: everything arrived once, on a new connection, and is acknowledged.
        Assert.Equal(before.Concat(after).Order(), received.Select(m => m.MessageId).Order());
        Assert.True(proxy.AcceptedConnections >= 2, $"The proxy accepted {proxy.AcceptedConnections} connection(s).");
        var final = await Eventually.ValueAsync(() => ReceivedTrailAsync(observer), trail => trail.All(e => e.Envelope.State == EnvelopeState.Acknowledged));
        Assert.Equal(6, final.Count);
    }

    private static async Task FollowAsync(SknClient client, ConcurrentQueue<ReceivedMessage> received, CancellationToken cancellationToken)
    {
        try
        {
            await client.ProcessAsync(
                (message, _) =>
                {
                    received.Enqueue(message);
                    return Task.CompletedTask;
                },
                new FetchOptions { Follow = true, HeartbeatInterval = Heartbeat },
                cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The test ends the follower.
        }
    }

    private static async Task<List<string>> SendAsync(SknClient sender, int count)
    {
        var sent = new List<string>();
        for (var i = 0; i < count; i++)
        {
            sent.Add((await sender.SendAsync(Demo.Woonstichting, Berichten.Saldoverzoek(withBsn: false, withMeterstanden: false))).MessageId);
        }

        return sent;
    }

    private static Task<List<TrailEntry>> ReceivedTrailAsync(SknClient client) =>
        client.ListTrailAsync(new TrailOptions { Direction = TrailDirection.Received }).ToListAsync().AsTask();

    /// <summary>One consumer's view: what it received and acknowledged, and the most it held unacknowledged at once.</summary>
    private sealed class Consumer
    {
        private readonly ConcurrentQueue<string> _messageIds = new();
        private int _unacknowledged;
        private int _maxUnacknowledged;
        private int _settled;

        public int Received => _messageIds.Count;

        public int Settled => Volatile.Read(ref _settled);

        public int MaxUnacknowledged => Volatile.Read(ref _maxUnacknowledged);

        public IEnumerable<string> MessageIds => _messageIds;

        /// <summary>Receives with credit 10; holds the first <paramref name="holdFirst"/> unacknowledged until <paramref name="until"/> holds, then acknowledges each at once.</summary>
        public async Task RunAsync(SknClient client, int holdFirst, Func<bool> until, CancellationTokenSource done)
        {
            var held = new List<ReceivedMessage>();
            try
            {
                await foreach (var message in client.FetchAsync(new FetchOptions { Follow = true, MaxInFlight = 10 }, done.Token))
                {
                    _messageIds.Enqueue(message.MessageId);
                    held.Add(message);
                    var holding = Interlocked.Increment(ref _unacknowledged);
                    Volatile.Write(ref _maxUnacknowledged, Math.Max(_maxUnacknowledged, holding));
                    if (held.Count < holdFirst)
                    {
                        continue;
                    }

                    await Eventually.TrueAsync(until, Demo.Timeout);
                    holdFirst = 0;
                    var outcomes = await Task.WhenAll(held.Select(m => m.AcknowledgeAsync(done.Token)));
                    Assert.All(outcomes, o => Assert.Equal(AcknowledgeOutcome.Acknowledged, o));
                    Interlocked.Add(ref _unacknowledged, -held.Count);
                    Interlocked.Add(ref _settled, held.Count);
                    held.Clear();
                }
            }
            catch (OperationCanceledException) when (done.IsCancellationRequested)
            {
                // The test ends the consumer once everything is settled.
            }
        }
    }
}
