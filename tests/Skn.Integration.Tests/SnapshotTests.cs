using Grpc.Core;
using Skn.Integration.Tests.Infrastructure;
using Skn.V1;

namespace Skn.Integration.Tests;

/// <summary>
/// FetchPending in snapshot mode, for list work: every pending bericht once, no lease held and no
/// credit applied, tokens that acknowledge later, and nothing lost for the berichten left unanswered.
/// </summary>
public sealed class SnapshotTests
{
    [Fact]
    public async Task FetchPending_SnapshotBeyondTheCreditCap_DeliversEveryPendingOnceAndEnds()
    {
        // Arrange: more pending berichten than any stream may hold unacknowledged (cap 256).
        await using var node = await TestNode.StartAsync();
        var sent = await SendManyAsync(node, 300);

        // Act
        var deliveries = await SnapshotAsync(node);

        // Assert
        Assert.Equal(sent, deliveries.Select(d => d.Envelope.MessageId));
        Assert.All(deliveries, d => Assert.Equal(1, d.Attempt));
    }

    [Fact]
    public async Task FetchPending_SnapshotTokens_AcknowledgeAfterTheStreamEndedAndTheRestStaysPending()
    {
        // Arrange
        await using var node = await TestNode.StartAsync();
        await SendManyAsync(node, 5);
        var first = await SnapshotAsync(node);

        // Act: two answered (acknowledged) after the export; the other three wait.
        var ack = await node.Exchange(Demo.Woonstichting).AckAsync(first[0], first[3]);
        var second = await SnapshotAsync(node);
        var fetched = await node.Exchange(Demo.Woonstichting).FetchAllAsync();

        // Assert
        Assert.All(ack.Results, r => Assert.Equal(AcknowledgeOutcome.Acknowledged, r.Outcome));
        Assert.Equal(new[] { first[1], first[2], first[4] }.Select(d => d.Envelope.MessageId), second.Select(d => d.Envelope.MessageId));
        Assert.All(second, d => Assert.Equal(2, d.Attempt));
        Assert.Equal(3, fetched.Count);
    }

    [Fact]
    public async Task FetchPending_SnapshotThenNewerDelivery_OldTokenIsSuperseded()
    {
        // Arrange
        await using var node = await TestNode.StartAsync();
        await SendManyAsync(node, 1);
        var exported = Assert.Single(await SnapshotAsync(node));
        Assert.Single(await node.Exchange(Demo.Woonstichting).FetchAllAsync());

        // Act
        var ack = await node.Exchange(Demo.Woonstichting).AckAsync(exported);

        // Assert
        Assert.Equal(AcknowledgeOutcome.Superseded, Assert.Single(ack.Results).Outcome);
    }

    [Fact]
    public async Task FetchPending_SnapshotWithFollow_InvalidArgumentNamingSnapshot()
    {
        // Arrange
        await using var node = await TestNode.StartAsync();

        // Act + Assert
        await RpcAssert.ThrowsAsync(StatusCode.InvalidArgument, ErrorReason.InvalidField, async () =>
        {
            using var call = node.Exchange(Demo.Woonstichting).FetchPending(new FetchPendingRequest { Snapshot = true, Follow = true }, Demo.Call);
            await call.ResponseStream.MoveNext();
        }, field: "snapshot");
    }

    private static async Task<List<string>> SendManyAsync(TestNode node, int count)
    {
        var sender = node.Exchange(Demo.Gemeente);
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add((await sender.SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting))).MessageId);
        }

        return ids;
    }

    private static async Task<List<Delivery>> SnapshotAsync(TestNode node)
    {
        using var call = node.Exchange(Demo.Woonstichting).FetchPending(new FetchPendingRequest { Snapshot = true, MaxInFlight = 1 }, Demo.Call);
        var deliveries = new List<Delivery>();
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            deliveries.Add(response.Delivery);
        }

        return deliveries;
    }
}
