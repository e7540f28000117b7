using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Skn.Bench.Harness;

/// <summary>
/// A server the benchmark started: its own process group (through setsid), output in a log file in
/// its data folder, a peak-memory sampler over the whole process tree, and a stop by process id
/// (SIGTERM to the group, SIGKILL after a grace period) so nothing outlives the run.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private const int SigKill = 9;

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly ProcessTreeStats _stats;

    private ServerProcess(Process process, StreamWriter log, string logPath)
    {
        _process = process;
        _log = log;
        LogPath = logPath;
        _stats = new ProcessTreeStats(process.Id);
    }

    /// <summary>The process id of the server (the group leader).</summary>
    public int ProcessId => _process.Id;

    /// <summary>The file with the server's standard output and error.</summary>
    public string LogPath { get; }

    /// <summary>Whether the process is still running.</summary>
    public bool IsRunning => !_process.HasExited;

    /// <summary>The largest resident set size of the process tree seen since the last reset, in bytes.</summary>
    public long PeakRssBytes => _stats.PeakBytes;

    /// <summary>The resident set size of the process tree now, in bytes.</summary>
    public long CurrentRssBytes => _stats.Sample();

    /// <summary>CPU seconds the server's process tree has used so far.</summary>
    public double CpuSeconds => _stats.CpuSeconds();

    /// <summary>Bytes the server's process tree has written to storage so far.</summary>
    public long WrittenBytes => _stats.WrittenBytes();

    /// <summary>Open file descriptors of the server's process tree now.</summary>
    public int HandleCount => _stats.HandleCount();

    /// <summary>Threads of the server's process tree now.</summary>
    public int ThreadCount => _stats.ThreadCount();

    /// <summary>Starts peak tracking afresh (e.g. after setup, before the measured run).</summary>
    public void ResetPeak() => _stats.Reset();

    /// <summary>
    /// Starts <paramref name="fileName"/> in a new session and process group, with its output in
    /// <paramref name="logPath"/>.
    /// </summary>
    public static ServerProcess Start(
        string fileName,
        IEnumerable<string> arguments,
        string logPath,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(logPath)!,
        };
        start.ArgumentList.Add(fileName);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => WriteLine(log, e.Data);
        process.ErrorDataReceived += (_, e) => WriteLine(log, e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {fileName}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServerProcess(process, log, logPath);
    }

    /// <summary>Waits until something accepts TCP connections on 127.0.0.1:<paramref name="port"/>.</summary>
    /// <exception cref="InvalidOperationException">The process exited or the port stayed closed until the timeout.</exception>
    public async Task WaitForPortAsync(int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"The server exited with code {_process.ExitCode} before it listened on port {port}; see {LogPath}:\n{Tail()}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }

        throw new InvalidOperationException($"The server did not listen on port {port} within {timeout.TotalSeconds:0} s; see {LogPath}:\n{Tail()}");
    }

    /// <summary>The last lines of the server's log, for error messages.</summary>
    public string Tail(int lines = 20)
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>Stops the process group: SIGTERM, then SIGKILL if it has not exited within the grace period.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (!_process.HasExited)
        {
            _ = Kill(-_process.Id, SigTerm);
            using var wait = new CancellationTokenSource(grace);
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _ = Kill(-_process.Id, SigKill);
                await _process.WaitForExitAsync();
            }
        }

        // Children that ignored the group signal (or left it) are killed by id.
        foreach (var child in _stats.Descendants())
        {
            _ = Kill(child, SigKill);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        _stats.Dispose();
        _process.Dispose();
        await _log.DisposeAsync();
    }

    private static void WriteLine(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
