namespace Skn.Cli.ListWork;

/// <summary>
/// How text cells survive Excel. Excel turns long digit strings into numbers (an OIN becomes
/// 1,23E+19, a klantnummer "0012" becomes 12); writing such an identifier as <c>="0012"</c> keeps it
/// text, and Excel saves the cell back as plain <c>0012</c>. And a cell that starts with <c>=</c>,
/// <c>+</c>, <c>-</c> or <c>@</c> is a formula to Excel: text from another organisation (a name, an
/// explanation) is prefixed with an apostrophe so it can never run as one (CSV injection).
/// </summary>
internal static class SheetText
{
    private const int ExcelDigits = 15;

    /// <summary>Free text from the request: never a formula.</summary>
    public static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        return value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
    }

    /// <summary>An identifier that must stay exactly as it is (OIN, BSN, client and invoice numbers).</summary>
    public static string Identifier(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var digitsOnly = value.All(char.IsAsciiDigit);
        return digitsOnly && (value[0] == '0' || value.Length > ExcelDigits) ? "=\"" + value + "\"" : Text(value);
    }

    /// <summary>The value of a cell read back: trimmed, without the <c>="..."</c> wrapper of <see cref="Identifier"/>.</summary>
    public static string Read(string raw)
    {
        var value = raw.Trim();
        if (value.Length >= 3 && value.StartsWith("=\"", StringComparison.Ordinal) && value.EndsWith('"'))
        {
            return value[2..^1].Trim();
        }

        return value;
    }
}
