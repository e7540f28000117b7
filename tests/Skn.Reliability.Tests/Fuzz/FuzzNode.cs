namespace Skn.Reliability.Tests.Fuzz;

/// <summary>
/// One real node (TestNode: Kestrel, mutual TLS, SQLite) for the fuzz classes, with a small sealed
/// content limit (64 KiB) so that oversize content is cheap to send. gRPC's own message limit is the
/// content limit plus 64 KiB, so a 200 KiB body meets the transport's limit, a 100 KiB one the node's.
/// </summary>
public sealed class FuzzNode : IAsyncLifetime
{
    public const int MaxSealedContentBytes = 64 * 1024;

    public TestNode Node { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Node = await TestNode.StartAsync(settings: new()
        {
            ["Skn:MaxSealedContentBytes"] = MaxSealedContentBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),

            // Thousands of calls from one participant: the call budget (LimitTests) would answer
            // them before the checks under test.
            ["Skn:Limits:RequestsPerSecond"] = "1000000",
            ["Skn:Limits:RequestBurst"] = "1000000",
        });

    public async Task DisposeAsync() => await Node.DisposeAsync();
}

/// <summary>Settings of the fuzz suites: SKN_FUZZ_SEED replays a run, SKN_FUZZ_ITERATIONS makes it longer.</summary>
public static class FuzzSettings
{
    public static int Seed { get; } = Read("SKN_FUZZ_SEED") ?? Random.Shared.Next();

    /// <summary>Iterations per RPC (raw fuzz) or per property (FsCheck). CI: 300.</summary>
    public static int Iterations { get; } = Read("SKN_FUZZ_ITERATIONS") ?? 300;

    private static int? Read(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;
}
