using System.CommandLine;
using Skn.Node.Operator;

namespace Skn.Node.Maintenance;

/// <summary>
/// <c>Skn.Node verify-audit --file &lt;path&gt;</c>: checks the operator audit log's hash chain.
/// Exit code 0 when every line follows the one before it, 2 at the first line that does not
/// (named on stderr) or when the head of an earlier check (<c>--earlier-head</c>) is no longer in
/// the file, 1 when the file cannot be read or carries no chain at all. It reads only the
/// file, so it works on a copy, a backup's or another machine's, with or without a node.
/// </summary>
internal static class VerifyAuditCommand
{
    public const string Verb = "verify-audit";

    public const int Intact = 0;
    public const int Failed = 1;
    public const int Broken = 2;

    public static Command Create()
    {
        var file = new Option<string>("--file") { Description = $"The audit log to check, e.g. /var/lib/skn/{OperatorAuditLog.FileName}.", Required = true };
        var earlierHead = new Option<string>("--earlier-head")
        {
            Description = "The head an earlier check printed: it must still be the hash of a line in the file, which shows no lines were cut off the end since.",
        };
        var command = new Command(Verb, "Check the operator audit log's hash chain; report the first line that was changed, removed, inserted or moved.")
        {
            file,
            earlierHead,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parseResult => Run(parseResult.GetRequiredValue(file), parseResult.GetValue(earlierHead), Console.Out, Console.Error));
        return command;
    }

    /// <summary>Verifies <paramref name="path"/>, says the outcome on <paramref name="output"/> or <paramref name="error"/>, returns the exit code.</summary>
    public static int Run(string path, string? earlierHead, TextWriter output, TextWriter error)
    {
        AuditVerification result;
        try
        {
            result = OperatorAuditVerifier.Verify(path, earlierHead);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"{Verb} failed: {exception.Message}");
            return Failed;
        }

        if (!result.Intact)
        {
            error.WriteLine($"{Verb}: {path}: line {result.BrokenLine} breaks the hash chain: {result.Problem}");
            return Broken;
        }

        if (result.VerifiedLines > 0 && !result.Chained)
        {
            // An old file and a file whose prev fields were all stripped look the same: neither proves anything.
            error.WriteLine($"{Verb}: {path}: none of its {result.VerifiedLines} lines carries a {AuditChain.PrevProperty}, so nothing can be verified.");
            return Failed;
        }

        if (!string.IsNullOrEmpty(earlierHead) && result.EarlierHeadLine is null)
        {
            error.WriteLine($"{Verb}: {path}: the chain is intact, but no line has the earlier head {earlierHead}: lines were cut off the end, or the file was rewritten.");
            return Broken;
        }

        output.WriteLine($"{path}: {result.VerifiedLines} lines, hash chain intact.");
        if (result.EarlierHeadLine is { } line)
        {
            output.WriteLine($"The earlier head is line {line}: nothing up to it was cut off.");
        }

        if (result.UnchainedLines > 0)
        {
            output.WriteLine($"Lines 1 to {result.UnchainedLines} were written before the chain began and are not protected.");
        }

        output.WriteLine($"Head: {result.Head} (keep it elsewhere: lines cut off the end leave a valid chain without it).");
        return Intact;
    }
}
