using System.Diagnostics;
using Skn.Bench.Harness;
using Skn.Bench.Systems.Exchange;
using Skn.Certificates;

namespace Skn.Bench.Systems.Skn;

/// <summary>
/// The node as built from this repository, in its own process on a fresh SQLite file: either as
/// deployed (mutual TLS, "skn-mtls") or with the benchmark-only plaintext switch ("skn-h2c"). In
/// both the registry, the protocol rules and the trail are on.
/// </summary>
internal sealed class SknNodeSystem(bool mutualTls, BenchParticipants participants) : IMailboxSystem
{
    private ServerProcess? _server;
    private ExchangeEndpoint? _endpoint;

    public string Name => mutualTls ? "skn-mtls" : "skn-h2c";

    public ServerProcess Server => _server ?? throw new InvalidOperationException("Not started.");

    /// <summary>The node's extra configuration ("Skn:Key" = value), for the scale benchmark.</summary>
    public Dictionary<string, string> ExtraSettings { get; } = [];

    /// <summary>The node's port, after start.</summary>
    public int Port { get; private set; }

    /// <summary>The node's database file, after start.</summary>
    public string DatabasePath { get; private set; } = "";

    internal ExchangeEndpoint Endpoint => _endpoint ?? throw new InvalidOperationException("Not started.");

    public async Task<SystemDescription> StartAsync(BenchEnvironment environment, CancellationToken cancellationToken)
    {
        var node = await NodeBuild.EnsureAsync(environment.RepositoryRoot, environment.ToolsDirectory, cancellationToken);
        var registry = Path.Combine(environment.DataDirectory, "participants.json");
        participants.WriteRegistry(registry);
        Port = FreePort.Next();
        DatabasePath = Path.Combine(environment.DataDirectory, "skn.db");
        var certificates = participants.Certificates;
        var settings = new Dictionary<string, string>
        {
            ["Skn:DataDirectory"] = environment.DataDirectory,
            ["Skn:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Skn:DevelopmentSetup"] = "false",
            ["Skn:WatchRegistry"] = "false",
            ["Skn:BenchmarkPlaintext"] = mutualTls ? "false" : "true",
            ["Skn:ServerCertificatePath"] = certificates.ServerCertificatePath,
            ["Skn:ServerKeyPath"] = certificates.ServerKeyPath,
            ["Skn:TrustedCaPath"] = certificates.CaCertificatePath,
            ["Skn:MaxInFlightCap"] = ExchangeConsumer.MaxInFlight.ToString(System.Globalization.CultureInfo.InvariantCulture),

            // The per-participant call budget (200 a second by default) protects participants from
            // each other; here one producer is meant to go as fast as the node lets it.
            ["Skn:Limits:RequestsPerSecond"] = "1000000",
            ["Skn:Limits:RequestBurst"] = "1000000",

            // Likewise the bound on what one sender has waiting (100,000 by default): the scale run
            // parks a million envelopes from a few counsellors on purpose.
            ["Skn:Limits:MaxPendingEnvelopes"] = "100000000",
            ["Skn:Limits:MaxPendingBytes"] = "1000000000000",

            // A log line per envelope is what an operator wants, but not what is measured here.
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        };
        foreach (var (key, value) in ExtraSettings)
        {
            settings[key] = value;
        }

        _server = ServerProcess.Start(
            "dotnet",
            settings.Select(s => $"--{s.Key}={s.Value}").Prepend(node),
            Path.Combine(environment.DataDirectory, "node.log"),
            environment.DataDirectory,
            NodeEnvironment());
        await _server.WaitForPortAsync(Port, TimeSpan.FromSeconds(60), cancellationToken);

        _endpoint = new ExchangeEndpoint(Port, mutualTls
            ? new ExchangeTls(new CertificateTrust([certificates.CaCertificate]), participants.Certificates.LoadParticipant)
            : null);
        var version = FileVersionInfo.GetVersionInfo(node).ProductVersion ?? "?";
        return new SystemDescription(
            $"Skn.Node {version.Split('+')[0]} (this repository, Release)",
            [
                mutualTls ? "HTTP/2 over mutual TLS (RSA-2048 client certificates, one connection per participant)" : "h2c: plaintext HTTP/2 on loopback (benchmark-only switch), caller named by a header",
                "SQLite WAL, synchronous=FULL (fsync per commit), secure_delete=ON; concurrent sends share one commit",
                "registry, envelope and protocol checks, trail kept; acknowledged content deleted",
                $"FetchPending follow, max_in_flight {ExchangeConsumer.MaxInFlight}; acknowledgements batched per mailbox",
            ]);
    }

    /// <summary>
    /// The node's environment: production settings, plus any BENCH_NODE_X=value of this process as
    /// X=value, so runtime knobs (DOTNET_gcServer, ...) can be tried without a rebuild.
    /// </summary>
    private static Dictionary<string, string> NodeEnvironment()
    {
        var environment = new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" };
        foreach (System.Collections.DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            if (variable.Key is string name && name.StartsWith("BENCH_NODE_", StringComparison.Ordinal))
            {
                environment[name["BENCH_NODE_".Length..]] = variable.Value as string ?? "";
            }
        }

        return environment;
    }

    public Task<IMailboxProducer> CreateProducerAsync(int producerIndex, CancellationToken cancellationToken) =>
        Task.FromResult<IMailboxProducer>(new ExchangeProducer(Endpoint, participants.ProducerOins[producerIndex], participants.MailboxOins));

    public Task<IMailboxConsumer> CreateConsumerAsync(int consumerIndex, IReadOnlyList<int> mailboxes, CancellationToken cancellationToken) =>
        Task.FromResult<IMailboxConsumer>(new ExchangeConsumer(Endpoint, mailboxes.Select(m => participants.MailboxOins[m]).ToArray()));

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
