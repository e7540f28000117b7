using System.Diagnostics;

namespace Skn.Reliability.Tests.Infrastructure;

/// <summary>
/// Builds the node (Release) from the working tree once per test run, into this test assembly's
/// folder, so every node process the suites start is the same, current build.
/// </summary>
public static class NodeBuild
{
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static string? _dll;

    /// <summary>The built Skn.Node.dll, building it on first use.</summary>
    public static async Task<string> EnsureAsync()
    {
        await Once.WaitAsync();
        try
        {
            return _dll ??= await BuildAsync();
        }
        finally
        {
            Once.Release();
        }
    }

    /// <summary>
    /// How to run the built node with <paramref name="arguments"/>: from the build's folder, so it
    /// reads its appsettings.json (log format and levels), with its output captured.
    /// </summary>
    public static async Task<ProcessStartInfo> StartInfoAsync(IEnumerable<string> arguments)
    {
        var dll = await EnsureAsync();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        return start;
    }

    private static async Task<string> BuildAsync()
    {
        var root = RepositoryRoot.Find();
        var output = Path.Combine(AppContext.BaseDirectory, "node-release");
        var dll = Path.Combine(output, "Skn.Node.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };

        // The test host runs under `dotnet test`, whose MSBuild variables would point the nested
        // build at the outer build's state.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("MSBUILD", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var argument in new[] { "build", Path.Combine(root, "src", "Skn.Node", "Skn.Node.csproj"), "-c", "Release", "-o", output, "-v", "quiet", "-nologo" })
        {
            start.ArgumentList.Add(argument);
        }

        using var build = Process.Start(start)!;
        var stdout = build.StandardOutput.ReadToEndAsync();
        var stderr = build.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await build.WaitForExitAsync(timeout.Token);
        if (build.ExitCode != 0 || !File.Exists(dll))
        {
            throw new InvalidOperationException($"Building the node failed (exit code {build.ExitCode}):\n{await stdout}\n{await stderr}");
        }

        return dll;
    }
}
