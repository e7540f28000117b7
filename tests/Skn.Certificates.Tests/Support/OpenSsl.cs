using System.Diagnostics;

namespace Skn.Certificates.Tests.Support;

/// <summary>Runs the system openssl binary; the tests use it as an independent check of the generated files.</summary>
internal static class OpenSsl
{
    private const string Executable = "/usr/bin/openssl";

    public sealed record Result(int ExitCode, string StandardOutput, string StandardError)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout: {StandardOutput}\nstderr: {StandardError}";
    }

    public static Result Run(string workingDirectory, params string[] arguments)
    {
        Assert.True(File.Exists(Executable), $"{Executable} is needed for this test.");
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

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("openssl did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill();
            throw new TimeoutException($"openssl {string.Join(' ', arguments)} did not finish within 60 s.");
        }

        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
