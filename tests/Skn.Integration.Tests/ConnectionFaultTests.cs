using System.Diagnostics;
using Skn.V1;

namespace Skn.Integration.Tests;

/// <summary>
/// Delivery when the network misbehaves, through a <see cref="TcpFaultProxy"/> in front of the real
/// node: a consumer's connection reset with deliveries in flight, a late acknowledgement from that
/// consumer after another one took over, and credit keeping a consumer that does not acknowledge
/// from hoarding the mailbox.
/// </summary>
public sealed class ConnectionFaultTests
{
    [Fact]
    public async Task FetchPending_ConnectionResetWithDeliveriesInFlight_AnotherStreamGetsThemWithinASecond()
    {
        // Arrange: a consumer behind the proxy holds three deliveries; a second stream of the same
        // participant is open and idle, because everything is leased.
        await using var node = await TestNode.StartAsync();
        var sent = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            sent.Add((await node.Exchange(Demo.Gemeente).SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting))).MessageId);
        }

        await using var proxy = TcpFaultProxy.Start(node.Address);
        using var doomedChannel = node.ChannelThrough(proxy, Demo.Woonstichting);
        using var doomed = new ExchangeService.ExchangeServiceClient(doomedChannel).FetchPending(new FetchPendingRequest { Follow = true, MaxInFlight = 3 }, Demo.Call);
        var held = new List<Delivery>();
        for (var i = 0; i < 3; i++)
        {
            held.Add(await doomed.NextDeliveryAsync());
        }

        using var survivor = node.Exchange(Demo.Woonstichting).FetchPending(new FetchPendingRequest { Follow = true }, Demo.Call);
        await Eventually.TrueAsync(() => node.Store.LeaseQueries >= 2);
        var leaseTime = node.Time.GetUtcNow();

        // Act: the consumer's connection dies without a goodbye.
        var clock = Stopwatch.StartNew();
        proxy.CutAll();
        var taken = new List<Delivery>();
        for (var i = 0; i < 3; i++)
        {
            taken.Add(await survivor.NextDeliveryAsync());
        }

        var elapsed = clock.Elapsed;

        // Assert: the same envelopes, delivered again within the second, while the node's
        // clock stood still: no lease (5 minutes) ran out, the reset alone released them.
        Assert.Equal(sent.Order(), held.Select(d => d.Envelope.MessageId).Order());
        Assert.Equal(sent.Order(), taken.Select(d => d.Envelope.MessageId).Order());
        Assert.All(taken, d => Assert.Equal(2, d.Attempt));
        Assert.Equal(leaseTime, node.Time.GetUtcNow());
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"The deliveries reached the other stream after {elapsed}.");
    }

    [Fact]
    public async Task Acknowledge_StaleTokenAfterAnotherConsumerTookOver_SupersededAndTheirAckSucceeds()
    {
        // Arrange: consumer A (behind the proxy) receives the envelope; its connection is reset and
        // consumer B receives the envelope again.
        await using var node = await TestNode.StartAsync();
        var sent = await node.Exchange(Demo.Gemeente).SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting));
        await using var proxy = TcpFaultProxy.Start(node.Address);
        Delivery first;
        using (var channel = node.ChannelThrough(proxy, Demo.Woonstichting))
        {
            using var consumerA = new ExchangeService.ExchangeServiceClient(channel).FetchPending(new FetchPendingRequest { Follow = true }, Demo.Call);
            first = await consumerA.NextDeliveryAsync();
            proxy.CutAll();
        }

        var consumerB = node.Exchange(Demo.Woonstichting);
        using var streamB = consumerB.FetchPending(new FetchPendingRequest { Follow = true }, Demo.Call);
        var second = await streamB.NextDeliveryAsync();

        // Act: A, reconnected but late, acknowledges what it processed; then B acknowledges.
        using var reconnectedA = node.ChannelThrough(proxy, Demo.Woonstichting);
        var staleAck = await new ExchangeService.ExchangeServiceClient(reconnectedA).AckAsync(first);
        var currentAck = await consumerB.AckAsync(second);

        // Assert: A's ack settled nothing (B's ack finds the body still there and settles it).
        Assert.Equal(sent.MessageId, second.Envelope.MessageId);
        Assert.Equal((1, 2), (first.Attempt, second.Attempt));
        Assert.Equal(AcknowledgeOutcome.Superseded, staleAck.Results[0].Outcome);
        Assert.Equal(AcknowledgeOutcome.Acknowledged, currentAck.Results[0].Outcome);
    }

    [Fact]
    public async Task FetchPending_TwoConsumersWithCreditTen_OneNotAcknowledging_HoldsTenAndTheOtherGetsTheRest()
    {
        // Arrange: forty pending; consumer A asks for credit 10 and acknowledges nothing for now.
        await using var node = await TestNode.StartAsync();
        var sent = new HashSet<string>();
        for (var i = 0; i < 40; i++)
        {
            sent.Add((await node.Exchange(Demo.Gemeente).SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting))).MessageId);
        }

        var client = node.Exchange(Demo.Woonstichting);
        using var consumerA = client.FetchPending(new FetchPendingRequest { Follow = true, MaxInFlight = 10 }, Demo.Call);
        var receivedByA = new List<Delivery>();
        for (var i = 0; i < 10; i++)
        {
            receivedByA.Add(await consumerA.NextDeliveryAsync());
        }

        // One acknowledgement returns one credit: A gets exactly one more, and holds ten again.
        var firstAckA = await client.AckAsync(receivedByA[0]);
        receivedByA.Add(await consumerA.NextDeliveryAsync());

        // Act: consumer B, also credit 10, acknowledges each delivery as it comes until the rest is done.
        using var consumerB = client.FetchPending(new FetchPendingRequest { Follow = true, MaxInFlight = 10 }, Demo.Call);
        var takenByB = new List<Delivery>();
        var unacknowledgedByB = 0;
        var maxUnacknowledgedByB = 0;
        while (takenByB.Count < 29)
        {
            var delivery = await consumerB.NextDeliveryAsync();
            takenByB.Add(delivery);
            maxUnacknowledgedByB = Math.Max(maxUnacknowledgedByB, ++unacknowledgedByB);
            Assert.Equal(AcknowledgeOutcome.Acknowledged, (await client.AckAsync(delivery)).Results[0].Outcome);
            unacknowledgedByB--;
        }

        var restAckA = await client.AckAsync([.. receivedByA.Skip(1)]);

        // Assert: A stopped at its credit although forty were pending, so B did the other 29 while A
        // sat on its ten; neither held more than ten; no envelope went to both; all are settled.
        Assert.Equal(11, receivedByA.Count);
        Assert.True(maxUnacknowledgedByB <= 10);
        Assert.Empty(receivedByA.Select(d => d.Envelope.MessageId).Intersect(takenByB.Select(d => d.Envelope.MessageId)));
        Assert.Equal(sent.Order(), receivedByA.Concat(takenByB).Select(d => d.Envelope.MessageId).Order());
        Assert.All(firstAckA.Results.Concat(restAckA.Results), r => Assert.Equal(AcknowledgeOutcome.Acknowledged, r.Outcome));
    }
}
