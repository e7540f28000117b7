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
}
