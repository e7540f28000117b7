namespace Skn.Domain.Identifiers;

/// <summary>
/// The Burgerservicenummer, the Dutch citizen service number that identifies the client of a
/// debt-settlement dossier.
/// </summary>
public static class Bsn
{
    /// <summary>The number of digits in a BSN.</summary>
    public const int Length = 9;

    // The "elfproef" for BSNs: the last digit counts negatively, unlike the bank-account variant,
    // so that BSNs and old bank-account numbers cannot be mistaken for each other.
    private static readonly int[] Weights = [9, 8, 7, 6, 5, 4, 3, 2, -1];

    /// <summary>
    /// Whether <paramref name="value"/> is exactly nine ASCII digits that pass the BSN eleven test
    /// (weights 9..2 and −1, sum divisible by 11 and not zero). No trimming or separators: a
    /// BSN travelling between systems must already be in its canonical form.
    /// </summary>
    public static bool IsValid(string? value)
    {
        if (value is null || value.Length != Length)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < Length; i++)
        {
            var c = value[i];
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            sum += (c - '0') * Weights[i];
        }

        // A zero sum passes "divisible by 11" trivially (000000000, but also 100000009), and the
        // issuer does not hand out such numbers, so the test demands a real multiple of 11.
        return sum != 0 && sum % 11 == 0;
    }
}
