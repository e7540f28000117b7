using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Skn.Certificates.Tests.Support;

namespace Skn.Certificates.Tests;

public sealed class PemFilesTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void WriteCertificate_WithKey_RoundTripsWithPrivateKey()
    {
        // Arrange
        using var ca = DevelopmentCertificateAuthority.LoadOrCreate(_temp.Path);
        using var issued = ca.IssueParticipantCertificate(TestParticipants.GemeenteOin, TestParticipants.GemeenteName);
        var certificatePath = _temp.Combine("out", "p.pem");
        var keyPath = _temp.Combine("out", "p-key.pem");

        // Act
        PemFiles.WriteCertificate(issued, certificatePath, keyPath);
        using var loaded = PemFiles.LoadCertificate(certificatePath, keyPath);

        // Assert
        Assert.Equal(issued.Thumbprint, loaded.Thumbprint);
        Assert.True(loaded.HasPrivateKey);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", File.ReadAllText(certificatePath));
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(keyPath));
        using var privateKey = loaded.GetRSAPrivateKey()!;
        using var publicKey = issued.GetRSAPublicKey()!;
        byte[] data = [1, 2, 3];
        var signature = privateKey.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        Assert.True(publicKey.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public void WriteCertificate_WithKey_KeyFileIsOwnerReadWriteOnlyAndNoTempFilesRemain()
    {
        // Arrange
        if (OperatingSystem.IsWindows())
        {
            return; // No Unix file modes on Windows.
        }

        using var ca = DevelopmentCertificateAuthority.LoadOrCreate(_temp.Path);
        using var issued = ca.IssueParticipantCertificate(TestParticipants.GemeenteOin, TestParticipants.GemeenteName);
        var folder = _temp.Combine("out");

        // Act
        PemFiles.WriteCertificate(issued, Path.Combine(folder, "p.pem"), Path.Combine(folder, "p-key.pem"));
        PemFiles.WriteCertificate(issued, Path.Combine(folder, "p.pem"), Path.Combine(folder, "p-key.pem"));

        // Assert
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, "p-key.pem")));
        string[] expected = ["p-key.pem", "p.pem"];
        Assert.Equal(expected, Directory.GetFiles(folder).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void WriteCertificate_ExistingFiles_AreReplaced()
    {
        // Arrange
        using var ca = DevelopmentCertificateAuthority.LoadOrCreate(_temp.Path);
        using var first = ca.IssueParticipantCertificate(TestParticipants.GemeenteOin, TestParticipants.GemeenteName);
        using var second = ca.IssueParticipantCertificate(TestParticipants.GemeenteOin, TestParticipants.GemeenteName);
        var certificatePath = _temp.Combine("p.pem");
        var keyPath = _temp.Combine("p-key.pem");
        PemFiles.WriteCertificate(first, certificatePath, keyPath);

        // Act
        PemFiles.WriteCertificate(second, certificatePath, keyPath);

        // Assert
        using var loaded = PemFiles.LoadCertificate(certificatePath, keyPath);
        Assert.Equal(second.Thumbprint, loaded.Thumbprint);
    }

    [Fact]
    public void WriteCertificate_NoKeyPath_WritesOnlyCertificate()
    {
        // Arrange
        using var ca = DevelopmentCertificateAuthority.LoadOrCreate(_temp.Path);
        var certificatePath = _temp.Combine("copy", "ca.pem");

        // Act
        PemFiles.WriteCertificate(ca.Certificate, certificatePath, privateKeyPath: null);

        // Assert
        Assert.Equal("ca.pem", Path.GetFileName(Assert.Single(Directory.GetFiles(_temp.Combine("copy")))));
        using var loaded = PemFiles.LoadCertificate(certificatePath);
        Assert.Equal(ca.Certificate.Thumbprint, loaded.Thumbprint);
        Assert.False(loaded.HasPrivateKey);
    }

    [Fact]
    public void WriteCertificate_KeyPathForCertificateWithoutKey_ThrowsArgumentException()
    {
        // Arrange
        using var ca = DevelopmentCertificateAuthority.LoadOrCreate(_temp.Path);
        var keyPath = _temp.Combine("out", "ca-copy-key.pem");

        // Act
        var exception = Record.Exception(() => PemFiles.WriteCertificate(ca.Certificate, _temp.Combine("out", "ca-copy.pem"), keyPath));

        // Assert
        Assert.IsType<ArgumentException>(exception);
        Assert.False(Directory.Exists(_temp.Combine("out")));
    }

    [Fact]
    public void LoadCertificate_KeyOfAnotherCertificate_ThrowsCryptographicException()
    {
        // Arrange
        using var ca = DevelopmentCertificateAuthority.LoadOrCreate(_temp.Path);
        using var first = ca.IssueParticipantCertificate(TestParticipants.GemeenteOin, TestParticipants.GemeenteName);
        using var second = ca.IssueParticipantCertificate(TestParticipants.CreditorOin, TestParticipants.CreditorName);
        PemFiles.WriteCertificate(first, _temp.Combine("first.pem"), _temp.Combine("first-key.pem"));
        PemFiles.WriteCertificate(second, _temp.Combine("second.pem"), _temp.Combine("second-key.pem"));

        // Act
        var exception = Record.Exception(() => PemFiles.LoadCertificate(_temp.Combine("first.pem"), _temp.Combine("second-key.pem")));

        // Assert
        var cryptographic = Assert.IsType<CryptographicException>(exception);
        Assert.Contains("second-key.pem", cryptographic.Message);
    }

    [Fact]
    public void LoadCertificate_MissingFile_ThrowsFileNotFoundException()
    {
        // Arrange
        var path = _temp.Combine("missing.pem");

        // Act
        var exception = Record.Exception(() => PemFiles.LoadCertificate(path));

        // Assert
        Assert.IsType<FileNotFoundException>(exception);
    }

    [Fact]
    public void LoadCertificates_Bundle_ReturnsAllInFileOrder()
    {
        // Arrange
        using var ca = DevelopmentCertificateAuthority.LoadOrCreate(_temp.Path);
        using var otherCa = DevelopmentCertificateAuthority.LoadOrCreate(_temp.Combine("other"));
        var bundlePath = _temp.Combine("bundle.pem");
        File.WriteAllText(
            bundlePath,
            "Development trust anchors\n" + File.ReadAllText(ca.CertificatePath) + File.ReadAllText(otherCa.CertificatePath));

        // Act
        var bundle = PemFiles.LoadCertificates(bundlePath);

        // Assert
        Assert.Equal(
            [ca.Certificate.Thumbprint, otherCa.Certificate.Thumbprint],
            bundle.Select(c => c.Thumbprint).ToArray());
    }

    [Fact]
    public void LoadCertificates_NoCertificateInFile_ThrowsCryptographicException()
    {
        // Arrange
        var path = _temp.Combine("empty.pem");
        File.WriteAllText(path, "nothing to see here\n");

        // Act
        var exception = Record.Exception(() => PemFiles.LoadCertificates(path));

        // Assert
        Assert.IsType<CryptographicException>(exception);
    }
}
