using System.Diagnostics;

namespace Skn.Bench.Systems.Skn;

/// <summary>
/// Builds the node (Release) from the working tree into the run's tools folder, once per run, so
/// every node the run starts is the same, current build.
/// </summary>
internal static class NodeBuild
{
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static string? _built;

    public static async Task<string> EnsureAsync(string repositoryRoot, string toolsDirectory, CancellationToken cancellationToken)
    {
        await Once.WaitAsync(cancellationToken);
        try
        {
            return _built ??= await BuildAsync(repositoryRoot, toolsDirectory, cancellationToken);
        }
        finally
        {
            Once.Release();
        }
    }

    private static async Task<string> BuildAsync(string repositoryRoot, string toolsDirectory, CancellationToken cancellationToken)
    {
        var output = Path.Combine(toolsDirectory, "node");
        var dll = Path.Combine(output, "Skn.Node.dll");

        // A fresh folder each run: MSBuild copies into an existing one only what it thinks changed,
        // and a folder last filled from another checkout (an A/B run against an older commit) then
        // mixes assemblies of both, and the node aborts at start.
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "build", Path.Combine(repositoryRoot, "src", "Skn.Node", "Skn.Node.csproj"), "-c", "Release", "-o", output, "-v", "quiet", "-nologo" })
        {
            start.ArgumentList.Add(argument);
        }

        using var build = Process.Start(start)!;
        var stdout = build.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = build.StandardError.ReadToEndAsync(cancellationToken);
        await build.WaitForExitAsync(cancellationToken);
        if (build.ExitCode != 0 || !File.Exists(dll))
        {
            throw new InvalidOperationException($"Building the node failed (exit code {build.ExitCode}):\n{await stdout}\n{await stderr}");
        }

        return dll;
    }
}
