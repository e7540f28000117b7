using Skn.Sdk;

namespace Skn.Cli.Tests.Support;

/// <summary>
/// Runs skn in-process with its own temporary configuration folder and captured output, so tests
/// never touch the real user's profiles. Deletes the folder when disposed.
/// </summary>
internal sealed class CliRunner : IDisposable
{
    private readonly TimeProvider _time;
    private readonly Action<SknClientOptions>? _configureClient;

    public CliRunner(TimeProvider? time = null, Action<SknClientOptions>? configureClient = null)
    {
        _time = time ?? TimeProvider.System;
        _configureClient = configureClient;
        Directory.CreateDirectory(ConfigDirectory);
        Directory.CreateDirectory(WorkingDirectory);
    }

    /// <summary>A runner whose client uses the node's clock and quick retries, as a vendor's test setup would.</summary>
    public static CliRunner For(TestNode node) => new(node.Time, QuickRetries);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "skn-cli-" + Guid.NewGuid().ToString("N"));

    public string ConfigDirectory => Path.Combine(Root, "config");

    /// <summary>The working directory of the runs, also a place for the test's own files.</summary>
    public string WorkingDirectory => Path.Combine(Root, "work");

    /// <summary>Short waits between retries: a test about an unreachable node must not wait for the SDK's production backoff.</summary>
    public static void QuickRetries(SknClientOptions options)
    {
        options.Retry.MaxAttempts = 2;
        options.Retry.InitialBackoff = TimeSpan.FromMilliseconds(50);
        options.Retry.MaxBackoff = TimeSpan.FromMilliseconds(200);
        options.RequestTimeout = TimeSpan.FromSeconds(10);
    }

    public async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new CliEnvironment(output, error, ConfigDirectory)
        {
            WorkingDirectory = WorkingDirectory,
            TimeProvider = _time,
            ConfigureClient = _configureClient,
        };
        var exitCode = await SknCli.RunAsync(args, environment).WaitAsync(Demo.Timeout);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Adds a profile for a demo participant of <paramref name="node"/> and checks it was saved.</summary>
    public async Task AddProfileAsync(TestNode node, string name, string oin, bool makeDefault = false)
    {
        var participants = Path.Combine(node.CertificatesDirectory, "participants");
        var args = new List<string>
        {
            "profile", "add", name,
            "--node", node.Address.ToString(),
            "--cert", Path.Combine(participants, oin + ".pem"),
            "--key", Path.Combine(participants, oin + "-key.pem"),
            "--ca", Path.Combine(node.CertificatesDirectory, "ca.pem"),
        };
        if (makeDefault)
        {
            args.Add("--default");
        }

        var result = await RunAsync([.. args]);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    /// <summary>Writes <paramref name="json"/> to a file in the working directory and returns its path.</summary>
    public string WriteFile(string name, string json)
    {
        var path = Path.Combine(WorkingDirectory, name);
        File.WriteAllText(path, json);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleanup; a failed cleanup must not fail the test.
        }
    }
}
