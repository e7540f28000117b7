using System.Net;
using System.Security.Cryptography.X509Certificates;
using Skn.Certificates.Tests.Support;

namespace Skn.Certificates.Tests;

public sealed class DevelopmentCertificateSetTests : IDisposable
{
    private static readonly string[] DnsNames = ["localhost"];
    private static readonly IPAddress[] Ips = [IPAddress.Loopback, IPAddress.IPv6Loopback];

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Ensure_EmptyDirectory_CreatesAllFiles()
    {
        // Arrange
        var directory = _temp.Combine("pki");

        // Act
        using var set = DevelopmentCertificateSet.Ensure(directory, TestParticipants.Both, DnsNames, Ips);

        // Assert
        string[] expected =
        [
            "ca-key.pem",
            "ca.pem",
            $"participants/{TestParticipants.GemeenteOin}-key.pem",
            $"participants/{TestParticipants.GemeenteOin}.pem",
            $"participants/{TestParticipants.CreditorOin}-key.pem",
            $"participants/{TestParticipants.CreditorOin}.pem",
            "server-key.pem",
            "server.pem",
        ];
        var actual = Directory.GetFiles(directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual);
        Assert.Equal(Path.GetFullPath(directory), set.Directory);
        Assert.Equal(Path.Combine(directory, "server.pem"), set.ServerCertificatePath);
        Assert.Equal(Path.Combine(directory, "server-key.pem"), set.ServerKeyPath);
        Assert.Equal(Path.Combine(directory, "participants", TestParticipants.GemeenteOin + ".pem"),
            set.ParticipantCertificatePath(TestParticipants.GemeenteOin));
        Assert.False(set.CaCertificate.HasPrivateKey);
    }

    [Fact]
    public void Ensure_NewSet_AllKeyFilesAreOwnerReadWriteOnly()
    {
        // Arrange
        if (OperatingSystem.IsWindows())
        {
            return; // No Unix file modes on Windows.
        }

        // Act
        using var set = DevelopmentCertificateSet.Ensure(_temp.Path, TestParticipants.Both, DnsNames, Ips);

        // Assert
        var keyFiles = Directory.GetFiles(_temp.Path, "*-key.pem", SearchOption.AllDirectories);
        Assert.Equal(4, keyFiles.Length);
        foreach (var keyFile in keyFiles)
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }
    }

    [Fact]
    public void Ensure_CalledTwice_KeepsAllCertificates()
    {
        // Arrange
        string[] before;
        using (DevelopmentCertificateSet.Ensure(_temp.Path, TestParticipants.Both, DnsNames, Ips))
        {
            before = Thumbprints();
        }

        // Act
        using var set = DevelopmentCertificateSet.Ensure(_temp.Path, TestParticipants.Both, DnsNames, Ips);

        // Assert
        Assert.Equal(before, Thumbprints());
        Assert.Equal(before[0], set.CaCertificate.Thumbprint);
    }

    [Fact]
    public void Ensure_ExpiredParticipantCertificate_IsReissued()
    {
        // Arrange
        using (DevelopmentCertificateSet.Ensure(_temp.Path, TestParticipants.Both, DnsNames, Ips))
        {
        }

        var before = Thumbprints();
        using (var ca = DevelopmentCertificateAuthority.LoadOrCreate(_temp.Path))
        using (var expired = ca.IssueParticipantCertificate(
                   TestParticipants.GemeenteOin, TestParticipants.GemeenteName,
                   TimeSpan.FromDays(1), DateTimeOffset.UtcNow.AddDays(-10)))
        {
            PemFiles.WriteCertificate(expired, ParticipantPath(TestParticipants.GemeenteOin), ParticipantKeyPath(TestParticipants.GemeenteOin));
        }

        // Act
        using var set = DevelopmentCertificateSet.Ensure(_temp.Path, TestParticipants.Both, DnsNames, Ips);

        // Assert
        var after = Thumbprints();
        Assert.Equal(before[0], after[0]); // CA kept
        Assert.Equal(before[1], after[1]); // server kept
        Assert.NotEqual(before[2], after[2]); // expired participant re-issued
        Assert.Equal(before[3], after[3]); // other participant kept
        using var reissued = set.LoadParticipant(TestParticipants.GemeenteOin);
        Assert.True(reissued.NotAfter > DateTime.Now.AddYears(1));
    }

    [Fact]
    public void Ensure_ParticipantExpiringWithinThirtyDays_IsReissued()
    {
        // Arrange
        var issuedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var clock = new ManualTimeProvider(issuedAt);
        using (DevelopmentCertificateSet.Ensure(_temp.Path, TestParticipants.Both, DnsNames, Ips, clock))
        {
        }

        var before = Thumbprints();
        clock.Now = issuedAt.AddDays(730 - 20); // still valid, but expires within 30 days

        // Act
        using var set = DevelopmentCertificateSet.Ensure(_temp.Path, TestParticipants.Both, DnsNames, Ips, clock);

        // Assert
        var after = Thumbprints();
        Assert.Equal(before[0], after[0]);
        Assert.All(Enumerable.Range(1, 3), i => Assert.NotEqual(before[i], after[i]));
    }

    [Fact]
    public void Ensure_ParticipantIssuedByAnotherCa_IsReissued()
    {
        // Arrange
        using (DevelopmentCertificateSet.Ensure(_temp.Path, TestParticipants.Both, DnsNames, Ips))
        {
        }

        var before = Thumbprints();
        using (var otherCa = DevelopmentCertificateAuthority.LoadOrCreate(_temp.Combine("other-ca")))
        using (var foreign = otherCa.IssueParticipantCertificate(TestParticipants.CreditorOin, TestParticipants.CreditorName))
        {
            PemFiles.WriteCertificate(foreign, ParticipantPath(TestParticipants.CreditorOin), ParticipantKeyPath(TestParticipants.CreditorOin));
        }

        // Act
        using var set = DevelopmentCertificateSet.Ensure(_temp.Path, TestParticipants.Both, DnsNames, Ips);

        // Assert
        using var participant = set.LoadParticipant(TestParticipants.CreditorOin);
        var trust = new CertificateTrust(new X509Certificate2Collection(set.CaCertificate));
        Assert.True(trust.Validate(participant, usage: CertificateUsage.ClientAuth).IsValid);
        Assert.Equal(before[2], Thumbprints()[2]);
    }

    [Fact]
    public void Ensure_KeyFileOfAnotherParticipant_IsReissued()
    {
        // Arrange
        using (DevelopmentCertificateSet.Ensure(_temp.Path, TestParticipants.Both, DnsNames, Ips))
        {
        }

        var before = Thumbprints();
        File.Copy(ParticipantKeyPath(TestParticipants.CreditorOin), ParticipantKeyPath(TestParticipants.GemeenteOin), overwrite: true);

        // Act
        using var set = DevelopmentCertificateSet.Ensure(_temp.Path, TestParticipants.Both, DnsNames, Ips);

        // Assert
        Assert.NotEqual(before[2], Thumbprints()[2]);
        using var participant = set.LoadParticipant(TestParticipants.GemeenteOin);
        Assert.True(participant.HasPrivateKey);
    }

    [Fact]
    public void Ensure_ParticipantRenamed_IsReissuedWithNewName()
    {
        // Arrange
        using (DevelopmentCertificateSet.Ensure(_temp.Path, TestParticipants.Both, DnsNames, Ips))
        {
        }

        (string Oin, string Name)[] renamed = [(TestParticipants.GemeenteOin, "Gemeente Nieuwdorp")];

        // Act
        using var set = DevelopmentCertificateSet.Ensure(_temp.Path, renamed, DnsNames, Ips);

        // Assert
        using var participant = set.LoadParticipant(TestParticipants.GemeenteOin);
        Assert.Equal("Gemeente Nieuwdorp", participant.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
    }

    [Fact]
    public void Ensure_AdditionalServerName_ReissuesServerCertificateOnly()
    {
        // Arrange
        using (DevelopmentCertificateSet.Ensure(_temp.Path, TestParticipants.Both, DnsNames, Ips))
        {
        }

        var before = Thumbprints();

        // Act
        using var set = DevelopmentCertificateSet.Ensure(_temp.Path, TestParticipants.Both, ["localhost", "skn-node"], Ips);

        // Assert
        var after = Thumbprints();
        Assert.NotEqual(before[1], after[1]);
        Assert.Equal(before[2..], after[2..]);
        using var server = set.LoadServer();
        Assert.True(server.MatchesHostname("skn-node"));
    }

    [Fact]
    public void Ensure_CaFilesDeleted_ReissuesEverythingFromNewCa()
    {
        // Arrange
        using (DevelopmentCertificateSet.Ensure(_temp.Path, TestParticipants.Both, DnsNames, Ips))
        {
        }

        var before = Thumbprints();
        File.Delete(_temp.Combine("ca.pem"));
        File.Delete(_temp.Combine("ca-key.pem"));

        // Act
        using var set = DevelopmentCertificateSet.Ensure(_temp.Path, TestParticipants.Both, DnsNames, Ips);

        // Assert
        var after = Thumbprints();
        Assert.All(Enumerable.Range(0, 4), i => Assert.NotEqual(before[i], after[i]));
    }

    [Fact]
    public void Ensure_DuplicateOin_ThrowsArgumentExceptionAndWritesNothing()
    {
        // Arrange
        (string Oin, string Name)[] participants =
            [(TestParticipants.GemeenteOin, "A"), (TestParticipants.GemeenteOin, "B")];

        // Act
        var exception = Record.Exception(() => DevelopmentCertificateSet.Ensure(_temp.Path, participants, DnsNames, Ips));

        // Assert
        Assert.IsType<ArgumentException>(exception);
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public void LoadParticipant_AfterEnsure_HasPrivateKeyAndOin()
    {
        // Arrange
        using var set = DevelopmentCertificateSet.Ensure(_temp.Path, TestParticipants.Both, DnsNames, Ips);

        // Act
        using var participant = set.LoadParticipant(TestParticipants.CreditorOin);
        using var server = set.LoadServer();

        // Assert
        Assert.True(participant.HasPrivateKey);
        Assert.Equal(TestParticipants.CreditorOin, ParticipantIdentity.GetOin(participant));
        Assert.True(server.HasPrivateKey);
        Assert.True(server.MatchesHostname("localhost"));
    }

    [Theory]
    [InlineData("../../../etc/passwd")]
    [InlineData("0000009900000000001")]
    public void ParticipantCertificatePath_InvalidOin_ThrowsArgumentException(string oin)
    {
        // Arrange
        using var set = DevelopmentCertificateSet.Ensure(_temp.Path, [], DnsNames, Ips);

        // Act
        var exception = Record.Exception(() => set.ParticipantCertificatePath(oin));

        // Assert
        Assert.IsType<ArgumentException>(exception);
    }

    /// <summary>Thumbprints of CA, server, Gemeente and Creditor certificates on disk, in that order.</summary>
    private string[] Thumbprints()
    {
        string[] paths =
        [
            _temp.Combine("ca.pem"),
            _temp.Combine("server.pem"),
            ParticipantPath(TestParticipants.GemeenteOin),
            ParticipantPath(TestParticipants.CreditorOin),
        ];
        return paths.Select(p =>
        {
            using var certificate = PemFiles.LoadCertificate(p);
            return certificate.Thumbprint;
        }).ToArray();
    }

    private string ParticipantPath(string oin) => _temp.Combine("participants", oin + ".pem");

    private string ParticipantKeyPath(string oin) => _temp.Combine("participants", oin + "-key.pem");
}
