namespace Skn.Sdk.Rules;

/// <summary>
/// Tells whether bytes are a PDF file, by its header and end-of-file marker. This is not a parser:
/// it catches the real-world mistakes (a Word or image file labelled as PDF, a truncated upload, an
/// empty or base64-encoded body) without judging the document's inside.
/// </summary>
internal static class PdfSignature
{
    // ISO 32000 lets a PDF reader find the header within the first 1024 bytes (some producers put a
    // preamble before it), and the end-of-file marker within the last 1024 bytes (trailing
    // whitespace or padding after it is common).
    private const int Window = 1024;

    private static ReadOnlySpan<byte> Header => "%PDF-"u8;

    private static ReadOnlySpan<byte> EndOfFile => "%%EOF"u8;

    public static bool IsPdf(ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(bytes.Length, Window + Header.Length)];
        var tail = bytes[Math.Max(0, bytes.Length - Window)..];
        return head.IndexOf(Header) >= 0 && tail.IndexOf(EndOfFile) >= 0;
    }
}
