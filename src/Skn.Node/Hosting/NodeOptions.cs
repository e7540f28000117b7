using Skn.Domain.Calendar;

namespace Skn.Node.Hosting;

/// <summary>
/// The node's configuration, section "Skn" of appsettings.json, environment variables
/// (<c>Skn__Port=5443</c>) or the command line (<c>--Skn:Port=5443</c>). Checked at start by
/// <see cref="NodeOptionsValidator"/>.
/// </summary>
public sealed class NodeOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Skn";

    /// <summary>Folder for the database, the registry and development certificates (default: "data", relative to the working directory).</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The SQLite database file (default: "{DataDirectory}/skn.db").</summary>
    public string DatabasePath { get; set; } = "";

    /// <summary>The participant registry file (default: "{DataDirectory}/participants.json").</summary>
    public string RegistryPath { get; set; } = "";

    /// <summary>Reload the registry when its file changes (default: true).</summary>
    public bool WatchRegistry { get; set; } = true;

    /// <summary>Address to listen on (default: 127.0.0.1).</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one (default: 5443).</summary>
    public int Port { get; set; } = 5443;

    /// <summary>PEM file of the node's TLS certificate (default: the development server certificate).</summary>
    public string ServerCertificatePath { get; set; } = "";

    /// <summary>PEM file of the node's TLS private key (default: the development server key).</summary>
    public string ServerKeyPath { get; set; } = "";

    /// <summary>PEM bundle of the CAs trusted for participants' certificates (default: the development CA).</summary>
    public string TrustedCaPath { get; set; } = "";

    /// <summary>
    /// On start, create a development CA, server and demo participant certificates and a demo
    /// registry when they are missing (default: true). Switch off in production.
    /// </summary>
    public bool DevelopmentSetup { get; set; } = true;

    /// <summary>
    /// Serve plaintext HTTP/2 without TLS (default: false). Only for benchmarks on loopback: without
    /// TLS there are no client certificates, so the caller's OIN comes from the "skn-benchmark-oin" header.
    /// </summary>
    public bool BenchmarkPlaintext { get; set; }

    /// <summary>
    /// Run the node's clock ahead of the real one by this much (default: zero). Only for the scale
    /// benchmark, which restarts a full node days "later" to time the expiry of everything in it.
    /// </summary>
    public TimeSpan BenchmarkClockOffset { get; set; }

    /// <summary>Largest sealed content accepted, in bytes (default: 8 MiB: room for a VTLB PDF).</summary>
    public int MaxSealedContentBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>
    /// Upper bound on the database size in SQLite pages of 4 KiB (PRAGMA max_page_count), or null for
    /// no bound but the disk's (default: null). When it is reached, sends are refused with
    /// ResourceExhausted while fetching and acknowledging go on, so the node drains and takes sends
    /// again without a restart. Set it below the free disk space so a full disk never surprises the
    /// store; tests use it to fill a store quickly.
    /// </summary>
    public long? MaxDatabasePages { get; set; }

    /// <summary>How long a delivery is leased before it is delivered again (default: 5 minutes).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// After how many deliveries that ended without an acknowledgement (its lease ran out, or the
    /// stream holding it ended) a bericht is set aside on its recipient's poison list (default 10,
    /// as Azure Service Bus's MaxDeliveryCount). 0: never set aside.
    /// </summary>
    public int MaxFailedDeliveries { get; set; } = 10;

    /// <summary>Working days after sending at whose end an unacknowledged envelope expires (default: 5).</summary>
    public int ExpiryWorkingDays { get; set; } = 5;

    /// <summary>How long the metadata trail is kept after an envelope's outcome (default: 400 days).</summary>
    public TimeSpan TrailRetention { get; set; } = TimeSpan.FromDays(400);

    /// <summary>Deliveries a stream holds unacknowledged when the request does not say (default: 16).</summary>
    public int DefaultMaxInFlight { get; set; } = 16;

    /// <summary>Upper bound on a stream's requested credit (default: 256).</summary>
    public int MaxInFlightCap { get; set; } = 256;

    /// <summary>Heartbeat interval of idle follow streams when the request does not say (default: 15 s).</summary>
    public TimeSpan DefaultHeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// HTTP/2 keepalive: the node pings a connection from which it has received nothing for this long
    /// (default: 10 s). Together with <see cref="KeepAlivePingTimeout"/> it bounds how long a consumer
    /// whose connection silently vanished keeps its leased envelopes (default: about 20 s).
    /// </summary>
    public TimeSpan KeepAlivePingDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>HTTP/2 keepalive: a connection whose ping is not answered within this is closed and its streams' deliveries released (default: 10 s).</summary>
    public TimeSpan KeepAlivePingTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A connection with no open call is closed after this long (default: 2 minutes). Open follow streams are never idle in this sense.</summary>
    public TimeSpan IdleConnectionTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Most envelopes expired per sweep transaction (default: 5,000). The store also ends the
    /// transaction after about 20 ms of work, so that sends keep flowing during a large sweep.
    /// </summary>
    public int ExpiryBatchSize { get; set; } = 5000;

    /// <summary>Largest interval between expiry sweeps, also when nothing is due (default: 1 minute).</summary>
    public TimeSpan ExpirySweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Per-participant limits on streams and call rate (section "Skn:Limits").</summary>
    public Limits.ParticipantLimitOptions Limits { get; set; } = new();

    /// <summary>The metrics and health port (section "Skn:Metrics"; off by default).</summary>
    public Telemetry.MetricsOptions Metrics { get; set; } = new();

    /// <summary>Export of metrics and traces over OTLP (section "Skn:Otlp"; off by default).</summary>
    public Telemetry.OtlpOptions Otlp { get; set; } = new();

    /// <summary>Count Goede Vrijdag as a holiday (default: true, as the Algemene termijnenwet does).</summary>
    public bool GoedeVrijdagIsHoliday { get; set; } = true;

    /// <summary>Count Bevrijdingsdag (5 May) as a holiday every year (default: true, as the Algemene termijnenwet does).</summary>
    public bool BevrijdingsdagIsHoliday { get; set; } = true;

    /// <summary>Extra non-working days decreed by the government ("gelijkgestelde dagen"), yyyy-MM-dd (default: none).</summary>
    public List<DateOnly> ExtraHolidays { get; set; } = [];

    internal string ResolvedDatabasePath => Resolve(DatabasePath, "skn.db");

    internal string ResolvedRegistryPath => Resolve(RegistryPath, "participants.json");

    internal string CertificatesDirectory => Path.Combine(DataDirectory, "certs");

    internal string ResolvedServerCertificatePath => Resolve(ServerCertificatePath, Path.Combine("certs", "server.pem"));

    internal string ResolvedServerKeyPath => Resolve(ServerKeyPath, Path.Combine("certs", "server-key.pem"));

    internal string ResolvedTrustedCaPath => Resolve(TrustedCaPath, Path.Combine("certs", "ca.pem"));

    internal WorkingDayCalendarOptions CalendarOptions => new()
    {
        GoedeVrijdagIsHoliday = GoedeVrijdagIsHoliday,
        BevrijdingsdagIsHoliday = BevrijdingsdagIsHoliday,
        ExtraHolidays = ExtraHolidays,
    };

    private string Resolve(string configured, string defaultInDataDirectory) =>
        string.IsNullOrWhiteSpace(configured) ? Path.Combine(DataDirectory, defaultInDataDirectory) : configured;
}
