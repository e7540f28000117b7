using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Skn.Certificates.Tests.Support;

namespace Skn.Certificates.Tests;

public sealed class DevelopmentCertificateAuthorityTests : IDisposable
{
    private static readonly DateTimeOffset FixedNow = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void LoadOrCreate_CalledTwice_ReturnsSameCa()
    {
        // Arrange
        string firstThumbprint;
        using (var first = DevelopmentCertificateAuthority.LoadOrCreate(_temp.Path))
        {
            firstThumbprint = first.Certificate.Thumbprint;
        }

        // Act
        using var second = DevelopmentCertificateAuthority.LoadOrCreate(_temp.Path);

        // Assert
        Assert.Equal(firstThumbprint, second.Certificate.Thumbprint);
    }

    [Fact]
    public void LoadOrCreate_LoadedCa_IssuesCertificatesThatChainToIt()
    {
        // Arrange
        using (DevelopmentCertificateAuthority.LoadOrCreate(_temp.Path))
        {
        }

        using var loaded = DevelopmentCertificateAuthority.LoadOrCreate(_temp.Path);
        var trust = new CertificateTrust(new X509Certificate2Collection(loaded.Certificate));

        // Act
        using var participant = loaded.IssueParticipantCertificate(TestParticipants.GemeenteOin, TestParticipants.GemeenteName);

        // Assert
        Assert.True(trust.Validate(participant).IsValid);
    }

    [Fact]
    public void LoadOrCreate_NewCa_KeyFileIsOwnerReadWriteOnly()
    {
        // Arrange
        if (OperatingSystem.IsWindows())
        {
            return; // No Unix file modes on Windows.
        }

        // Act
        using var ca = DevelopmentCertificateAuthority.LoadOrCreate(_temp.Path);

        // Assert
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_temp.Combine("ca-key.pem")));
        Assert.Equal(_temp.Combine("ca-key.pem"), ca.PrivateKeyPath);
        Assert.Equal(_temp.Combine("ca.pem"), ca.CertificatePath);
    }

    [Fact]
    public void LoadOrCreate_NewCa_HasCaProfile()
    {
        // Arrange
        var clock = new ManualTimeProvider(FixedNow);

        // Act
        using var ca = DevelopmentCertificateAuthority.LoadOrCreate(_temp.Path, clock);

        // Assert
        var certificate = ca.Certificate;
        Assert.False(certificate.HasPrivateKey);
        Assert.Equal("CN=Skn Development CA", certificate.Subject);
        Assert.Equal(certificate.Subject, certificate.Issuer);
        Assert.Equal(3072, certificate.GetRSAPublicKey()!.KeySize);
        Assert.Equal(FixedNow.AddMinutes(-5).UtcDateTime, certificate.NotBefore.ToUniversalTime());
        Assert.InRange((certificate.NotAfter - certificate.NotBefore).TotalDays, 3650, 3653);
        var constraints = Assert.Single(certificate.Extensions.OfType<X509BasicConstraintsExtension>());
        Assert.True(constraints.CertificateAuthority);
        Assert.True(constraints.Critical);
        var keyUsage = Assert.Single(certificate.Extensions.OfType<X509KeyUsageExtension>());
        Assert.Equal(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, keyUsage.KeyUsages);
        Assert.True(keyUsage.Critical);
        Assert.Single(certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>());
    }

    [Fact]
    public void LoadOrCreate_OnlyCertificatePresent_ThrowsInvalidOperationException()
    {
        // Arrange
        using (DevelopmentCertificateAuthority.LoadOrCreate(_temp.Path))
        {
        }

        File.Delete(_temp.Combine("ca-key.pem"));

        // Act
        var exception = Record.Exception(() => DevelopmentCertificateAuthority.LoadOrCreate(_temp.Path));

        // Assert
        var invalid = Assert.IsType<InvalidOperationException>(exception);
        Assert.Contains("ca-key.pem", invalid.Message);
        Assert.False(File.Exists(_temp.Combine("ca-key.pem")));
    }

    [Fact]
    public void LoadOrCreate_OnlyKeyPresent_ThrowsInvalidOperationException()
    {
        // Arrange
        using (DevelopmentCertificateAuthority.LoadOrCreate(_temp.Path))
        {
        }

        File.Delete(_temp.Combine("ca.pem"));

        // Act
        var exception = Record.Exception(() => DevelopmentCertificateAuthority.LoadOrCreate(_temp.Path));

        // Assert
        var invalid = Assert.IsType<InvalidOperationException>(exception);
        Assert.Contains("ca.pem", invalid.Message);
        Assert.False(File.Exists(_temp.Combine("ca.pem")));
    }

    [Fact]
    public void LoadOrCreate_KeyOfAnotherCa_ThrowsInvalidOperationException()
    {
        // Arrange
        var otherDirectory = _temp.Combine("other");
        using (DevelopmentCertificateAuthority.LoadOrCreate(_temp.Path))
        using (DevelopmentCertificateAuthority.LoadOrCreate(otherDirectory))
        {
        }

        File.Copy(Path.Combine(otherDirectory, "ca-key.pem"), _temp.Combine("ca-key.pem"), overwrite: true);

        // Act
        var exception = Record.Exception(() => DevelopmentCertificateAuthority.LoadOrCreate(_temp.Path));

        // Assert
        var invalid = Assert.IsType<InvalidOperationException>(exception);
        Assert.Contains("does not belong", invalid.Message);
    }

    [Fact]
    public void LoadOrCreate_GarbageKeyFile_ThrowsInvalidOperationException()
    {
        // Arrange
        using (DevelopmentCertificateAuthority.LoadOrCreate(_temp.Path))
        {
        }

        File.WriteAllText(_temp.Combine("ca-key.pem"), "not a key");

        // Act
        var exception = Record.Exception(() => DevelopmentCertificateAuthority.LoadOrCreate(_temp.Path));

        // Assert
        Assert.IsType<InvalidOperationException>(exception);
    }

    [Fact]
    public void IssueParticipantCertificate_Defaults_HasParticipantProfile()
    {
        // Arrange
        var clock = new ManualTimeProvider(FixedNow);
        using var ca = DevelopmentCertificateAuthority.LoadOrCreate(_temp.Path, clock);

        // Act
        using var certificate = ca.IssueParticipantCertificate(TestParticipants.GemeenteOin, TestParticipants.GemeenteName);

        // Assert
        Assert.True(certificate.HasPrivateKey);
        Assert.Equal(ca.Certificate.SubjectName.RawData, certificate.IssuerName.RawData);
        Assert.Equal(ParticipantIdentity.BuildSubject(TestParticipants.GemeenteOin, TestParticipants.GemeenteName).RawData,
            certificate.SubjectName.RawData);
        Assert.Equal(2048, certificate.GetRSAPublicKey()!.KeySize);
        Assert.Equal(FixedNow.AddMinutes(-5).UtcDateTime, certificate.NotBefore.ToUniversalTime());
        Assert.Equal(FixedNow.AddMinutes(-5).AddDays(730).UtcDateTime, certificate.NotAfter.ToUniversalTime());
        Assert.Equal(16, certificate.SerialNumberBytes.Length);

        var keyUsage = Assert.Single(certificate.Extensions.OfType<X509KeyUsageExtension>());
        Assert.Equal(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment,
            keyUsage.KeyUsages);
        var eku = Assert.Single(certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>());
        string[] expectedUsages = ["1.3.6.1.5.5.7.3.2", "1.3.6.1.5.5.7.3.4"];
        Assert.Equal(expectedUsages, eku.EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value ?? "").Order());

        var caKeyId = Assert.Single(ca.Certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>()).SubjectKeyIdentifierBytes;
        var authorityKeyId = Assert.Single(certificate.Extensions.OfType<X509AuthorityKeyIdentifierExtension>()).KeyIdentifier;
        Assert.NotNull(authorityKeyId);
        Assert.Equal(caKeyId.ToArray(), authorityKeyId.Value.ToArray());
    }

    [Fact]
    public void IssueParticipantCertificate_TwoCertificates_HaveDifferentSerialNumbers()
    {
        // Arrange
        using var ca = DevelopmentCertificateAuthority.LoadOrCreate(_temp.Path);

        // Act
        using var first = ca.IssueParticipantCertificate(TestParticipants.GemeenteOin, TestParticipants.GemeenteName);
        using var second = ca.IssueParticipantCertificate(TestParticipants.GemeenteOin, TestParticipants.GemeenteName);

        // Assert
        Assert.NotEqual(first.SerialNumber, second.SerialNumber);
        Assert.NotEqual(first.Thumbprint, second.Thumbprint);
    }

    [Fact]
    public void IssueParticipantCertificate_CustomValidityAndNotBefore_AreUsed()
    {
        // Arrange
        using var ca = DevelopmentCertificateAuthority.LoadOrCreate(_temp.Path);
        var notBefore = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

        // Act
        using var certificate = ca.IssueParticipantCertificate(
            TestParticipants.GemeenteOin, TestParticipants.GemeenteName, TimeSpan.FromDays(1), notBefore);

        // Assert
        Assert.Equal(notBefore.UtcDateTime, certificate.NotBefore.ToUniversalTime());
        Assert.Equal(notBefore.AddDays(1).UtcDateTime, certificate.NotAfter.ToUniversalTime());
    }

    [Fact]
    public void IssueParticipantCertificate_ValidityBeyondCa_IsCappedAtCaExpiry()
    {
        // Arrange
        using var ca = DevelopmentCertificateAuthority.LoadOrCreate(_temp.Path);

        // Act
        using var certificate = ca.IssueParticipantCertificate(
            TestParticipants.GemeenteOin, TestParticipants.GemeenteName, TimeSpan.FromDays(365 * 20));

        // Assert
        Assert.Equal(ca.Certificate.NotAfter, certificate.NotAfter);
    }

    [Fact]
    public void IssueParticipantCertificate_InvalidOin_ThrowsArgumentException()
    {
        // Arrange
        using var ca = DevelopmentCertificateAuthority.LoadOrCreate(_temp.Path);

        // Act
        var exception = Record.Exception(() => ca.IssueParticipantCertificate("12345", TestParticipants.GemeenteName));

        // Assert
        Assert.IsType<ArgumentException>(exception);
    }

    [Fact]
    public void IssueServerCertificate_NamesAndAddresses_AreInSubjectAlternativeName()
    {
        // Arrange
        using var ca = DevelopmentCertificateAuthority.LoadOrCreate(_temp.Path);

        // Act
        using var certificate = ca.IssueServerCertificate(["localhost", "skn-node"], [IPAddress.Loopback, IPAddress.IPv6Loopback]);

        // Assert
        Assert.True(certificate.HasPrivateKey);
        Assert.Equal(2048, certificate.GetRSAPublicKey()!.KeySize);
        var san = Assert.Single(certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>());
        Assert.Equal(["localhost", "skn-node"], san.EnumerateDnsNames().ToArray());
        Assert.Equal([IPAddress.Loopback, IPAddress.IPv6Loopback], san.EnumerateIPAddresses().ToArray());
        var eku = Assert.Single(certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>());
        Assert.Equal("1.3.6.1.5.5.7.3.1", Assert.Single(eku.EnhancedKeyUsages.Cast<Oid>()).Value);
        Assert.InRange((certificate.NotAfter - certificate.NotBefore).TotalDays, 729.9, 730.1);
        Assert.True(certificate.MatchesHostname("localhost"));
    }

    [Fact]
    public void IssueServerCertificate_NoNamesOrAddresses_ThrowsArgumentException()
    {
        // Arrange
        using var ca = DevelopmentCertificateAuthority.LoadOrCreate(_temp.Path);

        // Act
        var exception = Record.Exception(() => ca.IssueServerCertificate([], []));

        // Assert
        Assert.IsType<ArgumentException>(exception);
    }

    [Fact]
    public void IssueParticipantCertificate_AfterDispose_ThrowsObjectDisposedException()
    {
        // Arrange
        var ca = DevelopmentCertificateAuthority.LoadOrCreate(_temp.Path);
        ca.Dispose();

        // Act
        var exception = Record.Exception(
            () => ca.IssueParticipantCertificate(TestParticipants.GemeenteOin, TestParticipants.GemeenteName));

        // Assert
        Assert.IsType<ObjectDisposedException>(exception);
    }

    [Fact]
    public void IssueParticipantCertificate_Result_PrivateKeyMatchesCertificate()
    {
        // Arrange
        using var ca = DevelopmentCertificateAuthority.LoadOrCreate(_temp.Path);
        using var certificate = ca.IssueParticipantCertificate(TestParticipants.GemeenteOin, TestParticipants.GemeenteName);
        var data = "betalingsregeling"u8.ToArray();

        // Act
        using var privateKey = certificate.GetRSAPrivateKey()!;
        var signature = privateKey.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);

        // Assert
        using var publicKey = certificate.GetRSAPublicKey()!;
        Assert.True(publicKey.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss));
    }
}
