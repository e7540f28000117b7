using System.Net;
using Skn.Certificates.Tests.Support;

namespace Skn.Certificates.Tests;

/// <summary>Checks the generated PEM files with the openssl command line, independently of .NET.</summary>
public sealed class OpenSslInteropTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly DevelopmentCertificateSet _set;

    public OpenSslInteropTests()
    {
        _set = DevelopmentCertificateSet.Ensure(
            _temp.Path, TestParticipants.Both, ["localhost"], [IPAddress.Loopback, IPAddress.IPv6Loopback]);
    }

    public void Dispose()
    {
        _set.Dispose();
        _temp.Dispose();
    }

    private static string ParticipantFile => $"participants/{TestParticipants.GemeenteOin}.pem";

    private static string ParticipantKeyFile => $"participants/{TestParticipants.GemeenteOin}-key.pem";

    [Fact]
    public void OpenSslVerify_ParticipantCertificate_Succeeds()
    {
        // Arrange
        var certificate = ParticipantFile;

        // Act
        var plain = OpenSsl.Run(_temp.Path, "verify", "-CAfile", "ca.pem", certificate);
        var asClient = OpenSsl.Run(_temp.Path, "verify", "-CAfile", "ca.pem", "-purpose", "sslclient", certificate);
        var asSigner = OpenSsl.Run(_temp.Path, "verify", "-CAfile", "ca.pem", "-purpose", "smimesign", certificate);

        // Assert
        Assert.True(plain.ExitCode == 0, plain.ToString());
        Assert.Contains(": OK", plain.StandardOutput);
        Assert.True(asClient.ExitCode == 0, asClient.ToString());
        Assert.True(asSigner.ExitCode == 0, asSigner.ToString());
    }

    [Fact]
    public void OpenSslVerify_ServerCertificate_Succeeds()
    {
        // Arrange
        const string certificate = "server.pem";

        // Act
        var plain = OpenSsl.Run(_temp.Path, "verify", "-CAfile", "ca.pem", certificate);
        var asServer = OpenSsl.Run(_temp.Path, "verify", "-CAfile", "ca.pem", "-purpose", "sslserver", certificate);

        // Assert
        Assert.True(plain.ExitCode == 0, plain.ToString());
        Assert.Contains(": OK", plain.StandardOutput);
        Assert.True(asServer.ExitCode == 0, asServer.ToString());
    }

    [Fact]
    public void OpenSslVerify_ServerCertificateAsClient_Fails()
    {
        // Arrange
        const string certificate = "server.pem";

        // Act
        var result = OpenSsl.Run(_temp.Path, "verify", "-CAfile", "ca.pem", "-purpose", "sslclient", certificate);

        // Assert
        Assert.NotEqual(0, result.ExitCode);
    }

    [Fact]
    public void OpenSslX509_ParticipantSubject_IsCSerialNumberOCnInEncodingOrder()
    {
        // Arrange
        var certificate = ParticipantFile;

        // Act
        var result = OpenSsl.Run(_temp.Path, "x509", "-in", certificate, "-noout", "-subject", "-nameopt", "oneline");

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(
            $"C = NL, serialNumber = {TestParticipants.GemeenteOin}, O = {TestParticipants.GemeenteName}, CN = {TestParticipants.GemeenteName}",
            result.StandardOutput);
    }

    [Fact]
    public void OpenSslCms_SignedWithParticipantKey_VerifiesAgainstCa()
    {
        // Arrange
        File.WriteAllText(_temp.Combine("data.txt"), "Verzoek tot betalingsregeling 2026-0001");
        var sign = OpenSsl.Run(
            _temp.Path, "cms", "-sign", "-binary", "-nodetach", "-in", "data.txt",
            "-signer", ParticipantFile, "-inkey", ParticipantKeyFile, "-outform", "DER", "-out", "signed.der");
        Assert.True(sign.ExitCode == 0, sign.ToString());

        // Act
        var verify = OpenSsl.Run(
            _temp.Path, "cms", "-verify", "-binary", "-inform", "DER", "-in", "signed.der",
            "-CAfile", "ca.pem", "-out", "verified.txt");

        // Assert
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Equal(File.ReadAllText(_temp.Combine("data.txt")), File.ReadAllText(_temp.Combine("verified.txt")));
    }

    [Fact]
    public void OpenSslCms_EncryptedWithOaepToParticipant_DecryptsWithParticipantKey()
    {
        // Arrange
        File.WriteAllText(_temp.Combine("data.txt"), "Vertrouwelijk: inkomensgegevens");
        var encrypt = OpenSsl.Run(
            _temp.Path, "cms", "-encrypt", "-binary", "-aes256", "-in", "data.txt", "-recip", ParticipantFile,
            "-keyopt", "rsa_padding_mode:oaep", "-outform", "DER", "-out", "encrypted.der");
        Assert.True(encrypt.ExitCode == 0, encrypt.ToString());

        // Act
        var decrypt = OpenSsl.Run(
            _temp.Path, "cms", "-decrypt", "-binary", "-inform", "DER", "-in", "encrypted.der",
            "-recip", ParticipantFile, "-inkey", ParticipantKeyFile, "-out", "decrypted.txt");
        var structure = OpenSsl.Run(_temp.Path, "cms", "-cmsout", "-print", "-inform", "DER", "-in", "encrypted.der");

        // Assert
        Assert.True(decrypt.ExitCode == 0, decrypt.ToString());
        Assert.Equal(File.ReadAllText(_temp.Combine("data.txt")), File.ReadAllText(_temp.Combine("decrypted.txt")));
        Assert.Contains("rsaesOaep", structure.StandardOutput);
    }

    [Fact]
    public void OpenSslPkey_KeyFiles_AreUnencryptedPkcs8()
    {
        // Arrange
        string[] keyFiles = ["ca-key.pem", "server-key.pem", ParticipantKeyFile];

        // Act
        var results = keyFiles.Select(f => OpenSsl.Run(_temp.Path, "pkey", "-in", f, "-noout", "-passin", "pass:")).ToList();

        // Assert
        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.ToString()));
        Assert.All(keyFiles, f => Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(_temp.Combine(f))));
    }
}
