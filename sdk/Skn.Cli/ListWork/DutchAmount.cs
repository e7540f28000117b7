using System.Globalization;
using System.Text;

namespace Skn.Cli.ListWork;

/// <summary>
/// Euro amounts as Dutch spreadsheets show them: a decimal comma, optional thousands dots
/// (<c>1.234,56</c>), an optional euro sign. Written and parsed by hand instead of through a "nl-NL"
/// culture, because servers without ICU have no such culture (and invariant globalization mode would
/// silently fall back to a dot as decimal separator).
/// </summary>
internal static class DutchAmount
{
    // The longest digit run that always fits a long of cents (9_223_372_036_854_775_807 has 19 digits).
    private const int MaxDigits = 17;

    /// <summary>Formats euro cents as <c>1.234,56</c> (a minus sign for negative amounts).</summary>
    public static string Format(long cents)
    {
        var negative = cents < 0;
        var magnitude = negative ? -(decimal)cents : cents;
        var euros = decimal.Truncate(magnitude / 100m);
        var rest = (int)(magnitude - (euros * 100m));
        var digits = euros.ToString(CultureInfo.InvariantCulture);
        var grouped = new StringBuilder();
        for (var i = 0; i < digits.Length; i++)
        {
            if (i > 0 && (digits.Length - i) % 3 == 0)
            {
                grouped.Append('.');
            }

            grouped.Append(digits[i]);
        }

        return (negative ? "-" : string.Empty) + grouped + "," + rest.ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Parses a non-negative euro amount into cents. Accepts <c>1234</c>, <c>1234,5</c>,
    /// <c>1.234,56</c>, <c>1 234,56</c> and <c>€ 12,00</c>. A dot is only ever a thousands separator;
    /// <c>12.5</c> is refused rather than guessed, because <c>1.250</c> means twelve hundred and fifty
    /// euros in Dutch.
    /// </summary>
    /// <returns>Null when valid, otherwise why not (Dutch, for the person fixing the sheet).</returns>
    public static string? TryParse(string text, out long cents)
    {
        cents = 0;
        var value = Normalize(text);
        if (value.StartsWith("€", StringComparison.Ordinal))
        {
            value = value[1..].TrimStart();
        }

        if (value.Length == 0)
        {
            return "is geen bedrag.";
        }

        if (value.StartsWith('-') || value.EndsWith('-') || (value.StartsWith('(') && value.EndsWith(')')))
        {
            return $"'{text.Trim()}' is negatief: een bedrag is 0 of meer.";
        }

        var comma = value.IndexOf(',', StringComparison.Ordinal);
        if (comma != value.LastIndexOf(','))
        {
            return $"'{text.Trim()}' heeft meer dan één komma: schrijf een bedrag als 1234,56 of 1.234,56.";
        }

        var whole = comma < 0 ? value : value[..comma];
        var fraction = comma < 0 ? string.Empty : value[(comma + 1)..];
        if (!fraction.All(char.IsAsciiDigit) || (comma >= 0 && fraction.Length == 0))
        {
            return $"'{text.Trim()}' is geen bedrag: schrijf het als 1234,56 of 1.234,56.";
        }

        if (fraction.Length > 2)
        {
            return $"'{text.Trim()}' heeft meer dan 2 decimalen: een bedrag is in hele centen.";
        }

        if (!TryWhole(whole, out var euroDigits))
        {
            return whole.Contains('.', StringComparison.Ordinal) && whole.All(c => char.IsAsciiDigit(c) || c == '.')
                ? $"'{text.Trim()}' is onduidelijk: gebruik een komma voor de centen (1234,56) en een punt alleen tussen duizendtallen (1.234,56)."
                : $"'{text.Trim()}' is geen bedrag: schrijf het als 1234,56 of 1.234,56.";
        }

        euroDigits = euroDigits.TrimStart('0');
        if (euroDigits.Length > MaxDigits)
        {
            return $"'{text.Trim()}' is te groot.";
        }

        var euros = euroDigits.Length == 0 ? 0 : long.Parse(euroDigits, NumberStyles.None, CultureInfo.InvariantCulture);
        var centPart = fraction.Length == 0 ? 0 : int.Parse(fraction.PadRight(2, '0'), NumberStyles.None, CultureInfo.InvariantCulture);
        cents = (euros * 100) + centPart;
        return null;
    }

    /// <summary>
    /// Parses a percentage such as <c>18</c>, <c>18,5</c> or <c>18,25 %</c> into basis points (0 to
    /// 10000), with the same decimal comma as amounts.
    /// </summary>
    /// <returns>Null when valid, otherwise why not.</returns>
    public static string? TryParsePercentage(string text, out int basisPoints)
    {
        basisPoints = 0;
        var value = Normalize(text).TrimEnd('%').TrimEnd();
        if (TryParse(value, out var hundredths) is { } error)
        {
            return error.Replace("bedrag", "percentage", StringComparison.Ordinal).Replace("in hele centen", "in honderdsten", StringComparison.Ordinal);
        }

        if (hundredths > 10_000)
        {
            return $"'{text.Trim()}' is meer dan 100 %.";
        }

        basisPoints = (int)hundredths;
        return null;
    }

    /// <summary>Formats basis points as a percentage with a decimal comma, for example <c>18,00</c>.</summary>
    public static string FormatPercentage(int basisPoints) =>
        (basisPoints / 100).ToString(CultureInfo.InvariantCulture) + "," + (Math.Abs(basisPoints) % 100).ToString("00", CultureInfo.InvariantCulture);

    // Spaces of every kind Excel and LibreOffice use as a thousands separator are dropped.
    private static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Trim())
        {
            if (!char.IsWhiteSpace(c) && c != '\u202F')
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    // Whole euros: plain digits, or digits grouped by dots in threes (1.234.567).
    private static bool TryWhole(string whole, out string digits)
    {
        digits = whole.Replace(".", string.Empty, StringComparison.Ordinal);
        if (whole.Length == 0 || !digits.All(char.IsAsciiDigit) || digits.Length == 0)
        {
            return false;
        }

        if (!whole.Contains('.', StringComparison.Ordinal))
        {
            return true;
        }

        var groups = whole.Split('.');
        return groups[0].Length is >= 1 and <= 3 && groups.Skip(1).All(g => g.Length == 3);
    }
}
