using System.Security.Cryptography;
using Grpc.Core;
using Skn.Sdk;

namespace Skn.Cli.Errors;

/// <summary>
/// The one place that turns an exception into an exit code and an error line. Users get one line
/// they can act on; the stack trace only with --verbose, because it helps a developer, not an operator.
/// </summary>
internal static class ErrorReporter
{
    /// <summary>Writes the error to <paramref name="error"/> and returns the exit code.</summary>
    public static int Report(Exception exception, TextWriter error, bool verbose, string? nodeAddress)
    {
        var report = Describe(exception, nodeAddress);
        error.WriteLine("error: " + report.Line);
        foreach (var detail in report.Details)
        {
            error.WriteLine("  " + detail);
        }

        if (verbose)
        {
            error.WriteLine(exception.ToString());
        }

        return report.ExitCode;
    }

    /// <summary>Maps an exception to its report without writing anything.</summary>
    public static ErrorReport Describe(Exception exception, string? nodeAddress) => exception switch
    {
        UsageException usage => new(ExitCodes.Usage, usage.Message, []),
        SknContentRuleException rules => new(
            ExitCodes.Refused,
            $"{rules.Violations.Count} content rule(s) broken; nothing was sent:",
            rules.Violations.Select(v => v.ToString()).ToList()),
        SknRequestException { StatusCode: StatusCode.Unavailable or StatusCode.DeadlineExceeded } unreachable => new(
            ExitCodes.Unreachable,
            $"the node at {nodeAddress ?? "(unknown address)"} could not be reached ({unreachable.StatusCode}): {OneLine(unreachable.Message)}",
            []),
        SknRequestException refused => new(
            ExitCodes.Refused,
            $"the node refused ({refused.StatusCode}{(refused.Reason == V1.ErrorReason.Unspecified ? "" : ", " + refused.Reason)}): {OneLine(refused.Message)}",
            refused.FieldViolations.Select(v => v.ToString()).ToList()),
        SknOpenException open => new(
            ExitCodes.Refused,
            $"message {open.MessageId} cannot be trusted: {OneLine(open.Message)}",
            []),
        SknException other => new(ExitCodes.Refused, OneLine(other.Message), []),
        RpcException rpc => RpcErrorReport.Describe(rpc, nodeAddress),

        // The SDK throws ArgumentException for a call it cannot make as asked (for example an answer
        // without --reply-to): a usage problem the user fixes on the command line.
        ArgumentException argument => new(ExitCodes.Usage, OneLine(WithoutParameterName(argument)), []),
        FileNotFoundException missing => new(ExitCodes.Usage, $"{missing.FileName ?? "a file"} does not exist", []),
        DirectoryNotFoundException missingFolder => new(ExitCodes.Usage, OneLine(missingFolder.Message), []),
        IOException io => new(ExitCodes.Usage, OneLine(io.Message), []),
        UnauthorizedAccessException denied => new(ExitCodes.Usage, OneLine(denied.Message), []),
        CryptographicException crypto => new(ExitCodes.Usage, OneLine(crypto.Message), []),
        OperationCanceledException => new(ExitCodes.Refused, "cancelled", []),
        _ => new(ExitCodes.Refused, $"unexpected {exception.GetType().Name}: {OneLine(exception.Message)} (run with --verbose for details)", []),
    };

    private static string WithoutParameterName(ArgumentException exception) =>
        exception.ParamName is { } name
            ? exception.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal)
            : exception.Message;

    /// <summary>Messages from lower layers may span lines; the error line must not.</summary>
    private static string OneLine(string message) =>
        string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
