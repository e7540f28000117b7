using System.Text.Json;
using Google.Protobuf;
using Grpc.Core;
using Skn.Certificates;
using Skn.Integration.Tests.Infrastructure;
using Skn.V1;

namespace Skn.Integration.Tests.Operator;

/// <summary>
/// Registry changes through the operator service: written atomically, in effect when the call
/// returns, without a restart (the test node does not watch the file, so only the operator's own
/// reload can make them count).
/// </summary>
public sealed class OperatorRegistryTests
{
    private const string NewOin = "00000099000000000301";

    [Fact]
    public async Task SuspendThenReinstate_EndsOpenStreamRefusesSendsThenRestoresAccess()
    {
        // Arrange: the Woonstichting holds an open follow stream.
        await using var node = await TestNode.StartAsync();
        var woonstichting = node.Exchange(Demo.Woonstichting);
        using var stream = woonstichting.FetchPending(new FetchPendingRequest { Follow = true }, Demo.Call);
        await Eventually.TrueAsync(() => node.Store.LeaseQueries >= 1);

        // Act: suspend.
        var suspended = await node.Operator().SuspendParticipantAsync(new SuspendParticipantRequest { Oin = Demo.Woonstichting, Reason = "test" }, Demo.Call);

        // Assert: the stream ends, its own calls and sends to it are refused, at once.
        Assert.Equal(ParticipantState.Suspended, suspended.Participant.State);
        var streamEnd = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await stream.ResponseStream.MoveNext().WaitAsync(Demo.Timeout))
            {
            }
        });
        Assert.Equal(StatusCode.PermissionDenied, streamEnd.StatusCode);
        await RpcAssert.ThrowsAsync(StatusCode.PermissionDenied, ErrorReason.ParticipantSuspended,
            async () => await woonstichting.SendAsync(Demo.Envelope(BerichtType.Kennisgeving, Demo.Gemeente)));
        await RpcAssert.ThrowsAsync(StatusCode.FailedPrecondition, ErrorReason.RecipientInactive,
            async () => await node.Exchange(Demo.Gemeente).SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting)));

        // Act: reinstate.
        var reinstated = await node.Operator().ReinstateParticipantAsync(new ReinstateParticipantRequest { Oin = Demo.Woonstichting }, Demo.Call);

        // Assert: it sends and receives again.
        Assert.Equal(ParticipantState.Active, reinstated.Participant.State);
        var sent = await node.Exchange(Demo.Gemeente).SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting));
        var delivered = await woonstichting.FetchAllAsync();
        Assert.Contains(delivered, d => d.Envelope.MessageId == sent.MessageId);
        using var file = JsonDocument.Parse(await File.ReadAllTextAsync(node.RegistryPath));
        Assert.Equal("ACTIVE", file.RootElement.GetProperty("participants").EnumerateArray().Single(p => p.GetProperty("oin").GetString() == Demo.Woonstichting).GetProperty("state").GetString());
    }

    [Fact]
    public async Task RegisterParticipant_NewOrganisation_ConnectsAtOnceAndAppearsInDirectory()
    {
        // Arrange: the new organisation's certificate from the node's CA.
        await using var node = await TestNode.StartAsync();
        using var ca = DevelopmentCertificateAuthority.LoadOrCreate(node.CertificatesDirectory, node.CertificateClock);
        using var certificate = ca.IssueParticipantCertificate(NewOin, "Waterbedrijf Oost");

        // Act
        var registered = await node.Operator().RegisterParticipantAsync(
            new RegisterParticipantRequest
            {
                Participant = new Participant
                {
                    Oin = NewOin,
                    Name = "Waterbedrijf Oost",
                    Role = Role.Se,
                    Attributes = { ParticipantAttribute.Nuts },
                    Certificates = { new ParticipantCertificate { Der = ByteString.CopyFrom(certificate.RawData) } },
                },
            },
            Demo.Call);
        var ownView = await new DirectoryService.DirectoryServiceClient(node.Channel(NewOin, certificate)).GetParticipantAsync(new GetParticipantRequest { Oin = NewOin }, Demo.Call);
        var sent = await node.Exchange(Demo.Gemeente).SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, NewOin));

        // Assert
        Assert.Equal(ParticipantState.Active, registered.Participant.State);
        Assert.Equal([ParticipantAttribute.Nuts], ownView.Participant.Attributes);
        Assert.Equal(NewOin, sent.RecipientOin);
        using var file = JsonDocument.Parse(await File.ReadAllTextAsync(node.RegistryPath));
        Assert.Contains(file.RootElement.GetProperty("participants").EnumerateArray(), p => p.GetProperty("oin").GetString() == NewOin);
    }

    [Fact]
    public async Task UpdateParticipant_CertificateAddedThenOldOneWithdrawn_OnlyTheWithdrawalEndsOpenStreams()
    {
        // Arrange: the Woonstichting holds an open follow stream on its current certificate, and has a new one.
        await using var node = await TestNode.StartAsync();
        using var ca = DevelopmentCertificateAuthority.LoadOrCreate(node.CertificatesDirectory, node.CertificateClock);
        using var replacement = ca.IssueParticipantCertificate(Demo.Woonstichting, "Woonstichting De Sleutel");
        var current = (await node.Directory(Demo.Gemeente).GetParticipantAsync(new GetParticipantRequest { Oin = Demo.Woonstichting }, Demo.Call)).Participant.Certificates;
        var added = new ParticipantCertificate { Der = ByteString.CopyFrom(replacement.RawData), Uses = { CertificateUse.Tls, CertificateUse.Signing } };
        var woonstichting = node.Exchange(Demo.Woonstichting);
        using var stream = woonstichting.FetchPending(new FetchPendingRequest { Follow = true }, Demo.Call);
        await Eventually.TrueAsync(() => node.Store.LeaseQueries >= 1);

        // Act 1: a rollover adds the new certificate beside the old one.
        await node.Operator().UpdateParticipantAsync(Certificates(Demo.Woonstichting, [.. current, added]), Demo.Call);

        // Assert 1: the open stream goes on and still delivers.
        var sent = await node.Exchange(Demo.Gemeente).SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting));
        Assert.True(await stream.ResponseStream.MoveNext().WaitAsync(Demo.Timeout));
        while (stream.ResponseStream.Current.Delivery is null)
        {
            Assert.True(await stream.ResponseStream.MoveNext().WaitAsync(Demo.Timeout));
        }

        Assert.Equal(sent.MessageId, stream.ResponseStream.Current.Delivery.Envelope.MessageId);

        // Act 2: the old certificate is withdrawn (compromised, say).
        await node.Operator().UpdateParticipantAsync(Certificates(Demo.Woonstichting, [added]), Demo.Call);

        // Assert 2: the stream opened with it ends at once, the old certificate is refused, the new one works.
        var streamEnd = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await stream.ResponseStream.MoveNext().WaitAsync(Demo.Timeout))
            {
            }
        });
        Assert.Equal(StatusCode.PermissionDenied, streamEnd.StatusCode);
        await RpcAssert.ThrowsAsync(StatusCode.Unauthenticated, ErrorReason.CertificateUnknown,
            async () => await woonstichting.ListTrailAsync(new ListTrailRequest(), Demo.Call));
        var renewed = new ExchangeService.ExchangeServiceClient(node.Channel("woonstichting-renewed", replacement));
        var delivered = await renewed.FetchAllAsync();
        Assert.Contains(delivered, d => d.Envelope.MessageId == sent.MessageId);
    }

    private static UpdateParticipantRequest Certificates(string oin, IEnumerable<ParticipantCertificate> certificates) => new()
    {
        Participant = new Participant { Oin = oin, Certificates = { certificates } },
        UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "certificates" } },
    };

    [Fact]
    public async Task UpdateParticipant_Attributes_InEffectAtOnce()
    {
        // Arrange
        await using var node = await TestNode.StartAsync();

        // Act: Energie Noord may now extend terms, and is renamed.
        var updated = await node.Operator().UpdateParticipantAsync(
            new UpdateParticipantRequest
            {
                Participant = new Participant { Oin = Demo.EnergieNoord, Name = "Energie Noord B.V.", Attributes = { ParticipantAttribute.Nuts, ParticipantAttribute.VerlengenAfhandeltermijn } },
                UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "name", "attributes" } },
            },
            Demo.Call);
        var seen = await node.Directory(Demo.Gemeente).GetParticipantAsync(new GetParticipantRequest { Oin = Demo.EnergieNoord }, Demo.Call);

        // Assert: changed fields only; role and certificates stay.
        Assert.Equal("Energie Noord B.V.", seen.Participant.Name);
        Assert.Equal([ParticipantAttribute.Nuts, ParticipantAttribute.VerlengenAfhandeltermijn], seen.Participant.Attributes);
        Assert.Equal(Role.Se, seen.Participant.Role);
        Assert.Single(seen.Participant.Certificates);
        Assert.Equal(updated.Participant, seen.Participant);
    }

    public static TheoryData<string, string> BadRegistrations() => new()
    {
        { "duplicate", "participant.oin" },
        { "not20digits", "participant.oin" },
        { "operatorOin", "participant.oin" },
        { "unknownAttribute", "participant.attributes[0]" },
        { "foreignCertificate", "participant.certificates[0].der" },
        { "noName", "participant.name" },
    };

    [Theory]
    [MemberData(nameof(BadRegistrations))]
    public async Task RegisterParticipant_BadChange_InvalidArgumentNamingFieldAndFileUntouched(string change, string field)
    {
        // Arrange
        await using var node = await TestNode.StartAsync();
        using var ca = DevelopmentCertificateAuthority.LoadOrCreate(node.CertificatesDirectory, node.CertificateClock);
        using var certificate = ca.IssueParticipantCertificate(NewOin, "Waterbedrijf Oost");
        var participant = new Participant
        {
            Oin = NewOin,
            Name = "Waterbedrijf Oost",
            Role = Role.Se,
            Certificates = { new ParticipantCertificate { Der = ByteString.CopyFrom(certificate.RawData) } },
        };
        switch (change)
        {
            case "duplicate":
                participant.Oin = Demo.Gemeente;
                break;
            case "not20digits":
                participant.Oin = "0000009900000000030";
                break;
            case "operatorOin":
                participant.Oin = Demo.Operator;
                break;
            case "unknownAttribute":
                participant.Attributes.Add((ParticipantAttribute)99);
                break;
            case "foreignCertificate":
                using (var foreign = DevelopmentCertificateAuthority.LoadOrCreate(Path.Combine(node.DataDirectory, "foreign-ca"), node.CertificateClock))
                using (var other = foreign.IssueParticipantCertificate(NewOin, "Waterbedrijf Oost"))
                {
                    participant.Certificates[0].Der = ByteString.CopyFrom(other.RawData);
                }

                break;
            default:
                participant.Name = " ";
                break;
        }

        var before = await File.ReadAllBytesAsync(node.RegistryPath);

        // Act and assert
        await RpcAssert.ThrowsAsync(StatusCode.InvalidArgument, ErrorReason.InvalidField,
            async () => await node.Operator().RegisterParticipantAsync(new RegisterParticipantRequest { Participant = participant }, Demo.Call),
            field);
        Assert.Equal(before, await File.ReadAllBytesAsync(node.RegistryPath));
        Assert.Empty(Directory.GetFiles(node.DataDirectory, "*.tmp"));
    }

    [Fact]
    public async Task SuspendParticipant_UnknownOin_NotFound()
    {
        // Arrange
        await using var node = await TestNode.StartAsync();

        // Act and assert
        await RpcAssert.ThrowsAsync(StatusCode.NotFound, ErrorReason.ParticipantNotFound,
            async () => await node.Operator().SuspendParticipantAsync(new SuspendParticipantRequest { Oin = "00000099000000000777" }, Demo.Call),
            "oin");
        await RpcAssert.ThrowsAsync(StatusCode.InvalidArgument, ErrorReason.InvalidField,
            async () => await node.Operator().UpdateParticipantAsync(
                new UpdateParticipantRequest { Participant = new Participant { Oin = Demo.Gemeente, State = ParticipantState.Suspended }, UpdateMask = new() { Paths = { "state" } } },
                Demo.Call),
            "update_mask");
    }
}
