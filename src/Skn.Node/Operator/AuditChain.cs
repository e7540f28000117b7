using System.Security.Cryptography;

namespace Skn.Node.Operator;

/// <summary>
/// The hash chain that makes the operator audit log tamper-evident: each entry's <c>prev</c> is the
/// SHA-256 (lowercase hex) of the previous line's exact bytes, without its newline; the first entry
/// of a file has 64 zeros. Changing, removing, inserting or reordering a line breaks the link of the
/// line after it, and recomputing the links after an edit means rewriting every later line.
/// </summary>
internal static class AuditChain
{
    /// <summary>The JSON property holding the link.</summary>
    public const string PrevProperty = "prev";

    /// <summary>The <c>prev</c> of a file's first entry.</summary>
    public static readonly string Start = new('0', 64);

    private const int ChunkSize = 4096;

    /// <summary>The link to a line: SHA-256 of its bytes (without the newline), lowercase hex.</summary>
    public static string Hash(ReadOnlySpan<byte> line) => Convert.ToHexStringLower(SHA256.HashData(line));

    /// <summary>
    /// The <c>prev</c> for the next entry of <paramref name="path"/>: the hash of its last line, or
    /// <see cref="Start"/> for a missing or empty file. <paramref name="terminated"/> is false when the
    /// last line has no newline (a write cut short by a crash): the next entry must start a new line.
    /// Reads only the end of the file, however long the log has grown.
    /// </summary>
    public static string ReadHead(string path, out bool terminated)
    {
        terminated = true;
        if (!File.Exists(path))
        {
            return Start;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var length = stream.Length;
        if (length == 0)
        {
            return Start;
        }

        stream.Position = length - 1;
        terminated = stream.ReadByte() == '\n';
        var end = terminated ? length - 1 : length;

        // Walk back a chunk at a time to the newline before the last line (or the file's start).
        var start = 0L;
        var buffer = new byte[ChunkSize];
        for (var chunkEnd = end; chunkEnd > 0;)
        {
            var chunkStart = Math.Max(0, chunkEnd - ChunkSize);
            var count = (int)(chunkEnd - chunkStart);
            stream.Position = chunkStart;
            stream.ReadExactly(buffer, 0, count);
            var newline = buffer.AsSpan(0, count).LastIndexOf((byte)'\n');
            if (newline >= 0)
            {
                start = chunkStart + newline + 1;
                break;
            }

            chunkEnd = chunkStart;
        }

        var line = new byte[end - start];
        stream.Position = start;
        stream.ReadExactly(line);
        return Hash(line);
    }
}
