using System.Text;
using CsvHelper;

namespace Skn.Cli.ListWork;

/// <summary>One data row of an imported sheet, with its number as Excel shows it.</summary>
internal sealed class SheetRow
{
    private readonly IReadOnlyDictionary<string, int> _columns;

    public SheetRow(int number, IReadOnlyList<string> raw, IReadOnlyDictionary<string, int> columns)
    {
        Number = number;
        Raw = raw;
        _columns = columns;
    }

    /// <summary>The row number in Excel (the header is row 1).</summary>
    public int Number { get; }

    /// <summary>The cells exactly as they were in the file, for the errors sheet.</summary>
    public IReadOnlyList<string> Raw { get; }

    /// <summary>The trimmed value of a known column; empty when blank or when the sheet lacks the column.</summary>
    public string this[string column] =>
        _columns.TryGetValue(column, out var index) && index < Raw.Count ? SheetText.Read(Raw[index]) : string.Empty;

    /// <summary>True when every cell is blank (an empty line, or a line of only separators).</summary>
    public bool IsBlank => Raw.All(string.IsNullOrWhiteSpace);
}

/// <summary>An imported sheet: its header as written, its rows, and what is wrong with the file as a whole.</summary>
internal sealed record SheetTable(IReadOnlyList<string> Headers, IReadOnlyList<SheetRow> Rows, IReadOnlyList<SheetProblem> FileProblems);

/// <summary>
/// Reads a sheet with CsvHelper's parser, whatever Excel or a text editor made of it: with or without
/// a byte order mark, CRLF or LF, quoted fields with <c>;</c> and line breaks inside, and in
/// Windows-1252 when Excel saved it as plain "CSV" instead of "CSV UTF-8". Columns are found by their
/// header (trimmed, case-insensitive), so their order does not matter and unknown columns (a person's
/// own notes, the errors sheet's Fout) are ignored.
/// </summary>
internal static class SheetReader
{
    private const int HeaderRow = 1;

    static SheetReader()
    {
        // Windows-1252 is not built into .NET; the provider ships with it.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>Reads <paramref name="input"/>; known columns are matched, required ones must be there.</summary>
    public static SheetTable Read(Stream input, IReadOnlyList<string> knownColumns, IReadOnlyList<string> requiredColumns)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<SheetProblem>();
        var records = Parse(Decode(input), problems);
        if (records.Count == 0 || records[0].All(string.IsNullOrWhiteSpace))
        {
            problems.Add(new SheetProblem(HeaderRow, string.Empty, "Het bestand is leeg: er staat geen kopregel in. Gebruik het bestand van de export."));
            return new SheetTable([], [], problems);
        }

        var headers = records[0];
        var columns = MatchColumns(headers, knownColumns, problems);
        foreach (var required in requiredColumns.Where(r => !columns.ContainsKey(r)))
        {
            var hint = headers.Count == 1 && headers[0].Contains(',', StringComparison.Ordinal)
                ? " Het scheidingsteken moet een puntkomma (;) zijn, geen komma."
                : string.Empty;
            problems.Add(new SheetProblem(HeaderRow, required, $"De kolom '{required}' ontbreekt in de kopregel.{hint}"));
        }

        var rows = records.Skip(1).Select((cells, i) => new SheetRow(i + 2, cells, columns)).ToList();
        if (rows.All(r => r.IsBlank))
        {
            problems.Add(new SheetProblem(HeaderRow, string.Empty, "Het bestand bevat alleen de kopregel: er zijn geen regels om te verwerken."));
        }

        // More cells than headers usually means a ; in text that was not quoted: the cells have shifted.
        foreach (var row in rows.Where(r => r.Raw.Count > headers.Count && r.Raw.Skip(headers.Count).Any(c => !string.IsNullOrWhiteSpace(c))))
        {
            problems.Add(new SheetProblem(row.Number, string.Empty, $"De regel heeft {row.Raw.Count} cellen, de kopregel {headers.Count}: staat er een ; in een tekst zonder aanhalingstekens?"));
        }

        return new SheetTable(headers, rows, problems);
    }

    private static Dictionary<string, int> MatchColumns(IReadOnlyList<string> headers, IReadOnlyList<string> knownColumns, List<SheetProblem> problems)
    {
        var known = knownColumns.ToDictionary(Normalize, c => c, StringComparer.OrdinalIgnoreCase);
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < headers.Count; i++)
        {
            if (!known.TryGetValue(Normalize(headers[i]), out var column))
            {
                continue;
            }

            if (!columns.TryAdd(column, i))
            {
                problems.Add(new SheetProblem(HeaderRow, column, $"De kolom '{column}' staat twee keer in de kopregel."));
            }
        }

        return columns;
    }

    // "  Openstaand   saldo " and "openstaand saldo" are the same column.
    private static string Normalize(string header) =>
        string.Join(' ', header.Trim().TrimStart('\uFEFF').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Decode(Stream input)
    {
        using var buffer = new MemoryStream();
        input.CopyTo(buffer);
        var bytes = buffer.ToArray();
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return new UTF8Encoding(false).GetString(bytes, 3, bytes.Length - 3);
        }

        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8: Dutch Excel's plain "CSV" is Windows-1252 (where € is 0x80).
            return Encoding.GetEncoding(1252).GetString(bytes);
        }
    }

    private static List<IReadOnlyList<string>> Parse(string text, List<SheetProblem> problems)
    {
        var configuration = SheetWriter.Configuration(forWriting: false);
        // Blank lines are kept so that the row numbers stay those Excel shows.
        configuration.IgnoreBlankLines = false;
        var records = new List<IReadOnlyList<string>>();
        configuration.BadDataFound = args => problems.Add(new SheetProblem(records.Count + 1, string.Empty, "Aanhalingstekens kloppen niet: zet een tekst met \" of ; tussen dubbele aanhalingstekens en verdubbel de \" erin."));
        using var reader = new StringReader(text);
        using var parser = new CsvParser(reader, configuration);
        while (parser.Read())
        {
            records.Add(parser.Record ?? []);
        }

        return records;
    }
}
