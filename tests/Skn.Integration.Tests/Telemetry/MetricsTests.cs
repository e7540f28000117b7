using Grpc.Core;
using Skn.Integration.Tests.Infrastructure;
using Skn.V1;

namespace Skn.Integration.Tests.Telemetry;

/// <summary>The Prometheus endpoint on the metrics port, read after a conversation the test scripts.</summary>
public sealed class MetricsTests
{
    private static readonly Dictionary<string, string?> WithMetrics = new() { ["Skn:Metrics:Port"] = "0" };

    [Fact]
    public async Task Scrape_AfterScriptedConversation_ShowsCountsAndGauges()
    {
        // Arrange
        await using var node = await TestNode.StartAsync(settings: WithMetrics);
        var gemeente = node.Exchange(Demo.Gemeente);
        var woonstichting = node.Exchange(Demo.Woonstichting);

        // Act: four sends, one refused (a creditor may not send a Saldoverzoek), three delivered and
        // two of them acknowledged; then the clock passes the term and the other two expire; then one
        // more send of 100 bytes waits.
        for (var i = 0; i < 3; i++)
        {
            await gemeente.SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting));
        }

        var last = await gemeente.SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.EnergieNoord));
        await RpcAssert.ThrowsAsync(StatusCode.PermissionDenied, ErrorReason.RoleNotAllowed,
            () => woonstichting.SendAsync(new SendRequest { Envelope = Demo.Envelope(BerichtType.Saldoverzoek, Demo.EnergieNoord) }, Demo.Call).ResponseAsync);
        var fetched = await woonstichting.FetchAllAsync();
        await woonstichting.AckAsync(fetched[0], fetched[1]);
        var beforeExpiry = await Scrape.GetAsync(node);

        node.Time.SetUtcNow(last.ExpireTime.ToDateTimeOffset().AddSeconds(1));
        await Eventually.ValueAsync(() => Scrape.GetAsync(node), s => s.Value("skn_envelopes_expired_total") >= 2);
        await gemeente.SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting, content: new byte[100]));
        var scrape = await Scrape.GetAsync(node);

        // Assert
        var saldoverzoek = ("skn_bericht_type", "Saldoverzoek");
        Assert.Equal(2, beforeExpiry.Value("skn_envelopes_pending"));
        Assert.Equal(5, scrape.Value("skn_envelopes_sent_total", saldoverzoek));
        Assert.Equal(3, scrape.Value("skn_envelopes_delivered_total", saldoverzoek));
        Assert.Equal(2, scrape.Value("skn_envelopes_acknowledged_total", saldoverzoek));
        Assert.Equal(2, scrape.Value("skn_envelopes_expired_total", saldoverzoek));
        Assert.Equal(1, scrape.Value("skn_sends_refused_total", saldoverzoek, ("skn_error_reason", "ERROR_REASON_ROLE_NOT_ALLOWED")));
        Assert.Equal(1, scrape.Value("skn_envelopes_pending"));
        Assert.Equal(100, scrape.Value("skn_envelopes_pending_size_bytes"));
        Assert.Equal(0, scrape.Value("skn_fetch_streams"));
        Assert.Equal(3, scrape.Value("skn_delivery_latency_seconds_count", saldoverzoek));
        Assert.True(scrape.Value("skn_store_commit_batch_size_count") >= 1, scrape.Text);
        Assert.True(scrape.Value("skn_store_commit_duration_seconds_count") >= 1, scrape.Text);
        Assert.DoesNotContain(Demo.Gemeente, scrape.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Demo.Woonstichting, scrape.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_OpenFollowStream_CountsIt()
    {
        // Arrange
        await using var node = await TestNode.StartAsync(settings: WithMetrics);
        await node.Exchange(Demo.Gemeente).SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting));

        // Act: a follow stream stays open after its delivery.
        using var call = node.Exchange(Demo.Woonstichting).FetchPending(new FetchPendingRequest { Follow = true }, Demo.Call);
        await call.NextDeliveryAsync();
        var open = await Scrape.GetAsync(node);
        call.Dispose();
        var closed = await Eventually.ValueAsync(() => Scrape.GetAsync(node), s => s.Value("skn_fetch_streams") == 0);

        // Assert
        Assert.Equal(1, open.Value("skn_fetch_streams"));
        Assert.Equal(0, closed.Value("skn_fetch_streams"));
    }

    [Fact]
    public async Task Scrape_StoreWithLimit_ShowsItsUsageAgainstTheLimit()
    {
        // Arrange: a limit of 20,000 pages (about 80 MB).
        var settings = new Dictionary<string, string?>(WithMetrics) { ["Skn:MaxDatabasePages"] = "20000" };
        await using var node = await TestNode.StartAsync(settings: settings);
        var before = await Scrape.GetAsync(node);

        // Act: 20 bodies of 50 KB wait for their recipient.
        var gemeente = node.Exchange(Demo.Gemeente);
        for (var i = 0; i < 20; i++)
        {
            await gemeente.SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting, content: new byte[50_000]));
        }

        var after = await Scrape.GetAsync(node);

        // Assert
        var used = ("skn_store_state", "used");
        Assert.Equal(20_000 * 4096, after.Value("skn_store_limit_bytes"));
        Assert.InRange(after.Value("skn_store_usage_bytes", used) - before.Value("skn_store_usage_bytes", used), 20 * 50_000, 20 * 50_000 * 2);
        Assert.Contains(after.Text.Split('\n'), line => line.StartsWith("skn_store_usage_bytes{", StringComparison.Ordinal)
            && line.Contains("skn_store_state=\"free\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Scrape_StoreWithoutLimit_HasNoLimitSeries()
    {
        // Arrange
        await using var node = await TestNode.StartAsync(settings: WithMetrics);

        // Act
        var scrape = await Scrape.GetAsync(node);

        // Assert
        Assert.True(scrape.Value("skn_store_usage_bytes", ("skn_store_state", "used")) > 0, scrape.Text);
        Assert.DoesNotContain("skn_store_limit_bytes", scrape.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MetricsPort_UnknownPath_NotFound()
    {
        // Arrange
        await using var node = await TestNode.StartAsync(settings: WithMetrics);

        // Act
        var status = await Scrape.StatusAsync(node, "/skn.v1.ExchangeService/Send");

        // Assert: the participants' service is not reachable on the metrics port.
        Assert.Equal(404, status);
    }
}
