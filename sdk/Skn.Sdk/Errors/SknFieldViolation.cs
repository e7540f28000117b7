namespace Skn.Sdk;

/// <summary>One problem with one field: <c>Field</c> is its path (for example <c>saldoverzoek.klant.bsn</c>).</summary>
/// <param name="Field">The path of the field, in the contract's snake_case names, dot-separated, with <c>[i]</c> for list items.</param>
/// <param name="Description">Why the value is refused, in a sentence a person can act on.</param>
public sealed record SknFieldViolation(string Field, string Description)
{
    /// <inheritdoc />
    public override string ToString() => $"{Field}: {Description}";
}
