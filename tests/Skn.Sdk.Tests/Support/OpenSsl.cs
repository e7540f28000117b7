using System.Diagnostics;

namespace Skn.Sdk.Tests.Support;

/// <summary>
/// Runs the system openssl binary (installed by tests/tools/install.sh). The sealing tests use it as an
/// independent CMS implementation: what the SDK seals, openssl must open, and the other way round.
/// </summary>
internal static class OpenSsl
{
    private const string Executable = "/usr/bin/openssl";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>What one openssl run printed and returned.</summary>
    public sealed record Result(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
    {
        public bool Succeeded => ExitCode == 0;

        public override string ToString() => $"{CommandLine}\nexit {ExitCode}\nstdout: {StandardOutput}\nstderr: {StandardError}";
    }

    /// <summary>Runs openssl with <paramref name="arguments"/> in <paramref name="workingDirectory"/>, whatever its exit code.</summary>
    public static Result Run(string workingDirectory, params string[] arguments)
    {
        // Fail loudly rather than skip: a missing openssl must not turn the interop tests green.
        Assert.True(File.Exists(Executable), $"{Executable} is needed for this test; run tests/tools/install.sh.");
        var startInfo = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var commandLine = "openssl " + string.Join(' ', arguments);
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("openssl did not start.");

        // Read both streams concurrently so a full pipe cannot block the child.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill();
            throw new TimeoutException($"{commandLine} did not finish within {Timeout.TotalSeconds} s.");
        }

        return new Result(commandLine, process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs openssl and fails the test, with everything openssl printed, unless it exits with 0.</summary>
    public static Result RunChecked(string workingDirectory, params string[] arguments)
    {
        var result = Run(workingDirectory, arguments);
        Assert.True(result.Succeeded, result.ToString());
        return result;
    }
}
