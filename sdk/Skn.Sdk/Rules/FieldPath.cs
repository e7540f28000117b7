namespace Skn.Sdk.Rules;

/// <summary>
/// Builds the field paths of <see cref="SknFieldViolation.Field"/>: the contract's snake_case field
/// names, dot-separated, with <c>[i]</c> for list items, starting at the bericht's field of
/// <c>Content</c> (for example <c>saldoverzoek_antwoord.vorderingen[1].openstaand_saldo_cent</c>).
/// </summary>
internal static class FieldPath
{
    /// <summary>The path of field <paramref name="field"/> of the message at <paramref name="parent"/>.</summary>
    public static string Child(string parent, string field) =>
        parent.Length == 0 ? field : $"{parent}.{field}";

    /// <summary>The path of item <paramref name="index"/> of list field <paramref name="field"/>.</summary>
    public static string Item(string parent, string field, int index) =>
        $"{Child(parent, field)}[{index}]";

    /// <summary>The path of the entry with <paramref name="key"/> of map field <paramref name="field"/>.</summary>
    public static string Entry(string parent, string field, object key) =>
        $"{Child(parent, field)}[{key}]";
}
