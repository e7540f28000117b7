using System.Net;
using System.Net.Sockets;
using Skn.Cli.Tests.Support;

namespace Skn.Cli.Tests;

/// <summary>Every failure is one line on standard error naming what is wrong, with an exit code a script can branch on.</summary>
public sealed class ErrorTests : IClassFixture<NodeFixture>, IDisposable
{
    private const string StackTraceMarker = "   at ";

    private readonly TestNode _node;
    private readonly CliRunner _cli;

    public ErrorTests(NodeFixture fixture)
    {
        _node = fixture.Node;
        _cli = CliRunner.For(_node);
    }

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Participants_CertificateFileMissing_ExitsTwoNamingTheFile()
    {
        // Arrange: a profile whose certificate was deleted after it was added.
        var copy = Path.Combine(_cli.WorkingDirectory, "certs");
        Directory.CreateDirectory(copy);
        var certificate = Path.Combine(copy, Demo.Gemeente + ".pem");
        var participants = Path.Combine(_node.CertificatesDirectory, "participants");
        File.Copy(Path.Combine(participants, Demo.Gemeente + ".pem"), certificate);
        var result = await _cli.RunAsync("profile", "add", "gemeente", "--node", _node.Address.ToString(), "--cert", certificate,
            "--key", Path.Combine(participants, Demo.Gemeente + "-key.pem"), "--ca", Path.Combine(_node.CertificatesDirectory, "ca.pem"));
        Assert.Equal(0, result.ExitCode);
        File.Delete(certificate);

        // Act
        result = await _cli.RunAsync("participants");

        // Assert
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(Lines(result.Error));
        Assert.StartsWith("error: ", line);
        Assert.Contains(certificate, line);
        Assert.DoesNotContain(StackTraceMarker, result.All);
    }

    [Fact]
    public async Task Participants_NodeUnreachable_ExitsThreeNamingTheAddress()
    {
        // Arrange: the node's own certificates, but a port on 127.0.0.1 that nothing listens on.
        var address = $"https://127.0.0.1:{ClosedPort()}";
        await _cli.AddProfileAsync(_node, "gemeente", Demo.Gemeente);
        var file = Path.Combine(_cli.ConfigDirectory, "profiles.json");
        File.WriteAllText(file, File.ReadAllText(file).Replace(_node.Address.ToString(), address, StringComparison.Ordinal));

        // Act
        var result = await _cli.RunAsync("participants");

        // Assert
        Assert.Equal(3, result.ExitCode);
        var line = Assert.Single(Lines(result.Error));
        Assert.StartsWith("error: ", line);
        Assert.Contains(address, line);
        Assert.DoesNotContain(StackTraceMarker, result.All);
    }

    [Fact]
    public async Task Send_ContentRuleBroken_ExitsOneNamingTheField()
    {
        // Arrange: Belastingsamenwerking West is Publiek, so a Saldoverzoek must carry the client's BSN.
        await _cli.AddProfileAsync(_node, "gemeente", Demo.Gemeente);
        var file = _cli.SaldoverzoekFile(withBsn: false);

        // Act
        var result = await _cli.RunAsync("send", "saldoverzoek", "--to", Demo.Belasting, "--file", file);

        // Assert: the first line says it was refused, each violation follows on its own line.
        Assert.Equal(1, result.ExitCode);
        var lines = Lines(result.Error);
        Assert.StartsWith("error: ", lines[0]);
        Assert.Contains(lines.Skip(1), l => l.Trim().StartsWith("saldoverzoek.klant.bsn", StringComparison.Ordinal));
        Assert.DoesNotContain(StackTraceMarker, result.All);
    }

    [Fact]
    public async Task Send_UnknownBericht_ExitsTwoListingTheKnownOnes()
    {
        // Arrange
        await _cli.AddProfileAsync(_node, "gemeente", Demo.Gemeente);
        var file = _cli.SaldoverzoekFile();

        // Act
        var result = await _cli.RunAsync("send", "saldo-verzoek", "--to", Demo.Woonstichting, "--file", file);

        // Assert
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(Lines(result.Error));
        Assert.Contains("'saldo-verzoek'", line);
        Assert.Contains("saldoverzoek-antwoord", line);
        Assert.DoesNotContain(StackTraceMarker, result.All);
    }

    [Fact]
    public async Task Send_UnknownOption_ExitsTwoWithOneLine()
    {
        // Act
        var result = await _cli.RunAsync("send", "saldoverzoek", "--to", Demo.Woonstichting, "--file", "x.json", "--urgent");

        // Assert
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(Lines(result.Error));
        Assert.Contains("--urgent", line);
    }

    [Fact]
    public async Task Send_Verbose_ShowsTheDetailsAfterTheLine()
    {
        // Arrange
        await _cli.AddProfileAsync(_node, "gemeente", Demo.Gemeente);
        var file = _cli.SaldoverzoekFile(withBsn: false);

        // Act
        var result = await _cli.RunAsync("send", "saldoverzoek", "--to", Demo.Belasting, "--file", file, "--verbose");

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: ", result.Error);
        Assert.Contains("SknContentRuleException", result.Error);
        Assert.Contains(StackTraceMarker, result.Error);
    }

    [Fact]
    public async Task Participants_NoProfile_ExitsTwoSayingHowToAddOne()
    {
        // Act
        var result = await _cli.RunAsync("participants");

        // Assert
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(Lines(result.Error));
        Assert.Contains("skn profile add", line);
    }

    private static List<string> Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();

    /// <summary>A port that was free a moment ago and that nothing listens on now.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
