using System.Net;
using Grpc.Core;
using Grpc.Health.V1;
using Skn.Certificates;
using Skn.Integration.Tests.Infrastructure;
using Skn.V1;

namespace Skn.Integration.Tests;

/// <summary>
/// What the authorization matrix (tests/Skn.Reliability.Tests/Authorization) does not cover: expired
/// certificates, health without a certificate, and the directory's content. The matrix holds every
/// RPC × own/another's envelope × caller certificate (SHV, SE, suspended, another CA, unregistered,
/// none), including the cases that used to be here.
/// </summary>
public sealed class IsolationTests
{
    [Fact]
    public async Task Call_ExpiredCertificate_Unauthenticated()
    {
        // Arrange: issued by the node's own CA, but no longer valid on the node's clock (which is
        // the test's, not the real one: anchored to the real date the test would pass or fail by
        // the calendar).
        await using var node = await TestNode.StartAsync();
        using var ca = DevelopmentCertificateAuthority.LoadOrCreate(node.CertificatesDirectory);
        var expired = ca.IssueParticipantCertificate(Demo.Woonstichting, "Woonstichting De Sleutel", TimeSpan.FromDays(1), node.Time.GetUtcNow().AddDays(-10));
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
