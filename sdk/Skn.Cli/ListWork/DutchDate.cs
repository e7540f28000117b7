using System.Globalization;

namespace Skn.Cli.ListWork;

/// <summary>
/// Dates as Dutch spreadsheets show them. Written as <c>dd-MM-yyyy</c>; read back also as Excel saves
/// them after a person touched the cell (<c>3-7-2026</c>, <c>03/07/2026</c>) and as ISO
/// (<c>2026-07-03</c>). Two-digit years are refused: <c>01-02-26</c> is not worth guessing.
/// </summary>
internal static class DutchDate
{
    /// <summary>Formats a date as <c>dd-MM-yyyy</c>.</summary>
    public static string Format(DateOnly date) => date.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);

    /// <summary>Formats a date, or empty when there is none.</summary>
    public static string Format(DateOnly? date) => date is { } value ? Format(value) : string.Empty;

    /// <summary>Parses a day-month-year date (or ISO year-month-day).</summary>
    /// <returns>Null when valid, otherwise why not.</returns>
    public static string? TryParse(string text, out DateOnly date)
    {
        date = default;
        var value = text.Trim();
        var parts = value.Split('-', '/', '.');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0 || !p.All(char.IsAsciiDigit)))
        {
            return $"'{value}' is geen datum: schrijf dag-maand-jaar, bijvoorbeeld 31-12-2026.";
        }

        var iso = parts[0].Length == 4;
        var (dayText, monthText, yearText) = iso ? (parts[2], parts[1], parts[0]) : (parts[0], parts[1], parts[2]);
        if (yearText.Length != 4 || dayText.Length > 2 || monthText.Length > 2)
        {
            return $"'{value}' is geen datum: schrijf dag-maand-jaar met een jaar van 4 cijfers, bijvoorbeeld 31-12-2026.";
        }

        var day = int.Parse(dayText, NumberStyles.None, CultureInfo.InvariantCulture);
        var month = int.Parse(monthText, NumberStyles.None, CultureInfo.InvariantCulture);
        var year = int.Parse(yearText, NumberStyles.None, CultureInfo.InvariantCulture);
        if (year < 1900 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return $"'{value}' bestaat niet als datum.";
        }

        date = new DateOnly(year, month, day);
        return null;
    }
}
