using System.Buffers;
using System.Text.Json;

namespace Skn.Node.Operator;

/// <summary>
/// Checks an operator audit log's hash chain (<see cref="AuditChain"/>) line by line and reports the
/// first line that does not follow the one before it. Lines before the first entry with a
/// <c>prev</c> were written before the node chained its log: they are counted, not checked (the
/// first chained entry's <c>prev</c> still covers the last of them). A chain proves order and
/// content, not completeness at the end: lines cut off the end leave a shorter, valid chain, which
/// is why the result names the head (the last line's hash) for the operator to keep elsewhere, and
/// a head kept from an earlier check can be looked for in the file.
/// </summary>
internal static class OperatorAuditVerifier
{
    private const int ChunkSize = 64 * 1024;

    /// <summary>
    /// Verifies the file at <paramref name="path"/>; with <paramref name="earlierHead"/> (a head an
    /// earlier check reported) also finds the line it is the hash of.
    /// </summary>
    /// <exception cref="IOException">The file cannot be read (<see cref="FileNotFoundException"/> when missing).</exception>
    public static AuditVerification Verify(string path, string? earlierHead = null)
    {
        var expected = AuditChain.Start;
        var number = 0;
        var chainStart = 0;
        int? earlierHeadLine = null;
        foreach (var (line, terminated) in ReadLines(path))
        {
            number++;
            if (Check(line.Span, terminated, number, expected, ref chainStart) is { } problem)
            {
                return new AuditVerification(number - 1, chainStart == 0 ? number - 1 : chainStart - 1, number, problem, expected, earlierHeadLine);
            }

            expected = AuditChain.Hash(line.Span);
            if (earlierHeadLine is null && string.Equals(expected, earlierHead, StringComparison.OrdinalIgnoreCase))
            {
                earlierHeadLine = number;
            }
        }

        return new AuditVerification(number, chainStart == 0 ? number : chainStart - 1, null, "", expected, earlierHeadLine);
    }

    /// <summary>What is wrong with line <paramref name="number"/>, or null when it follows the line before.</summary>
    private static string? Check(ReadOnlySpan<byte> line, bool terminated, int number, string expected, ref int chainStart)
    {
        if (!terminated)
        {
            return "it does not end with a newline: a write cut short by a crash, or an edit.";
        }

        string? prev;
        try
        {
            var reader = new Utf8JsonReader(line);
            using var entry = JsonDocument.ParseValue(ref reader);
            if (entry.RootElement.ValueKind != JsonValueKind.Object)
            {
                return "it is not a JSON object.";
            }

            if (!entry.RootElement.TryGetProperty(AuditChain.PrevProperty, out var link))
            {
                prev = null;
            }
            else if (link.ValueKind == JsonValueKind.String)
            {
                prev = link.GetString();
            }
            else
            {
                return $"its {AuditChain.PrevProperty} is not a hash.";
            }
        }
        catch (JsonException)
        {
            return "it is not a JSON entry: a write cut short by a crash, or an edit.";
        }

        if (prev is null)
        {
            return chainStart == 0
                ? null
                : $"it has no {AuditChain.PrevProperty}, though every line from line {chainStart} has one: it was inserted, or its {AuditChain.PrevProperty} removed.";
        }

        if (chainStart == 0)
        {
            chainStart = number;
        }

        if (string.Equals(prev, expected, StringComparison.Ordinal))
        {
            return null;
        }

        return number == 1
            ? $"its {AuditChain.PrevProperty} should be 64 zeros as the file's first entry: lines were removed from the start, or the line was changed."
            : $"its {AuditChain.PrevProperty} is not the hash of line {number - 1}: line {number - 1} was changed, or lines were removed, inserted or moved just before line {number}.";
    }

    /// <summary>The file's lines as bytes without their newline, streamed, and whether each had one.</summary>
    private static IEnumerable<(ReadOnlyMemory<byte> Line, bool Terminated)> ReadLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, ChunkSize);
        var buffer = new byte[ChunkSize];
        var line = new ArrayBufferWriter<byte>();
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            var rest = buffer.AsMemory(0, read);
            for (var newline = rest.Span.IndexOf((byte)'\n'); newline >= 0; newline = rest.Span.IndexOf((byte)'\n'))
            {
                line.Write(rest.Span[..newline]);
                yield return (line.WrittenMemory, true);
                line.ResetWrittenCount();
                rest = rest[(newline + 1)..];
            }

            line.Write(rest.Span);
        }

        if (line.WrittenCount > 0)
        {
            yield return (line.WrittenMemory, false);
        }
    }
}

/// <summary>The outcome of <see cref="OperatorAuditVerifier.Verify"/>.</summary>
/// <param name="VerifiedLines">Lines that were read and found in order (before the broken one, if any).</param>
/// <param name="UnchainedLines">Of those, the lines at the start that precede the chain (no <c>prev</c>), so are not protected.</param>
/// <param name="BrokenLine">The first line (1-based) that does not follow the line before it; null when the chain is intact.</param>
/// <param name="Problem">Why that line breaks the chain, in words; empty when intact.</param>
/// <param name="Head">The hash of the last line that was in order: the next entry's <c>prev</c> when intact.</param>
/// <param name="EarlierHeadLine">The line whose hash is the earlier head asked for, among the lines in order; null when none is.</param>
internal sealed record AuditVerification(int VerifiedLines, int UnchainedLines, int? BrokenLine, string Problem, string Head, int? EarlierHeadLine = null)
{
    /// <summary>Whether every line follows the one before it.</summary>
    public bool Intact => BrokenLine is null;

    /// <summary>Whether any line carries the chain: a file with none proves nothing, whether old or stripped.</summary>
    public bool Chained => VerifiedLines > UnchainedLines;
}
