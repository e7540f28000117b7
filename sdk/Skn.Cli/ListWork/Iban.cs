using System.Numerics;

namespace Skn.Cli.ListWork;

/// <summary>
/// The IBAN check (ISO 13616, mod 97), so that a typo in the account number is caught in the sheet
/// rather than by a bank after the settlement started.
/// </summary>
internal static class Iban
{
    /// <summary>The IBAN without spaces and in capitals, or null when it is not a valid IBAN.</summary>
    public static string? Normalize(string text)
    {
        var iban = string.Concat(text.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        if (iban.Length is < 15 or > 34 || !char.IsAsciiLetter(iban[0]) || !char.IsAsciiLetter(iban[1])
            || !char.IsAsciiDigit(iban[2]) || !char.IsAsciiDigit(iban[3]) || !iban.All(char.IsAsciiLetterOrDigit))
        {
            return null;
        }

        var rearranged = iban[4..] + iban[..4];
        var digits = string.Concat(rearranged.Select(c => char.IsAsciiDigit(c) ? c.ToString() : (c - 'A' + 10).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return BigInteger.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) % 97 == 1 ? iban : null;
    }
}
