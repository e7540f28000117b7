using System.Security.Cryptography.X509Certificates;
using Skn.Certificates;
using Skn.Cli.Tests.Support;

namespace Skn.Cli.Tests;

/// <summary>skn certs dev issues a participant certificate with the development CA and prints its registry entry.</summary>
public sealed class CertsDevTests : IDisposable
{
    private const string Oin = "00000099000000000301";

    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task CertsDev_NewParticipant_WritesCertificateWithTheOinThatChainsToTheCa()
    {
        // Arrange
        var caDirectory = Path.Combine(_cli.WorkingDirectory, "data", "certs");
        using var authority = DevelopmentCertificateAuthority.LoadOrCreate(caDirectory);
        var outDirectory = Path.Combine(_cli.WorkingDirectory, "issued");

        // Act
        var result = await _cli.RunAsync("certs", "dev", "--oin", Oin, "--name", "Waterbedrijf Oost", "--ca", caDirectory, "--out", outDirectory);

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        using var certificate = PemFiles.LoadCertificate(Path.Combine(outDirectory, Oin + ".pem"), Path.Combine(outDirectory, Oin + "-key.pem"));
        Assert.True(certificate.HasPrivateKey);
        Assert.Equal(Oin, ParticipantIdentity.GetOin(certificate));
        var trust = new CertificateTrust(new X509Certificate2Collection(authority.Certificate));
        Assert.True(trust.Validate(certificate, null, CertificateUsage.ClientAuth).IsValid);
        Assert.Contains($"\"oin\": \"{Oin}\"", result.Output);
        Assert.Contains("Waterbedrijf Oost", result.Output);
    }

    [Fact]
    public async Task CertsDev_DefaultOutput_WritesBesideTheNodesParticipantsWithARelativeRegistryPath()
    {
        // Arrange: the CA where a node keeps it, found from the repository root without --ca.
        var caDirectory = Path.Combine(_cli.WorkingDirectory, "src", "Skn.Node", "data", "certs");
        DevelopmentCertificateAuthority.LoadOrCreate(caDirectory).Dispose();

        // Act
        var result = await _cli.RunAsync("certs", "dev", "--oin", Oin, "--name", "Waterbedrijf Oost", "--role", "SE");

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(Path.Combine(caDirectory, "participants", Oin + ".pem")));
        Assert.Contains($"\"file\": \"certs/participants/{Oin}.pem\"", result.Output);
    }

    [Fact]
    public async Task CertsDev_InvalidOin_ExitsTwo()
    {
        // Act
        var result = await _cli.RunAsync("certs", "dev", "--oin", "12345", "--name", "Waterbedrijf Oost", "--ca", _cli.WorkingDirectory);

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--oin", result.Error);
    }
}
