using System.Diagnostics;

namespace Skn.Reliability.Tests.Infrastructure;

/// <summary>
/// Runs one of the node binary's maintenance verbs (<c>backup</c>, <c>restore</c>) as its own
/// process, as an operator or the backup timer would, and returns what it said.
/// </summary>
public static class NodeVerb
{
    public static async Task<VerbResult> RunAsync(params string[] arguments)
    {
        var start = await NodeBuild.StartInfoAsync(arguments);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new VerbResult(process.ExitCode, await output, await error);
    }
}

/// <summary>A verb's exit code and output.</summary>
public sealed record VerbResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit code {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
