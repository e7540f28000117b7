using Grpc.Core;
using Skn.Integration.Tests.Infrastructure;
using Skn.V1;

namespace Skn.Integration.Tests;

/// <summary>FetchPending, leases and acknowledgement through the real node.</summary>
public sealed class DeliveryTests
{
    [Fact]
    public async Task FetchPending_Follow_PushesNewEnvelopeWithoutPolling()
    {
        // Arrange: an idle follow stream.
        await using var node = await TestNode.StartAsync();
        using var call = node.Exchange(Demo.Woonstichting).FetchPending(new FetchPendingRequest { Follow = true }, Demo.Call);
        await Eventually.TrueAsync(() => node.Store.LeaseQueries >= 1);

        // Act: time passes (short of a heartbeat); a poller would query again, this stream must not.
        node.Time.Advance(TimeSpan.FromSeconds(10));
        await Task.Delay(200);
        var idleQueries = node.Store.LeaseQueries;
        var sent = await node.Exchange(Demo.Gemeente).SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting));
        Assert.True(await call.ResponseStream.MoveNext().WaitAsync(Demo.Timeout));

        // Assert: one query to open, one for the wake-up by the commit.
        Assert.Equal(1, idleQueries);
        Assert.Equal(sent.MessageId, call.ResponseStream.Current.Delivery.Envelope.MessageId);
        Assert.Equal(2, node.Store.LeaseQueries);
    }

    [Fact]
    public async Task FetchPending_IdleFollowStream_SendsHeartbeatWithoutQuery()
    {
        // Arrange
        await using var node = await TestNode.StartAsync();
        using var call = node.Exchange(Demo.Woonstichting).FetchPending(
            new FetchPendingRequest { Follow = true, HeartbeatInterval = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(5)) }, Demo.Call);
        await Eventually.TrueAsync(() => node.Store.LeaseQueries >= 1);

        // Act
        node.Time.Advance(TimeSpan.FromSeconds(6));
        Assert.True(await call.ResponseStream.MoveNext().WaitAsync(Demo.Timeout));

        // Assert
        Assert.NotNull(call.ResponseStream.Current.Heartbeat);
        Assert.Equal(1, node.Store.LeaseQueries);
    }

    [Fact]
    public async Task Lease_RunsOut_RedeliversAndStaleAckIsSuperseded()
    {
        // Arrange: a follow stream receives an envelope and does not acknowledge it.
        await using var node = await TestNode.StartAsync();
        var client = node.Exchange(Demo.Woonstichting);
        await node.Exchange(Demo.Gemeente).SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting));
        using var call = client.FetchPending(new FetchPendingRequest { Follow = true }, Demo.Call);
        Assert.True(await call.ResponseStream.MoveNext().WaitAsync(Demo.Timeout));
        var first = call.ResponseStream.Current.Delivery;

        // Act: the lease (5 minutes) runs out.
        node.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var second = await call.NextDeliveryAsync();
        var staleAck = await client.AckAsync(first);
        var currentAck = await client.AckAsync(second);

        // Assert
        Assert.Equal(1, first.Attempt);
        Assert.Equal(2, second.Attempt);
        Assert.Equal(first.Envelope.MessageId, second.Envelope.MessageId);
        Assert.Equal(AcknowledgeOutcome.Superseded, staleAck.Results[0].Outcome);
        Assert.Equal(AcknowledgeOutcome.Acknowledged, currentAck.Results[0].Outcome);
    }

    [Fact]
    public async Task FetchPending_TwoConcurrentStreams_NeverShareAnEnvelope()
    {
        // Arrange
        await using var node = await TestNode.StartAsync();
        var sends = Enumerable.Range(0, 40).Select(_ => node.Exchange(Demo.Gemeente).SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting)));
        var sent = (await Task.WhenAll(sends)).Select(e => e.MessageId).ToHashSet();

        // Act: two streams of the same participant, each with credit 7, acknowledging as they go.
        var client = node.Exchange(Demo.Woonstichting);
        var results = await Task.WhenAll(client.FetchAndAckAllAsync(7), client.FetchAndAckAllAsync(7));

        // Assert: together they received every envelope exactly once, and never more than the credit at a time.
        var first = results[0].Deliveries.Select(d => d.Envelope.MessageId).ToList();
        var second = results[1].Deliveries.Select(d => d.Envelope.MessageId).ToList();
        Assert.Empty(first.Intersect(second));
        Assert.Equal(sent.Order(), first.Concat(second).Order());
        Assert.All(results, r => Assert.True(r.MaxUnacknowledged <= 7));
    }

    [Fact]
    public async Task FetchPending_StreamEnds_ReleasesItsDeliveriesAtOnce()
    {
        // Arrange: one stream takes the envelope and goes away without acknowledging.
        await using var node = await TestNode.StartAsync();
        await node.Exchange(Demo.Gemeente).SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting));
        var taken = await node.Exchange(Demo.Woonstichting).FetchAllAsync();

        // Act: another fetch, long before the lease would end.
        var again = await Eventually.ValueAsync(() => node.Exchange(Demo.Woonstichting).FetchAllAsync(), d => d.Count == 1);

        // Assert
        Assert.Equal(taken[0].Envelope.MessageId, again[0].Envelope.MessageId);
        Assert.Equal(2, again[0].Attempt);
    }

    [Fact]
    public async Task Acknowledge_RemovesContentFromTheDatabaseFile()
    {
        // Arrange
        await using var node = await TestNode.StartAsync();
        var marker = Demo.Marker();
        await node.Exchange(Demo.Gemeente).SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting, content: marker));
        var delivery = Assert.Single(await node.Exchange(Demo.Woonstichting).FetchAllAsync());

        // Act
        var ack = await node.Exchange(Demo.Woonstichting).AckAsync(delivery);
        var again = await node.Exchange(Demo.Woonstichting).AckAsync(delivery);
        await node.StopAsync();

        // Assert
        Assert.Equal(AcknowledgeOutcome.Acknowledged, ack.Results[0].Outcome);
        Assert.Equal(AcknowledgeOutcome.AlreadyAcknowledged, again.Results[0].Outcome);
        DatabaseFiles.AssertNotContained(node.DatabasePath, marker);
    }

    [Fact]
    public async Task Acknowledge_MalformedAndUnknownTokens_ReportedPerToken()
    {
        // Arrange
        await using var node = await TestNode.StartAsync();
        var request = new AcknowledgeRequest { DeliveryTokens = { "nonsense", Guid.NewGuid() + ".1" } };

        // Act
        var response = await node.Exchange(Demo.Woonstichting).AcknowledgeAsync(request, Demo.Call);

        // Assert
        Assert.Equal([AcknowledgeOutcome.Malformed, AcknowledgeOutcome.NotFound], response.Results.Select(r => r.Outcome));
    }

    [Fact]
    public async Task Restart_SameDataFolder_KeepsSentAndForgetsAcknowledged()
    {
        // Arrange: five sent, two of them acknowledged.
        await using var node = await TestNode.StartAsync();
        var sent = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            sent.Add((await node.Exchange(Demo.Gemeente).SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting))).MessageId);
        }

        using (var call = node.Exchange(Demo.Woonstichting).FetchPending(new FetchPendingRequest { MaxDeliveries = 2 }, Demo.Call))
        {
            var taken = new List<Delivery>();
            await foreach (var response in call.ResponseStream.ReadAllAsync())
            {
                taken.Add(response.Delivery);
            }

            await node.Exchange(Demo.Woonstichting).AckAsync([.. taken]);
        }

        // Act
        await node.StopAsync();
        await node.StartAgainAsync();
        var after = await node.Exchange(Demo.Woonstichting).FetchAllAsync();

        // Assert
        Assert.Equal(sent.Skip(2), after.Select(d => d.Envelope.MessageId));
    }

    [Fact]
    public async Task Restart_WithOpenLease_DeliversAgainAtOnce()
    {
        // Arrange: a follow stream holds a delivery when the node stops.
        await using var node = await TestNode.StartAsync();
        var sent = await node.Exchange(Demo.Gemeente).SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting));
        using (var call = node.Exchange(Demo.Woonstichting).FetchPending(new FetchPendingRequest { Follow = true }, Demo.Call))
        {
            Assert.Equal(sent.MessageId, (await call.NextDeliveryAsync()).Envelope.MessageId);
            await node.StopAsync();
        }

        // Act: start again; the clock has not moved, so the old lease has not run out.
        await node.StartAgainAsync();
        var again = await node.Exchange(Demo.Woonstichting).FetchAllAsync();

        // Assert
        Assert.Equal(sent.MessageId, Assert.Single(again).Envelope.MessageId);
    }
}
