using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Skn.Integration.Tests.Infrastructure;
using Skn.V1;

namespace Skn.Integration.Tests.Telemetry;

/// <summary>The node's spans: the expected names and attributes, and nothing that identifies anyone.</summary>
public sealed class TracingTests
{
    /// <summary>Every attribute a span of the node or its store may carry; anything else fails the test.</summary>
    private static readonly HashSet<string> AllowedKeys =
    [
        "skn.bericht_type", "skn.sealed_content.size", "skn.sender.role", "skn.send.outcome", "skn.error_reason",
        "skn.recipient.role", "skn.fetch.follow", "skn.fetch.snapshot", "skn.fetch.max_in_flight", "skn.fetch.delivered",
        "skn.poison.requested", "skn.poison.released",
        "db.system.name", "skn.store.batch_size", "error.type",
    ];

    [Fact]
    public async Task Spans_SendRefusedSendAndFetch_ExpectedNamesAndNoPersonalData()
    {
        // Arrange: listen to the node's and the store's sources (other tests' nodes may add spans; they obey the same rule).
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Skn.Node" or "Skn.Store.Sqlite",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var node = await TestNode.StartAsync();
        var gemeente = node.Exchange(Demo.Gemeente);
        var woonstichting = node.Exchange(Demo.Woonstichting);
        var envelope = Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting, content: new byte[777]);

        // Act
        var sent = await gemeente.SendAsync(envelope);
        await RpcAssert.ThrowsAsync(StatusCode.PermissionDenied, ErrorReason.RoleNotAllowed,
            () => woonstichting.SendAsync(new SendRequest { Envelope = Demo.Envelope(BerichtType.Saldoverzoek, Demo.EnergieNoord, content: new byte[778]) }, Demo.Call).ResponseAsync);
        var (fetched, _) = await woonstichting.FetchAndAckAllAsync(maxInFlight: 8);
        await node.StopAsync();
        var all = spans.ToArray();

        // Assert: the names and attributes of this test's spans.
        var send = Assert.Single(all, s => s.OperationName == "skn.send" && Equals(s.GetTagItem("skn.sealed_content.size"), 777));
        Assert.Equal("Saldoverzoek", send.GetTagItem("skn.bericht_type"));
        Assert.Equal("shv", send.GetTagItem("skn.sender.role"));
        Assert.Equal("accepted", send.GetTagItem("skn.send.outcome"));

        var refused = Assert.Single(all, s => s.OperationName == "skn.send" && Equals(s.GetTagItem("skn.sealed_content.size"), 778));
        Assert.Equal("refused", refused.GetTagItem("skn.send.outcome"));
        Assert.Equal("ERROR_REASON_ROLE_NOT_ALLOWED", refused.GetTagItem("skn.error_reason"));
        Assert.Equal(ActivityStatusCode.Error, refused.Status);

        Assert.Contains(all, s => s.OperationName == "skn.fetch_pending" && Equals(s.GetTagItem("skn.fetch.delivered"), 1) && Equals(s.GetTagItem("skn.recipient.role"), "se"));
        Assert.Contains(all, s => s.OperationName == "skn.store.commit" && s.Links.Any(l => l.Context.SpanId == send.SpanId));
        Assert.Equal(sent.MessageId, Assert.Single(fetched).Envelope.MessageId);

        // Assert: no span of any node in this process carries an identifier or content.
        var forbidden = new[] { Demo.Gemeente, Demo.Woonstichting, Demo.EnergieNoord, Demo.Kredietbank, Demo.Belasting, sent.MessageId, sent.ConversationId };
        foreach (var span in all)
        {
            Assert.True(span.OperationName is "skn.send" or "skn.fetch_pending" or "skn.release_poisoned" or "skn.store.commit", span.OperationName);
            foreach (var (key, value) in span.TagObjects)
            {
                Assert.Contains(key, AllowedKeys);
                var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
                Assert.DoesNotContain(forbidden, f => text.Contains(f, StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public async Task Spans_ReleasePoisoned_CountsAndRoleOnly()
    {
        // Arrange: an envelope set aside after its first unacknowledged delivery.
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Skn.Node",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var node = await TestNode.StartAsync(settings: new() { ["Skn:MaxFailedDeliveries"] = "1" });
        var woonstichting = node.Exchange(Demo.Woonstichting);
        var poisoned = await node.Exchange(Demo.Gemeente).SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting));
        using (var call = woonstichting.FetchPending(new FetchPendingRequest { Follow = true }, Demo.Call))
        {
            await call.NextDeliveryAsync();
        }

        await Eventually.ValueAsync(() => node.Store.FindAsync(poisoned.MessageId, default), e => e!.State == EnvelopeState.Poisoned);
        var unknown = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid().ToString());
        var tooMany = Enumerable.Range(0, 1001).Select(_ => Guid.NewGuid().ToString());

        // Act: one release of the poisoned envelope with six ids that name nothing, and one refused
        // for its size. The odd counts (7, 1001) tell this test's spans from other tests' nodes'.
        await woonstichting.ReleasePoisonedAsync(new ReleasePoisonedRequest { MessageIds = { poisoned.MessageId, unknown } }, Demo.Call);
        await RpcAssert.ThrowsAsync(StatusCode.InvalidArgument, ErrorReason.InvalidField,
            () => woonstichting.ReleasePoisonedAsync(new ReleasePoisonedRequest { MessageIds = { tooMany } }, Demo.Call).ResponseAsync);
        await node.StopAsync();

        // Assert: this test's two spans, and nothing that names an envelope or a participant.
        var released = Assert.Single(spans, s => s.OperationName == "skn.release_poisoned" && Equals(s.GetTagItem("skn.poison.requested"), 7));
        Assert.Equal(("se", 1), (released.GetTagItem("skn.recipient.role"), released.GetTagItem("skn.poison.released")));
        Assert.Equal(ActivityStatusCode.Unset, released.Status);
        var refused = Assert.Single(spans, s => s.OperationName == "skn.release_poisoned" && Equals(s.GetTagItem("skn.poison.requested"), 1001));
        Assert.Equal("ERROR_REASON_INVALID_FIELD", refused.GetTagItem("skn.error_reason"));
        Assert.Equal(ActivityStatusCode.Error, refused.Status);
        foreach (var (key, value) in released.TagObjects.Concat(refused.TagObjects))
        {
            Assert.Contains(key, AllowedKeys);
            var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
            Assert.DoesNotContain(poisoned.MessageId, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Demo.Woonstichting, text, StringComparison.Ordinal);
        }
    }
}
