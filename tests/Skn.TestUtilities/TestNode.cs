using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Skn.Certificates;
using Skn.Domain.Storage;
using Skn.Node.Hosting;
using Skn.Store.Sqlite;
using Skn.V1;

namespace Skn.TestUtilities;

/// <summary>
/// A real node for a test: Kestrel on 127.0.0.1 with a free port, mutual TLS with development
/// certificates, a SQLite file in its own data folder, and a clock the test moves. Can be stopped
/// and started again on the same folder to test restarts.
/// </summary>
public sealed class TestNode : IAsyncDisposable
{
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, GrpcChannel> _channels = [];
    private WebApplication? _app;

    private TestNode(string dataDirectory, FakeTimeProvider time)
    {
        DataDirectory = dataDirectory;
        Time = time;
    }

    public string DataDirectory { get; }

    public FakeTimeProvider Time { get; }

    public Uri Address { get; private set; } = null!;

    public CountingStore Store { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public string DatabasePath => Path.Combine(DataDirectory, "skn.db");

    public static async Task<TestNode> StartAsync(DateTimeOffset? start = null, Dictionary<string, string?>? settings = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "skn-it-" + Guid.NewGuid().ToString("N"));
        var node = new TestNode(folder, new FakeTimeProvider(start ?? DefaultStart));

        // Issue the development set on the test's clock, so the certificates are valid at the moments
        // the test moves to (the node reuses a set that is still valid).
        using var certificates = DevelopmentCertificateSet.Ensure(
            Path.Combine(folder, "certs"),
            Skn.Node.Registry.DemoParticipants.All.Select(p => (p.Oin, p.Name)),
            ["localhost"],
            [System.Net.IPAddress.Loopback],
            new FakeTimeProvider(Earlier(node.Time.GetUtcNow(), DateTimeOffset.UtcNow).AddDays(-1)));
        Skn.Node.Hosting.DevelopmentOperator.Ensure(Path.Combine(folder, "certs"), node.CertificateClock);
        await node.StartAgainAsync(settings);
        return node;
    }

    /// <summary>A clock for issuing test certificates valid both at the test's moments and now (the client checks the server's with the real clock).</summary>
    public TimeProvider CertificateClock => new FakeTimeProvider(Earlier(Time.GetUtcNow(), DateTimeOffset.UtcNow).AddDays(-1));

    private static DateTimeOffset Earlier(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>Starts the node (again) on the same data folder.</summary>
    public async Task StartAgainAsync(Dictionary<string, string?>? settings = null)
    {
        var args = new List<string>
        {
            $"--Skn:DataDirectory={DataDirectory}",
            "--Skn:Port=0",
            "--Skn:WatchRegistry=false",
            "--Logging:LogLevel:Default=Warning",
        };
        foreach (var (key, value) in settings ?? [])
        {
            args.Add($"--{key}={value}");
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [.. args], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(Time);
        builder.Services.AddSingleton<IMessageStore>(sp =>
        {
            var nodeOptions = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<NodeOptions>>().Value;
            var inner = SqliteMessageStore.OpenAsync(
                NodeHostingExtensions.StoreOptions(nodeOptions), null, sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()).GetAwaiter().GetResult();
            Store = new CountingStore(inner);
            return Store;
        });
        builder.AddSknNode();
        _app = builder.Build();
        _app.MapSknNode();
        await _app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(address.Replace("127.0.0.1", "localhost", StringComparison.Ordinal));
        _ = _app.Services.GetRequiredService<IMessageStore>();
    }

    public async Task StopAsync()
    {
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
        }

        _channels.Clear();
        if (_app is not null)
        {
            await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
            await _app.DisposeAsync();
            _app = null;
        }
    }

    /// <summary>Reads participants.json again now (tests run without the file watcher); false when the edit was refused.</summary>
    public bool ReloadRegistry() => _app!.Services.GetRequiredService<Skn.Node.Registry.ParticipantRegistry>().Reload();

    public string RegistryPath => Path.Combine(DataDirectory, "participants.json");

    public string CertificatesDirectory => Path.Combine(DataDirectory, "certs");

    public X509Certificate2 CaCertificate => PemFiles.LoadCertificate(Path.Combine(CertificatesDirectory, "ca.pem"));

    public X509Certificate2 ParticipantCertificate(string oin) =>
        PemFiles.LoadCertificate(
            Path.Combine(CertificatesDirectory, "participants", oin + ".pem"),
            Path.Combine(CertificatesDirectory, "participants", oin + "-key.pem"));

    /// <summary>A channel that presents the participant's certificate; null presents none.</summary>
    public GrpcChannel Channel(string? oin, X509Certificate2? certificate = null)
    {
        var key = oin ?? "(none)" + (certificate?.Thumbprint ?? "");
        if (_channels.TryGetValue(key, out var channel))
        {
            return channel;
        }

        var ca = CaCertificate;
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            SslOptions = new SslClientAuthenticationOptions
            {
                // Pin the development CA: the test client trusts exactly the node's issuer, never "anything".
                RemoteCertificateValidationCallback = (_, serverCertificate, _, _) =>
                    serverCertificate is X509Certificate2 server
                    && new CertificateTrust(new X509Certificate2Collection(ca)).Validate(server, null, CertificateUsage.ServerAuth).IsValid,
            },
        };
        var clientCertificate = certificate ?? (oin is null ? null : ParticipantCertificate(oin));
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = new X509CertificateCollection { clientCertificate };
        }

        channel = GrpcChannel.ForAddress(Address, new GrpcChannelOptions { HttpHandler = handler, MaxReceiveMessageSize = 16 * 1024 * 1024, MaxSendMessageSize = 16 * 1024 * 1024 });
        _channels[key] = channel;
        return channel;
    }

    public ExchangeService.ExchangeServiceClient Exchange(string? oin) => new(Channel(oin));

    public DirectoryService.DirectoryServiceClient Directory(string? oin) => new(Channel(oin));

    /// <summary>The demo operator's certificate (certs/operators/), with its key.</summary>
    public X509Certificate2 OperatorCertificate =>
        PemFiles.LoadCertificate(
            Skn.Node.Hosting.DevelopmentOperator.CertificatePath(CertificatesDirectory),
            Skn.Node.Hosting.DevelopmentOperator.KeyPath(CertificatesDirectory));

    /// <summary>The operator service, called with the demo operator's certificate, or with a participant's when <paramref name="oin"/> is given.</summary>
    public OperatorService.OperatorServiceClient Operator(string? oin = null) =>
        new(oin is null ? Channel(Demo.Operator, OperatorCertificate) : Channel(oin));

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            System.IO.Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a late finaliser; the temp folder is cleaned by the OS eventually.
        }
    }
}
