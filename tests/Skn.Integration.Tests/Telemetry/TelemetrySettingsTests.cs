using Microsoft.Extensions.Options;
using Skn.Node.Hosting;
using Skn.Node.Telemetry;
using Skn.V1;

namespace Skn.Integration.Tests.Telemetry;

/// <summary>The metrics port and OTLP settings: checked at start, and a node with both switched on serves as usual.</summary>
public sealed class TelemetrySettingsTests
{
    [Theory]
    [InlineData(-1, "", "Skn:Metrics:Port")]
    [InlineData(5443, "", "Skn:Metrics:Port")]
    [InlineData(null, "localhost:4317", "Skn:Otlp:Endpoint")]
    [InlineData(null, "ftp://collector", "Skn:Otlp:Endpoint")]
    public void Validate_BadSetting_RefusedNamingIt(int? metricsPort, string otlpEndpoint, string setting)
    {
        // Arrange
        var options = new NodeOptions { Port = 5443, Metrics = { Port = metricsPort }, Otlp = { Endpoint = otlpEndpoint } };

        // Act
        var exception = Assert.Throws<OptionsValidationException>(() => TelemetryHostingExtensions.Validate(options));

        // Assert
        Assert.Contains(setting, Assert.Single(exception.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithOtlpEndpointAndMetricsPort_SendsAndScrapes()
    {
        // Arrange: a collector address where nothing listens; export failures must not touch the exchange.
        await using var node = await TestNode.StartAsync(settings: new()
        {
            ["Skn:Metrics:Port"] = "0",
            ["Skn:Otlp:Endpoint"] = "http://127.0.0.1:9",
        });

        // Act
        var sent = await node.Exchange(Demo.Gemeente).SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting));
        var scrape = await Scrape.GetAsync(node);

        // Assert
        Assert.Equal(EnvelopeState.Pending, sent.State);
        Assert.Equal(1, scrape.Value("skn_envelopes_sent_total", ("skn_bericht_type", "Saldoverzoek")));
    }
}
