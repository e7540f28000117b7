using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Skn.Reliability.Tests.Infrastructure;

/// <summary>
/// The node as a separate OS process on 127.0.0.1: the Release build started with <c>dotnet</c> on
/// a data folder and a port. It can be killed with SIGKILL (no shutdown code runs: the closest a test
/// gets to pulling the plug) and started again on the same folder. Its output is kept, so a test can
/// read what the node said before it stopped.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    /// <summary>What the node logs once Kestrel listens (NodeLog.Listening).</summary>
    private const string ListeningLine = "Skn node listening on";

    private const int SigTerm = 15;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private NodeProcess(Process process, string dataDirectory, int port)
    {
        _process = process;
        DataDirectory = dataDirectory;
        Port = port;
    }

    public string DataDirectory { get; }

    public int Port { get; }

    public Uri Address => new($"https://localhost:{Port}");

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the node wrote to standard output and error so far.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>Starts the node; does not wait for it to listen (see <see cref="WaitUntilListeningAsync"/>).</summary>
    public static async Task<NodeProcess> StartAsync(string dataDirectory, int port, IEnumerable<string>? extraArguments = null)
    {
        string[] arguments =
        [
            $"--Skn:DataDirectory={dataDirectory}",
            $"--Skn:Port={port}",
            "--Skn:WatchRegistry=false",

            // The crash run's senders and fetchers go as fast as the node lets them; the call budget
            // has its own tests (LimitTests).
            "--Skn:Limits:RequestsPerSecond=1000000",
            "--Skn:Limits:RequestBurst=1000000",
            .. extraArguments ?? [],
        ];
        var start = await NodeBuild.StartInfoAsync(arguments);
        start.Environment.Remove("ASPNETCORE_URLS");
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var node = new NodeProcess(process, dataDirectory, port);
        process.OutputDataReceived += (_, e) => node.Collect(e.Data);
        process.ErrorDataReceived += (_, e) => node.Collect(e.Data);
        process.Exited += (_, _) => node._listening.TrySetException(
            new InvalidOperationException($"The node exited with code {process.ExitCode} before it listened:\n{node.Tail()}"));
        if (!process.Start())
        {
            throw new InvalidOperationException("Could not start the node.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>Starts the node and waits until it listens.</summary>
    public static async Task<NodeProcess> StartListeningAsync(string dataDirectory, int port, IEnumerable<string>? extraArguments = null)
    {
        var node = await StartAsync(dataDirectory, port, extraArguments);
        await node.WaitUntilListeningAsync(TimeSpan.FromSeconds(60));
        return node;
    }

    /// <summary>Completes when the node logged that it listens; fails when it exits first or the timeout passes.</summary>
    public async Task WaitUntilListeningAsync(TimeSpan timeout)
    {
        try
        {
            await _listening.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The node did not listen within {timeout.TotalSeconds:0} s:\n{Tail()}");
        }
    }

    /// <summary>Waits for the process to exit by itself (a node that refuses to start).</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: the process ends at once, in the middle of whatever it does. Waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(cancel.Token);
    }

    /// <summary>SIGTERM, the operator's stop; SIGKILL when it has not exited within the grace period.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        _ = Kill(_process.Id, SigTerm);
        using var cancel = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }

    /// <summary>The last lines of the node's output, for failure messages.</summary>
    public string Tail(int lines = 30) => string.Join('\n', _output.TakeLast(lines));

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Collect(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        if (line.Contains(ListeningLine, StringComparison.Ordinal))
        {
            _listening.TrySetResult();
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
