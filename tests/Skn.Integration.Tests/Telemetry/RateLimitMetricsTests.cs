using Grpc.Core;
using Skn.V1;

namespace Skn.Integration.Tests.Telemetry;

/// <summary>Calls refused by the per-caller budget show in the metrics, by method and never by caller.</summary>
public sealed class RateLimitMetricsTests
{
    [Fact]
    public async Task Scrape_ParticipantAndOperatorOverTheirBudget_CountsRefusalsByMethod()
    {
        // Arrange: a budget of 3 calls at once, refilled at 1 a second, for each caller.
        await using var node = await TestNode.StartAsync(settings: new()
        {
            ["Skn:Metrics:Port"] = "0",
            ["Skn:Limits:RequestBurst"] = "3",
            ["Skn:Limits:RequestsPerSecond"] = "1",
        });
        var gemeente = node.Exchange(Demo.Gemeente);
        var beheer = node.Operator();

        // Act: each caller calls until two of its calls were refused (the budget refills in real
        // time, so the number of calls that get through is not fixed; the refusals are counted).
        var participantRefusals = await CallUntilTwoRefusedAsync(() => gemeente.ListTrailAsync(new ListTrailRequest(), Demo.Call).ResponseAsync);
        var operatorRefusals = await CallUntilTwoRefusedAsync(() => beheer.ListRegisteredParticipantsAsync(new ListRegisteredParticipantsRequest(), Demo.Call).ResponseAsync);
        var scrape = await Scrape.GetAsync(node);

        // Assert
        Assert.Equal(2, participantRefusals);
        Assert.Equal(2, operatorRefusals);
        Assert.Equal(2, scrape.Value("skn_calls_rate_limited_total", ("rpc_service", "skn.v1.ExchangeService"), ("rpc_method", "ListTrail")));
        Assert.Equal(2, scrape.Value("skn_calls_rate_limited_total", ("rpc_service", "skn.v1.OperatorService"), ("rpc_method", "ListRegisteredParticipants")));
        Assert.Equal(4, scrape.Value("skn_calls_rate_limited_total"));
        Assert.DoesNotContain(Demo.Gemeente, scrape.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Demo.Operator, scrape.Text, StringComparison.Ordinal);
    }

    private static async Task<int> CallUntilTwoRefusedAsync(Func<Task> call)
    {
        var refused = 0;
        for (var i = 0; i < 50 && refused < 2; i++)
        {
            try
            {
                await call();
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.ResourceExhausted)
            {
                refused++;
            }
        }

        return refused;
    }
}
