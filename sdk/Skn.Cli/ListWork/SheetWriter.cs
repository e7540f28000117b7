using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Skn.Cli.ListWork;

/// <summary>
/// Writes a sheet the way Dutch Excel opens it with a double click: UTF-8 with a byte order mark
/// (without it Excel reads ë as Ã«), <c>;</c> as separator (the Dutch list separator, since the comma
/// is the decimal sign) and CRLF line ends. Quoting is CsvHelper's: only where a value needs it.
/// </summary>
internal static class SheetWriter
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// The CsvHelper settings of every sheet. Reading leaves the line end unset, so that CsvHelper
    /// accepts CRLF, LF and CR alike; writing always uses CRLF.
    /// </summary>
    public static CsvConfiguration Configuration(bool forWriting)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = ";",
            HasHeaderRecord = false,
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        };
        return forWriting ? configuration with { NewLine = "\r\n" } : configuration;
    }

    /// <summary>Writes the header and the rows; every row has as many cells as the header.</summary>
    public static void Write(Stream output, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(Bom);
        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 4096, leaveOpen: true);
        using var csv = new CsvWriter(writer, Configuration(forWriting: true));
        WriteRecord(csv, headers);
        foreach (var row in rows)
        {
            WriteRecord(csv, row);
        }
    }

    private static void WriteRecord(CsvWriter csv, IReadOnlyList<string> cells)
    {
        foreach (var cell in cells)
        {
            csv.WriteField(cell);
        }

        csv.NextRecord();
    }
}
