using System.Text.Json;
using Grpc.Core;
using Skn.Integration.Tests.Infrastructure;
using Skn.V1;

namespace Skn.Integration.Tests.Operator;

/// <summary>The operator and the participants each reach their own services only.</summary>
public sealed class OperatorAccessTests
{
    [Fact]
    public async Task OperatorService_ParticipantCertificate_PermissionDenied()
    {
        // Arrange
        await using var node = await TestNode.StartAsync();

        // Act and assert: an active participant's certificate is a valid one, but not an operator's.
        await RpcAssert.ThrowsAsync(StatusCode.PermissionDenied, ErrorReason.OperatorOnly,
            async () => await node.Operator(Demo.Gemeente).ListTrafficAsync(new ListTrafficRequest(), Demo.Call));
        await RpcAssert.ThrowsAsync(StatusCode.PermissionDenied, ErrorReason.OperatorOnly,
            async () => await node.Operator(Demo.Woonstichting).SuspendParticipantAsync(new SuspendParticipantRequest { Oin = Demo.Gemeente }, Demo.Call));
        await RpcAssert.ThrowsAsync(StatusCode.Unauthenticated, ErrorReason.CertificateMissing,
            async () => await new OperatorService.OperatorServiceClient(node.Channel(null)).ListParticipantFiguresAsync(new ListParticipantFiguresRequest(), Demo.Call));
        var gemeente = await node.Operator().ListRegisteredParticipantsAsync(new ListRegisteredParticipantsRequest(), Demo.Call);
        Assert.Contains(gemeente.Participants, p => p.Oin == Demo.Gemeente && p.State == ParticipantState.Active);
    }

    [Fact]
    public async Task ExchangeAndDirectory_OperatorCertificate_PermissionDenied()
    {
        // Arrange
        await using var node = await TestNode.StartAsync();
        var channel = node.Channel(Demo.Operator, node.OperatorCertificate);
        var exchange = new ExchangeService.ExchangeServiceClient(channel);
        var directory = new DirectoryService.DirectoryServiceClient(channel);

        // Act and assert: an operator is not a participant, so it cannot send, fetch or read the directory.
        await RpcAssert.ThrowsAsync(StatusCode.PermissionDenied, ErrorReason.ParticipantOnly,
            async () => await exchange.SendAsync(new SendRequest { Envelope = Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting) }, Demo.Call));
        await RpcAssert.ThrowsAsync(StatusCode.PermissionDenied, ErrorReason.ParticipantOnly,
            async () => await exchange.FetchAllAsync());
        await RpcAssert.ThrowsAsync(StatusCode.PermissionDenied, ErrorReason.ParticipantOnly,
            async () => await directory.ListParticipantsAsync(new ListParticipantsRequest(), Demo.Call));
        var everyone = await node.Directory(Demo.Gemeente).ListParticipantsAsync(new ListParticipantsRequest { PageSize = 1000 }, Demo.Call);
        Assert.DoesNotContain(everyone.Participants, p => p.Oin == Demo.Operator);
    }

    [Fact]
    public async Task OperatorService_OverTheCallBudget_ResourceExhaustedAndOnRecord()
    {
        // Arrange: a budget of 3 calls at once, refilled at 1 a second (the operator's, like any caller's).
        await using var node = await TestNode.StartAsync(settings: new()
        {
            ["Skn:Limits:RequestBurst"] = "3",
            ["Skn:Limits:RequestsPerSecond"] = "1",
        });
        var client = node.Operator();
        for (var i = 0; i < 3; i++)
        {
            await client.ListRegisteredParticipantsAsync(new ListRegisteredParticipantsRequest(), Demo.Call);
        }

        // Act and assert: the fourth is refused, naming the operator and the setting; participants go on.
        var refused = await RpcAssert.ThrowsAsync(StatusCode.ResourceExhausted, ErrorReason.LimitReached,
            async () => await client.ListRegisteredParticipantsAsync(new ListRegisteredParticipantsRequest(), Demo.Call));
        Assert.Contains($"Operator {Demo.Operator}", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("RequestsPerSecond", refused.Status.Detail, StringComparison.Ordinal);
        await node.Exchange(Demo.Gemeente).ListTrailAsync(new ListTrailRequest(), Demo.Call);
        var last = JsonDocument.Parse((await File.ReadAllLinesAsync(Path.Combine(node.DataDirectory, "operator-audit.jsonl")))[^1]).RootElement;
        Assert.Equal(("ListRegisteredParticipants", "ResourceExhausted"), (last.GetProperty("action").GetString(), last.GetProperty("outcome").GetString()));
    }
}
