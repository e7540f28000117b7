namespace Skn.Domain.Identifiers;

/// <summary>
/// The Organisatie-identificatienummer (Logius), which identifies a participant organisation in
/// Digikoppeling and in the PKIoverheid certificates it connects with.
/// </summary>
public static class Oin
{
    /// <summary>The number of digits in an OIN.</summary>
    public const int Length = 20;

    /// <summary>The prefix Logius reserves for test OINs.</summary>
    public const string TestPrefix = "00000099";

    /// <summary>
    /// Whether <paramref name="value"/> is exactly twenty ASCII digits. An OIN carries no check
    /// digit, so the format is all that can be verified locally.
    /// </summary>
    public static bool IsValid(string? value)
    {
        if (value is null || value.Length != Length)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether <paramref name="value"/> is a valid OIN from the test range (prefix "00000099"),
    /// which must never be accepted in production.
    /// </summary>
    public static bool IsTestOin(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return IsValid(value) && value.StartsWith(TestPrefix, StringComparison.Ordinal);
    }
}
