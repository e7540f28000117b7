using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Skn.Certificates.Tests.Support;

namespace Skn.Certificates.Tests;

public sealed class CertificateTrustTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly DevelopmentCertificateAuthority _ca;
    private readonly CertificateTrust _trust;

    public CertificateTrustTests()
    {
        _ca = DevelopmentCertificateAuthority.LoadOrCreate(_temp.Combine("ca"));
        _trust = new CertificateTrust(new X509Certificate2Collection(_ca.Certificate));
    }

    public void Dispose()
    {
        _ca.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void Validate_ParticipantFromTrustedCaAsClient_IsValid()
    {
        // Arrange
        using var participant = _ca.IssueParticipantCertificate(TestParticipants.GemeenteOin, TestParticipants.GemeenteName);

        // Act
        var result = _trust.Validate(participant, usage: CertificateUsage.ClientAuth);

        // Assert
        Assert.True(result.IsValid, result.Description);
        Assert.Equal(CertificateProblem.None, result.Problem);
        Assert.Contains("Skn Development CA", result.Description);
    }

    [Fact]
    public void Validate_ServerCertificateAsServer_IsValid()
    {
        // Arrange
        using var server = _ca.IssueServerCertificate(["localhost"], [IPAddress.Loopback]);

        // Act
        var result = _trust.Validate(server, usage: CertificateUsage.ServerAuth);

        // Assert
        Assert.True(result.IsValid, result.Description);
    }

    [Fact]
    public void Validate_NoUsageRequested_IsValid()
    {
        // Arrange
        using var server = _ca.IssueServerCertificate(["localhost"], []);

        // Act
        var result = _trust.Validate(server);

        // Assert
        Assert.True(result.IsValid, result.Description);
    }

    [Fact]
    public void Validate_ExpiredCertificate_ReturnsExpired()
    {
        // Arrange
        using var participant = _ca.IssueParticipantCertificate(
            TestParticipants.GemeenteOin, TestParticipants.GemeenteName,
            validity: TimeSpan.FromDays(1), notBefore: DateTimeOffset.UtcNow.AddDays(-10));

        // Act
        var result = _trust.Validate(participant, usage: CertificateUsage.ClientAuth);

        // Assert
        Assert.False(result.IsValid);
        Assert.Equal(CertificateProblem.Expired, result.Problem);
        Assert.Contains("expired", result.Description);
        Assert.Contains(TestParticipants.GemeenteOin, result.Description);
    }

    [Fact]
    public void Validate_NotYetValidCertificate_ReturnsNotYetValid()
    {
        // Arrange
        using var participant = _ca.IssueParticipantCertificate(
            TestParticipants.GemeenteOin, TestParticipants.GemeenteName, notBefore: DateTimeOffset.UtcNow.AddDays(1));

        // Act
        var result = _trust.Validate(participant, usage: CertificateUsage.ClientAuth);

        // Assert
        Assert.False(result.IsValid);
        Assert.Equal(CertificateProblem.NotYetValid, result.Problem);
        Assert.Contains("not valid before", result.Description);
    }

    [Fact]
    public void Validate_TimeProviderPastExpiry_ReturnsExpired()
    {
        // Arrange
        using var participant = _ca.IssueParticipantCertificate(TestParticipants.GemeenteOin, TestParticipants.GemeenteName);
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow.AddYears(3));
        var trust = new CertificateTrust(new X509Certificate2Collection(_ca.Certificate), clock);

        // Act
        var result = trust.Validate(participant, usage: CertificateUsage.ClientAuth);

        // Assert
        Assert.Equal(CertificateProblem.Expired, result.Problem);
    }

    [Fact]
    public void Validate_IssuedByAnotherCa_ReturnsUntrustedIssuer()
    {
        // Arrange
        using var otherCa = DevelopmentCertificateAuthority.LoadOrCreate(_temp.Combine("other-ca"));
        using var participant = otherCa.IssueParticipantCertificate(TestParticipants.GemeenteOin, TestParticipants.GemeenteName);

        // Act
        var result = _trust.Validate(participant, usage: CertificateUsage.ClientAuth);

        // Assert
        Assert.False(result.IsValid);
        Assert.Equal(CertificateProblem.UntrustedIssuer, result.Problem);
        Assert.Contains("not trusted", result.Description);
    }

    [Fact]
    public void Validate_IssuedByAnotherCaWithThatCaInExtraChain_ReturnsUntrustedIssuer()
    {
        // Arrange
        using var otherCa = DevelopmentCertificateAuthority.LoadOrCreate(_temp.Combine("other-ca"));
        using var participant = otherCa.IssueParticipantCertificate(TestParticipants.GemeenteOin, TestParticipants.GemeenteName);

        // Act
        var result = _trust.Validate(participant, new X509Certificate2Collection(otherCa.Certificate), CertificateUsage.ClientAuth);

        // Assert
        Assert.Equal(CertificateProblem.UntrustedIssuer, result.Problem);
    }

    [Fact]
    public void Validate_SelfSignedCertificate_ReturnsUntrustedIssuer()
    {
        // Arrange
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(
            ParticipantIdentity.BuildSubject(TestParticipants.GemeenteOin, TestParticipants.GemeenteName),
            key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var selfSigned = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        // Act
        var result = _trust.Validate(selfSigned);

        // Assert
        Assert.Equal(CertificateProblem.UntrustedIssuer, result.Problem);
    }

    [Fact]
    public void Validate_ImpostorCaWithSameName_ReturnsUntrustedIssuer()
    {
        // Arrange: a CA in another folder has the same subject name "CN=Skn Development CA" but another key.
        using var impostor = DevelopmentCertificateAuthority.LoadOrCreate(_temp.Combine("impostor"));
        Assert.Equal(_ca.Certificate.Subject, impostor.Certificate.Subject);
        using var participant = impostor.IssueParticipantCertificate(TestParticipants.GemeenteOin, TestParticipants.GemeenteName);

        // Act
        var result = _trust.Validate(participant, usage: CertificateUsage.ClientAuth);

        // Assert
        Assert.Equal(CertificateProblem.UntrustedIssuer, result.Problem);
    }

    [Fact]
    public void Validate_ServerCertificateUsedAsClient_ReturnsWrongUsage()
    {
        // Arrange
        using var server = _ca.IssueServerCertificate(["localhost"], [IPAddress.Loopback]);

        // Act
        var result = _trust.Validate(server, usage: CertificateUsage.ClientAuth);

        // Assert
        Assert.False(result.IsValid);
        Assert.Equal(CertificateProblem.WrongUsage, result.Problem);
        Assert.Contains("TLS client authentication", result.Description);
    }

    [Fact]
    public void Validate_ParticipantCertificateUsedAsServer_ReturnsWrongUsage()
    {
        // Arrange
        using var participant = _ca.IssueParticipantCertificate(TestParticipants.GemeenteOin, TestParticipants.GemeenteName);

        // Act
        var result = _trust.Validate(participant, usage: CertificateUsage.ServerAuth);

        // Assert
        Assert.Equal(CertificateProblem.WrongUsage, result.Problem);
    }

    [Fact]
    public void Validate_CaCertificateAsClient_ReturnsWrongUsage()
    {
        // Arrange
        var caCertificate = _ca.Certificate;

        // Act
        var result = _trust.Validate(caCertificate, usage: CertificateUsage.ClientAuth);

        // Assert
        Assert.Equal(CertificateProblem.WrongUsage, result.Problem);
        Assert.Contains("CA certificate", result.Description);
    }

    [Fact]
    public void Validate_IssuedByNonCaCertificate_ReturnsMalformed()
    {
        // Arrange: a participant (basicConstraints CA:FALSE) signs a certificate of its own.
        using var participant = _ca.IssueParticipantCertificate(TestParticipants.GemeenteOin, TestParticipants.GemeenteName);
        using var participantKey = participant.GetRSAPrivateKey()!;
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(
            ParticipantIdentity.BuildSubject(TestParticipants.CreditorOin, TestParticipants.CreditorName),
            key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var forged = request.Create(
            participant.SubjectName,
            X509SignatureGenerator.CreateForRSA(participantKey, RSASignaturePadding.Pkcs1),
            DateTimeOffset.UtcNow.AddMinutes(-5),
            DateTimeOffset.UtcNow.AddDays(30),
            [0x42, 0x01]);

        // Act
        var result = _trust.Validate(forged, new X509Certificate2Collection(participant), CertificateUsage.ClientAuth);

        // Assert
        Assert.False(result.IsValid);
        Assert.Equal(CertificateProblem.Malformed, result.Problem);
    }

    [Fact]
    public void Constructor_NoTrustAnchors_ThrowsArgumentException()
    {
        // Arrange
        var anchors = new X509Certificate2Collection();

        // Act
        var exception = Record.Exception(() => new CertificateTrust(anchors));

        // Assert
        Assert.IsType<ArgumentException>(exception);
    }

    [Fact]
    public void Constructor_AnchorsDisposedByCaller_StillValidates()
    {
        // Arrange
        var anchor = X509CertificateLoader.LoadCertificate(_ca.Certificate.RawData);
        var trust = new CertificateTrust(new X509Certificate2Collection(anchor));
        anchor.Dispose();
        using var participant = _ca.IssueParticipantCertificate(TestParticipants.GemeenteOin, TestParticipants.GemeenteName);

        // Act
        var result = trust.Validate(participant, usage: CertificateUsage.ClientAuth);

        // Assert
        Assert.True(result.IsValid, result.Description);
        Assert.All(trust.TrustAnchors, a => Assert.False(a.HasPrivateKey));
    }
}
