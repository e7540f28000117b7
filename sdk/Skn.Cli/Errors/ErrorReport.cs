namespace Skn.Cli.Errors;

/// <summary>What to tell the user about a failure: the exit code, one line, and optional detail lines (violations).</summary>
/// <param name="ExitCode">One of <see cref="ExitCodes"/>.</param>
/// <param name="Line">The line after "error: ": which file, field or participant, and why.</param>
/// <param name="Details">Further lines, one per violation; empty for most failures.</param>
internal sealed record ErrorReport(int ExitCode, string Line, IReadOnlyList<string> Details);
