using Skn.Node.Hosting;
using Skn.Reliability.Tests.Infrastructure;

namespace Skn.Reliability.Tests.Startup;

/// <summary>
/// Issue 9, part 6: the node prints its effective configuration at start, every setting (found by
/// reflection, so a new one is printed without being listed) and the paths it resolved, and never a
/// secret.
/// </summary>
public sealed class EffectiveConfigurationTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "skn-config-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Start_PrintsEverySettingAndResolvedPath_NoKeyMaterial()
    {
        // Arrange: a few settings away from their defaults, one nested, one a list, one misspelt.
        string[] settings = ["--Skn:Limits:MaxStreams=7", "--Skn:ExtraHolidays:0=2026-12-24", "--Skn:LeaseDuraton=00:01:00"];

        // Act
        await using var node = await NodeProcess.StartListeningAsync(_dataDirectory, FreePort.Next(), settings);
        await Eventually.TrueAsync(() => node.Output.Contains("Setting Skn:ResolvedTrustedCaPath = ", StringComparison.Ordinal));
        await Eventually.TrueAsync(() => node.Output.Contains("Skn:LeaseDuraton", StringComparison.Ordinal));
        var output = node.Output;

        // Assert: every setting NodeOptions has, with the values given, and the resolved paths in full.
        var expected = EffectiveConfiguration.Describe(new NodeOptions(), NodeOptions.SectionName);
        Assert.True(expected.Count > 25, "NodeOptions should describe all its settings.");
        Assert.All(expected, setting => Assert.Contains($"Setting {setting.Key} = ", output, StringComparison.Ordinal));
        Assert.Contains("Setting Skn:Limits:MaxStreams = 7", output, StringComparison.Ordinal);
        Assert.Contains("Setting Skn:ExtraHolidays = [2026-12-24]", output, StringComparison.Ordinal);
        Assert.Contains($"Setting Skn:ResolvedServerKeyPath = {Path.Combine(Path.GetFullPath(_dataDirectory), "certs", "server-key.pem")}", output, StringComparison.Ordinal);
        Assert.Contains("Setting Skn:LeaseDuraton matches no property of the node's options (NodeOptions): check its spelling", output, StringComparison.Ordinal);

        // Assert: no key material, although the node read its key and the folder holds the development keys.
        Assert.DoesNotContain("PRIVATE KEY", output, StringComparison.Ordinal);
        foreach (var keyFile in Directory.GetFiles(_dataDirectory, "*-key.pem", SearchOption.AllDirectories))
        {
            foreach (var line in File.ReadAllLines(keyFile).Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal)))
            {
                Assert.DoesNotContain(line, output, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Describe_SecretsByNameAttributeOrContent_Redacted_LocationsAndValuesPrinted()
    {
        // Arrange
        var options = new OptionsWithSecrets();

        // Act
        var described = EffectiveConfiguration.Describe(options, "Test").ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);

        // Assert: secrets by name, by attribute, nested and by content are redacted; where a key lives is printed.
        Assert.Equal(EffectiveConfiguration.Redacted, described["Test:ServerKeyPassword"]);
        Assert.Equal(EffectiveConfiguration.Redacted, described["Test:ApiKey"]);
        Assert.Equal(EffectiveConfiguration.Redacted, described["Test:Vault:ClientSecret"]);
        Assert.Equal(EffectiveConfiguration.Redacted, described["Test:SigningMaterial"]);
        Assert.Equal(EffectiveConfiguration.Redacted, described["Test:InlinePem"]);
        Assert.Equal(EffectiveConfiguration.NotSet, described["Test:UnsetToken"]);
        Assert.Equal("/etc/skn/server-key.pem", described["Test:ServerKeyPath"]);
        Assert.Equal("https://vault.example", described["Test:Vault:Address"]);
        Assert.Equal("https://metrics.example/", described["Test:MetricsEndpoint"]);
        Assert.Equal(EffectiveConfiguration.Redacted, described["Test:ProxyEndpoint"]);
        Assert.Equal(Path.GetFullPath("/etc/skn/ca.pem"), described["Test:ResolvedCaPath"]);
        Assert.DoesNotContain(described.Values, v => v.Contains("hunter2", StringComparison.Ordinal) || v.Contains("MIIE", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private sealed class OptionsWithSecrets
    {
        public string ServerKeyPassword { get; set; } = "hunter2";

        public string ApiKey { get; set; } = "hunter2-api";

        public string ServerKeyPath { get; set; } = "/etc/skn/server-key.pem";

        [SecretSetting]
        public string SigningMaterial { get; set; } = "hunter2-signing";

        public string InlinePem { get; set; } = "-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY-----";

        public string? UnsetToken { get; set; }

        public VaultOptions Vault { get; set; } = new();

        public Uri MetricsEndpoint { get; set; } = new("https://metrics.example");

        public Uri ProxyEndpoint { get; set; } = new("https://operator:hunter2@proxy.example");

        internal string ResolvedCaPath => "/etc/skn/ca.pem";
    }

    private sealed class VaultOptions
    {
        public string Address { get; set; } = "https://vault.example";

        public string ClientSecret { get; set; } = "hunter2-vault";
    }
}
