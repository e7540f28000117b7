using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Skn.Node.Hosting;
using Skn.Shared;

namespace Skn.Node.Operator;

/// <summary>
/// The operator audit log: one JSON line per operator call (who, when, what, outcome) appended to
/// <c>operator-audit.jsonl</c> in the data folder and flushed to disk before the call is answered,
/// so an action the operator saw succeed is always on record. Append-only; the node never rewrites
/// it, and a line is the unit, so a tool like <c>jq</c> reads it as it is. Each line carries
/// <c>prev</c>, the hash of the line before it (<see cref="AuditChain"/>), continued across restarts
/// from the file's last line, so <c>Skn.Node verify-audit</c> finds an edited, removed or moved line.
/// </summary>
internal sealed class OperatorAuditLog : IDisposable
{
    /// <summary>The file name in the data folder.</summary>
    public const string FileName = "operator-audit.jsonl";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    // One writer at a time: lines must never interleave. Operator calls are rare, so a plain lock
    // around open-append-fsync costs nothing worth optimising.
    private readonly SemaphoreSlim _gate = new(1, 1);

    // The prev of the next entry; read from the file at the first append and after a failed one.
    private string? _head;

    // The file's last line had no newline (a crash cut a write short): end it before the next entry.
    private bool _endTornLine;

    public OperatorAuditLog(IOptions<NodeOptions> options)
    {
        FilePath = Path.GetFullPath(Path.Combine(options.Value.DataDirectory, FileName));
    }

    public string FilePath { get; }

    /// <summary>Appends one record, linked to the line before it, and flushes it to disk.</summary>
    public async Task AppendAsync(OperatorAuditRecord record, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_head is null)
            {
                _head = AuditChain.ReadHead(FilePath, out var terminated);
                _endTornLine = !terminated;
            }

            var line = JsonSerializer.SerializeToUtf8Bytes(record with { Prev = _head }, JsonOptions);
            var offset = _endTornLine ? 1 : 0;
            var bytes = new byte[offset + line.Length + 1];
            if (_endTornLine)
            {
                bytes[0] = (byte)'\n';
            }

            line.CopyTo(bytes, offset);
            bytes[^1] = (byte)'\n';

            var created = !File.Exists(FilePath);
            try
            {
                await using (var stream = new FileStream(FilePath, new FileStreamOptions
                {
                    Mode = FileMode.Append,
                    Access = FileAccess.Write,
                    Share = FileShare.Read,
                }))
                {
                    await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                    stream.Flush(flushToDisk: true);
                }

                _head = AuditChain.Hash(line);
                _endTornLine = false;
            }
            catch
            {
                // What reached the file is unknown: the next append reads the chain's end again.
                _head = null;
                throw;
            }

            if (created)
            {
                // A new file's name is only durable once its folder is flushed.
                DirectoryFlush.Flush(Path.GetDirectoryName(FilePath)!);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Reads records newest first: up to <paramref name="pageSize"/> of them from below line
    /// <paramref name="beforeLine"/> (null: from the end). Returns where the next page starts, or
    /// null on the last page. Line numbers never change because the file is only appended to.
    /// </summary>
    /// <remarks>
    /// Streams the file and keeps only the last <paramref name="pageSize"/> lines before the page's
    /// end, so a log of many years costs a page's memory, not the file's.
    /// </remarks>
    public async Task<(IReadOnlyList<OperatorAuditRecord> Records, int? NextBeforeLine)> ReadAsync(
        int pageSize, int? beforeLine, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var window = new Queue<string>(pageSize);
        var read = 0;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (File.Exists(FilePath))
            {
                using var reader = new StreamReader(new FileStream(
                    FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 64 * 1024, useAsync: true));
                while ((beforeLine is null || read < beforeLine) && await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
                {
                    if (window.Count == pageSize)
                    {
                        window.Dequeue();
                    }

                    window.Enqueue(line);
                    read++;
                }
            }
        }
        finally
        {
            _gate.Release();
        }

        var start = read - window.Count;
        var records = new List<OperatorAuditRecord>(window.Count);
        foreach (var line in window.Reverse())
        {
            if (line.Length > 0 && TryParse(line) is { } record)
            {
                records.Add(record);
            }
        }

        return (records, start > 0 ? start : null);
    }

    // A line a crash cut short is left out of the view rather than failing it; verify-audit names it.
    private static OperatorAuditRecord? TryParse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<OperatorAuditRecord>(line, JsonOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Dispose() => _gate.Dispose();
}

/// <summary>One line of the operator audit log.</summary>
/// <param name="Time">When the node answered the call.</param>
/// <param name="OperatorOin">The operator's OIN; empty when the caller was refused as not one.</param>
/// <param name="CallerSubject">The subject of the certificate presented, or empty when none.</param>
/// <param name="Action">The RPC name.</param>
/// <param name="ParticipantOin">The participant the call was about, or empty.</param>
/// <param name="Details">What the call asked, in words; never content.</param>
/// <param name="Outcome">The status code name, "OK" on success.</param>
/// <param name="Message">The refusal's message, or empty.</param>
internal sealed record OperatorAuditRecord(
    DateTimeOffset Time,
    string OperatorOin,
    string CallerSubject,
    string Action,
    string ParticipantOin,
    string Details,
    string Outcome,
    string Message)
{
    /// <summary>SHA-256 (hex) of the previous line of the file; 64 zeros on the first line; null on lines written before the chain.</summary>
    [JsonPropertyName(AuditChain.PrevProperty)]
    [JsonPropertyOrder(-1)]
    public string? Prev { get; init; }
}
