using System.Text.Json;
using Grpc.Core;
using Skn.V1;

namespace Skn.Integration.Tests.Operator;

/// <summary>Per-participant figures after a scripted conversation, and the audit log of the operator's calls.</summary>
public sealed class OperatorFiguresAndAuditTests
{
    [Fact]
    public async Task ListParticipantFigures_AfterScriptedConversation_CountsEachMailbox()
    {
        // Arrange: one bericht to Energie Noord expires; then the Woonstichting gets three and
        // acknowledges one, and Belastingsamenwerking lets one go unacknowledged, which is set aside
        // at the first failed delivery.
        await using var node = await TestNode.StartAsync(settings: new() { ["Skn:MaxFailedDeliveries"] = "1" });
        var gemeente = node.Exchange(Demo.Gemeente);
        var expiring = await gemeente.SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.EnergieNoord));
        node.Time.SetUtcNow(expiring.ExpireTime.ToDateTimeOffset().AddMinutes(1));
        await Eventually.ValueAsync(() => node.Store.FindAsync(expiring.MessageId, default), e => e!.State == EnvelopeState.Expired);

        await gemeente.SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting));
        node.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await gemeente.SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting));
        await gemeente.SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting));
        var woonstichting = node.Exchange(Demo.Woonstichting);
        using (var call = woonstichting.FetchPending(new FetchPendingRequest { MaxInFlight = 1, MaxDeliveries = 1 }, Demo.Call))
        {
            // The oldest is acknowledged while its stream is open, so the others are never held.
            await foreach (var delivery in call.ResponseStream.ReadAllAsync())
            {
                await woonstichting.AcknowledgeAsync(new AcknowledgeRequest { DeliveryTokens = { delivery.Delivery.DeliveryToken } }, Demo.Call);
            }
        }
        var setAside = await gemeente.SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Belasting));
        await node.Exchange(Demo.Belasting).FetchAllAsync();
        await Eventually.ValueAsync(() => node.Store.FindAsync(setAside.MessageId, default), e => e!.State == EnvelopeState.Poisoned);

        // Act
        var response = await node.Operator().ListParticipantFiguresAsync(new ListParticipantFiguresRequest(), Demo.Call);
        var one = await node.Operator().ListParticipantFiguresAsync(new ListParticipantFiguresRequest { ParticipantOin = Demo.Woonstichting }, Demo.Call);

        // Assert: (pending, oldest pending, poisoned, expired) per mailbox.
        var figures = response.Figures.ToDictionary(f => f.Oin);
        Assert.Equal(DemoParticipantCount, figures.Count);
        Assert.Equal((2L, second.SendTime, 0L, 0L), Describe(figures[Demo.Woonstichting]));
        Assert.Equal((0L, (Google.Protobuf.WellKnownTypes.Timestamp?)null, 0L, 1L), Describe(figures[Demo.EnergieNoord]));
        Assert.Equal((0L, (Google.Protobuf.WellKnownTypes.Timestamp?)null, 1L, 0L), Describe(figures[Demo.Belasting]));
        Assert.Equal((0L, (Google.Protobuf.WellKnownTypes.Timestamp?)null, 0L, 0L), Describe(figures[Demo.Gemeente]));
        Assert.Equal(figures[Demo.Woonstichting], Assert.Single(one.Figures));
    }

    [Fact]
    public async Task OperatorCalls_EachAcceptedOrRefused_LandInTheAuditLog()
    {
        // Arrange
        await using var node = await TestNode.StartAsync();
        var client = node.Operator();

        // Act: two changes, a view, a refused change, and a participant knocking at the wrong door.
        await client.SuspendParticipantAsync(new SuspendParticipantRequest { Oin = Demo.Kredietbank, Reason = "onderzoek" }, Demo.Call);
        await client.ReinstateParticipantAsync(new ReinstateParticipantRequest { Oin = Demo.Kredietbank }, Demo.Call);
        await client.ListTrafficAsync(new ListTrafficRequest { ParticipantOin = Demo.Kredietbank }, Demo.Call);
        await Assert.ThrowsAsync<RpcException>(async () => await client.SuspendParticipantAsync(new SuspendParticipantRequest { Oin = "1" }, Demo.Call));
        await Assert.ThrowsAsync<RpcException>(async () => await node.Operator(Demo.Gemeente).ListTrafficAsync(new ListTrafficRequest(), Demo.Call));
        var page = await client.ListAuditEntriesAsync(new ListAuditEntriesRequest { PageSize = 3 }, Demo.Call);
        var rest = await client.ListAuditEntriesAsync(new ListAuditEntriesRequest { PageToken = page.NextPageToken }, Demo.Call);

        // Assert: the file, one JSON line per call in order, already on disk when each call returned.
        var lines = await File.ReadAllLinesAsync(Path.Combine(node.DataDirectory, "operator-audit.jsonl"));
        var records = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(
            [
                ("SuspendParticipant", Demo.Operator, Demo.Kredietbank, "OK"),
                ("ReinstateParticipant", Demo.Operator, Demo.Kredietbank, "OK"),
                ("ListTraffic", Demo.Operator, Demo.Kredietbank, "OK"),
                ("SuspendParticipant", Demo.Operator, "1", "InvalidArgument"),
                ("ListTraffic", "", "", "PermissionDenied"),
            ],
            records.Take(5).Select(r => (r.GetProperty("action").GetString(), r.GetProperty("operatorOin").GetString(), r.GetProperty("participantOin").GetString(), r.GetProperty("outcome").GetString())));
        Assert.Contains("reason: onderzoek", records[0].GetProperty("details").GetString());
        Assert.Contains(Demo.Gemeente, records[4].GetProperty("callerSubject").GetString());

        // The RPC reads it back newest first; a read is recorded after it answered, and the next
        // page continues below the first one however much was appended since.
        Assert.Equal(["ListTraffic", "SuspendParticipant", "ListTraffic"], page.Entries.Select(e => e.Action));
        Assert.Equal(["ReinstateParticipant", "SuspendParticipant"], rest.Entries.Select(e => e.Action));
        Assert.Equal(7, (await File.ReadAllLinesAsync(Path.Combine(node.DataDirectory, "operator-audit.jsonl"))).Length);
    }

    private const int DemoParticipantCount = 6;

    private static (long, Google.Protobuf.WellKnownTypes.Timestamp?, long, long) Describe(ParticipantFigures figures) =>
        (figures.PendingCount, figures.OldestPendingSendTime, figures.PoisonedCount, figures.ExpiredCount);
}
