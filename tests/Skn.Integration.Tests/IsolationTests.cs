using System.Net;
using Grpc.Core;
using Grpc.Health.V1;
using Skn.Certificates;
using Skn.Integration.Tests.Infrastructure;
using Skn.V1;

namespace Skn.Integration.Tests;

/// <summary>A participant reaches only its own mailbox and trail; unknown, suspended and certificate-less callers are refused.</summary>
public sealed class IsolationTests
{
    [Fact]
    public async Task OtherParticipant_CannotFetchAckExtendOrSeeTrail()
    {
        // Arrange: an envelope for the Woonstichting, delivered to it.
        await using var node = await TestNode.StartAsync();
        var sent = await node.Exchange(Demo.Gemeente).SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting));
        var delivery = Assert.Single(await node.Exchange(Demo.Woonstichting).FetchAllAsync());
        var intruder = node.Exchange(Demo.Belasting);

        // Act
        var fetched = await intruder.FetchAllAsync();
        var ack = await intruder.AckAsync(delivery);
        var trail = await intruder.ListTrailAsync(new ListTrailRequest(), Demo.Call);

        // Assert
        Assert.Empty(fetched);
        Assert.Equal(AcknowledgeOutcome.NotFound, ack.Results[0].Outcome);
        Assert.Empty(trail.Entries);
        await RpcAssert.ThrowsAsync(StatusCode.NotFound, ErrorReason.EnvelopeNotFound,
            () => intruder.ExtendHandlingTermAsync(new ExtendHandlingTermRequest { MessageId = sent.MessageId, Days = 7 }, Demo.Call).ResponseAsync);
        var ownTrail = await node.Exchange(Demo.Woonstichting).ListTrailAsync(new ListTrailRequest(), Demo.Call);
        Assert.Equal(sent.MessageId, Assert.Single(ownTrail.Entries).Envelope.MessageId);
    }

    [Fact]
    public async Task Call_WithoutCertificate_Unauthenticated()
    {
        await using var node = await TestNode.StartAsync();

        await RpcAssert.ThrowsAsync(StatusCode.Unauthenticated, ErrorReason.CertificateMissing,
            () => node.Exchange(null).ListTrailAsync(new ListTrailRequest(), Demo.Call).ResponseAsync);
    }

    [Fact]
    public async Task Call_SuspendedParticipant_PermissionDenied()
    {
        await using var node = await TestNode.StartAsync();

        await RpcAssert.ThrowsAsync(StatusCode.PermissionDenied, ErrorReason.ParticipantSuspended,
            () => node.Exchange(Demo.Suspended).ListTrailAsync(new ListTrailRequest(), Demo.Call).ResponseAsync);
    }

    [Fact]
    public async Task Call_CertificateOfAnotherCa_Unauthenticated()
    {
        // Arrange: a certificate with a demo OIN, issued by a CA the node does not trust.
        await using var node = await TestNode.StartAsync();
        var foreignFolder = Path.Combine(node.DataDirectory, "foreign");
        using var foreignCa = DevelopmentCertificateAuthority.LoadOrCreate(foreignFolder, node.CertificateClock);
        var impostor = foreignCa.IssueParticipantCertificate(Demo.Woonstichting, "Impostor");
        var client = new ExchangeService.ExchangeServiceClient(node.Channel("impostor", impostor));

        // Act and assert
        await RpcAssert.ThrowsAsync(StatusCode.Unauthenticated, ErrorReason.CertificateUnknown,
            () => client.ListTrailAsync(new ListTrailRequest(), Demo.Call).ResponseAsync);
    }

    [Fact]
    public async Task Call_ExpiredCertificate_Unauthenticated()
    {
        // Arrange: issued by the node's own CA, but no longer valid.
        await using var node = await TestNode.StartAsync();
        using var ca = DevelopmentCertificateAuthority.LoadOrCreate(node.CertificatesDirectory);
        var expired = ca.IssueParticipantCertificate(Demo.Woonstichting, "Woonstichting De Sleutel", TimeSpan.FromDays(1), DateTimeOffset.UtcNow.AddDays(-10));
        var client = new ExchangeService.ExchangeServiceClient(node.Channel("expired", expired));

        // Act and assert
        await RpcAssert.ThrowsAsync(StatusCode.Unauthenticated, ErrorReason.CertificateExpired,
            () => client.ListTrailAsync(new ListTrailRequest(), Demo.Call).ResponseAsync);
    }

    [Fact]
    public async Task Health_WithoutCertificate_Serving()
    {
        await using var node = await TestNode.StartAsync();

        var response = await new Health.HealthClient(node.Channel(null)).CheckAsync(new HealthCheckRequest(), Demo.Call);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task Directory_ListParticipants_ShowsRolesAttributesAndCertificates()
    {
        await using var node = await TestNode.StartAsync();

        var response = await node.Directory(Demo.Gemeente).ListParticipantsAsync(new ListParticipantsRequest(), Demo.Call);

        Assert.Equal(6, response.Participants.Count);
        var belasting = response.Participants.Single(p => p.Oin == Demo.Belasting);
        Assert.Equal(Role.Se, belasting.Role);
        Assert.Contains(ParticipantAttribute.Publiek, belasting.Attributes);
        Assert.Contains(ParticipantAttribute.VtlbVerplicht, belasting.Attributes);
        Assert.NotEmpty(belasting.Certificates[0].Der);
        Assert.Equal(ParticipantState.Suspended, response.Participants.Single(p => p.Oin == Demo.Suspended).State);
    }
}
