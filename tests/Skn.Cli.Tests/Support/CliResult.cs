namespace Skn.Cli.Tests.Support;

/// <summary>What one run of skn left behind: the exit code and everything written to standard output and error.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    /// <summary>Both streams, for assertions that something appears nowhere (a stack trace).</summary>
    public string All => Output + Error;

    /// <summary>The value after "<paramref name="label"/>:" on the first output line that starts with it (send prints "message id: ...").</summary>
    public string Value(string label)
    {
        var line = Output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(label + ":", StringComparison.Ordinal));
        Assert.True(line is not null, $"No '{label}:' line in:\n{Output}");
        return line[(label.Length + 1)..].Trim();
    }

    /// <inheritdoc />
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
