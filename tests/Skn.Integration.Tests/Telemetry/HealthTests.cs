using Grpc.Core;
using Grpc.Health.V1;
using Skn.Integration.Tests.Infrastructure;
using Skn.V1;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Skn.Integration.Tests.Telemetry;

/// <summary>gRPC health and the HTTP readiness probe follow whether the store can commit.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task Health_StoreFillsThenDrains_NotServingThenServingWithoutRestart()
    {
        // Arrange: a store of 100 pages of 4 KiB; each body takes about a page.
        await using var node = await TestNode.StartAsync(settings: new() { ["Skn:Metrics:Port"] = "0", ["Skn:MaxDatabasePages"] = "100" });
        var health = new Health.HealthClient(node.Channel(null));
        var gemeente = node.Exchange(Demo.Gemeente);
        var before = await health.CheckAsync(new HealthCheckRequest(), Demo.Call);
        var readyBefore = await Scrape.StatusAsync(node, "/healthz/ready");

        // Act: send until the store is full, then let the recipient drain its mailbox.
        var sent = 0;
        while (true)
        {
            try
            {
                await gemeente.SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting, content: new byte[3000]));
                sent++;
            }
            catch (RpcException exception) when (exception.StatusCode == StatusCode.ResourceExhausted)
            {
                break;
            }

            Assert.True(sent < 200, "The store never filled up.");
        }

        var whenFull = await health.CheckAsync(new HealthCheckRequest(), Demo.Call);
        var readyWhenFull = await Scrape.StatusAsync(node, "/healthz/ready");
        var liveWhenFull = await Scrape.StatusAsync(node, "/healthz/live");
        await node.Exchange(Demo.Woonstichting).FetchAndAckAllAsync(maxInFlight: 64);
        var afterDraining = await health.CheckAsync(new HealthCheckRequest(), Demo.Call);
        var readyAfterDraining = await Scrape.StatusAsync(node, "/healthz/ready");
        var sendAfterDraining = await gemeente.SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting, content: new byte[3000]));

        // Assert
        Assert.Equal(ServingStatus.Serving, before.Status);
        Assert.Equal(200, readyBefore);
        Assert.True(sent > 0);
        Assert.Equal(ServingStatus.NotServing, whenFull.Status);
        Assert.Equal(503, readyWhenFull);
        Assert.Equal(200, liveWhenFull);
        Assert.Equal(ServingStatus.Serving, afterDraining.Status);
        Assert.Equal(200, readyAfterDraining);
        Assert.Equal(EnvelopeState.Pending, sendAfterDraining.State);
    }

    [Fact]
    public async Task Health_FullStoreWithRoomForSmallBerichtenOnly_StaysNotServingUntilALargeOneFits()
    {
        // Arrange: 100 pages of 4 KiB, filled with 3,000-byte bodies. The node resumes with room
        // for its largest bericht, capped at a quarter of the send limit: 23 pages here.
        await using var node = await TestNode.StartAsync(settings: new() { ["Skn:Metrics:Port"] = "0", ["Skn:MaxDatabasePages"] = "100" });
        var health = new Health.HealthClient(node.Channel(null));
        var gemeente = node.Exchange(Demo.Gemeente);
        var woonstichting = node.Exchange(Demo.Woonstichting);
        await FillAsync(gemeente);
        var fetched = await woonstichting.FetchAllAsync();

        // Act: three acknowledgements free three pages: a small bericht fits again, a large one does not.
        await woonstichting.AckAsync([.. fetched.Take(3)]);
        var small = await gemeente.SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting, content: new byte[100]));
        var nearlyFull = await health.CheckAsync(new HealthCheckRequest(), Demo.Call);
        var readyNearlyFull = await Scrape.StatusAsync(node, "/healthz/ready");
        await woonstichting.AckAsync([.. fetched.Skip(3)]);
        var drained = await health.CheckAsync(new HealthCheckRequest(), Demo.Call);

        // Assert
        Assert.Equal(EnvelopeState.Pending, small.State);
        Assert.Equal(ServingStatus.NotServing, nearlyFull.Status);
        Assert.Equal(503, readyNearlyFull);
        Assert.Equal(ServingStatus.Serving, drained.Status);
    }

    /// <summary>Sends 3,000-byte Saldoverzoeken until the node refuses one for lack of room.</summary>
    private static async Task FillAsync(ExchangeService.ExchangeServiceClient gemeente)
    {
        for (var sent = 0; sent < 200; sent++)
        {
            try
            {
                await gemeente.SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting, content: new byte[3000]));
            }
            catch (RpcException exception) when (exception.StatusCode == StatusCode.ResourceExhausted)
            {
                return;
            }
        }

        Assert.Fail("The store never filled up.");
    }
}
