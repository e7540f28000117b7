using Grpc.Core;
using Skn.Integration.Tests.Infrastructure;
using Skn.V1;

namespace Skn.Integration.Tests;

/// <summary>The poison list through the real node: set aside after repeated failed deliveries, released on request.</summary>
public sealed class PoisonTests
{
    private static readonly Dictionary<string, string?> TwoFailuresAllowed = new() { ["Skn:MaxFailedDeliveries"] = "2" };

    [Fact]
    public async Task FetchPending_StreamsEndHoldingIt_SetAsideThenReleasedToAnOpenStream()
    {
        // Arrange
        await using var node = await TestNode.StartAsync(settings: TwoFailuresAllowed);
        var client = node.Exchange(Demo.Woonstichting);
        var sent = await node.Exchange(Demo.Gemeente).SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting));

        // Act: two consumers in turn take it and die before acknowledging.
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            using var call = client.FetchPending(new FetchPendingRequest { Follow = true }, Demo.Call);
            Assert.Equal(attempt, (await call.NextDeliveryAsync()).Attempt);
        }

        var poisonList = await Eventually.ValueAsync(
            () => client.ListTrailAsync(new ListTrailRequest { States = { EnvelopeState.Poisoned } }, Demo.Call).ResponseAsync,
            page => page.Entries.Count == 1);
        var nothingPending = await client.FetchAllAsync();
        var queriesBefore = node.Store.LeaseQueries;
        using var follower = client.FetchPending(new FetchPendingRequest { Follow = true }, Demo.Call);
        await Eventually.TrueAsync(() => node.Store.LeaseQueries > queriesBefore); // open and idle
        var release = await client.ReleasePoisonedAsync(new ReleasePoisonedRequest { MessageIds = { sent.MessageId } }, Demo.Call);
        var redelivered = await follower.NextDeliveryAsync();
        var ack = await client.AckAsync(redelivered);

        // Assert
        Assert.Equal(sent.MessageId, poisonList.Entries[0].Envelope.MessageId);
        Assert.Equal(EnvelopeState.Poisoned, poisonList.Entries[0].Envelope.State);
        Assert.Equal(2, poisonList.Entries[0].DeliveryAttempts);
        Assert.Empty(nothingPending);
        Assert.Equal(ReleasePoisonedOutcome.Released, Assert.Single(release.Results).Outcome);
        Assert.Equal((sent.MessageId, 3), (redelivered.Envelope.MessageId, redelivered.Attempt));
        Assert.Equal(AcknowledgeOutcome.Acknowledged, ack.Results[0].Outcome);
    }

    [Fact]
    public async Task ReleasePoisoned_IdsThatAreNotOnTheCallersList_ReportedPerId()
    {
        // Arrange: a poisoned envelope of the Woonstichting, and a pending one of Energie Noord.
        await using var node = await TestNode.StartAsync(settings: new() { ["Skn:MaxFailedDeliveries"] = "1" });
        var poisoned = await node.Exchange(Demo.Gemeente).SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting));
        var pending = await node.Exchange(Demo.Gemeente).SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.EnergieNoord));
        using (var call = node.Exchange(Demo.Woonstichting).FetchPending(new FetchPendingRequest { Follow = true }, Demo.Call))
        {
            await call.NextDeliveryAsync();
        }

        await Eventually.ValueAsync(() => node.Store.FindAsync(poisoned.MessageId, default), e => e!.State == EnvelopeState.Poisoned);

        // Act: Energie Noord names the Woonstichting's poisoned envelope, its own pending one, and nonsense.
        var response = await node.Exchange(Demo.EnergieNoord).ReleasePoisonedAsync(
            new ReleasePoisonedRequest { MessageIds = { poisoned.MessageId, pending.MessageId, "not-a-uuid" } }, Demo.Call);
        var stillPoisoned = await node.Store.FindAsync(poisoned.MessageId, default);

        // Assert
        Assert.Equal(
            [ReleasePoisonedOutcome.NotFound, ReleasePoisonedOutcome.NotPoisoned, ReleasePoisonedOutcome.NotFound],
            response.Results.Select(r => r.Outcome));
        Assert.Equal(EnvelopeState.Poisoned, stillPoisoned!.State);
    }

    [Fact]
    public async Task ReleasePoisonedAndListTrail_BadInput_InvalidArgumentNamingTheField()
    {
        // Arrange
        await using var node = await TestNode.StartAsync();
        var client = node.Exchange(Demo.Woonstichting);

        // Act and assert
        await RpcAssert.ThrowsAsync(StatusCode.InvalidArgument, ErrorReason.InvalidField,
            () => client.ReleasePoisonedAsync(new ReleasePoisonedRequest(), Demo.Call).ResponseAsync, "message_ids");
        await RpcAssert.ThrowsAsync(StatusCode.InvalidArgument, ErrorReason.InvalidField,
            () => client.ListTrailAsync(new ListTrailRequest { States = { (EnvelopeState)42 } }, Demo.Call).ResponseAsync, "states");
        await RpcAssert.ThrowsAsync(StatusCode.InvalidArgument, ErrorReason.InvalidField,
            () => client.ListTrailAsync(new ListTrailRequest { States = { EnvelopeState.Unspecified } }, Demo.Call).ResponseAsync, "states");
    }
}
