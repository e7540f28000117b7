using Skn.V1;

namespace Skn.Sdk.Tests.Rules;

/// <summary>
/// A valid bericht with exactly one rule broken, and the field paths the rules must report for it.
/// </summary>
/// <param name="Type">Which valid bericht to start from.</param>
/// <param name="ToPubliek">True: the recipient has every attribute and the bericht carries BSNs; false: no attributes, no BSN.</param>
/// <param name="Break">Breaks the rule on the valid content.</param>
/// <param name="Fields">Every field path expected in the violations, no more and no less.</param>
internal sealed record RuleCase(Content.BerichtOneofCase Type, bool ToPubliek, Action<Content> Break, string[] Fields)
{
    /// <summary>The recipient's attributes.</summary>
    public IReadOnlySet<ParticipantAttribute> Recipient => ToPubliek ? ValidBerichten.AllAttributes : ValidBerichten.NoAttributes;

    /// <summary>A fresh valid content with the rule broken.</summary>
    public Content BrokenContent()
    {
        var content = ValidBerichten.For(Type, withBsn: ToPubliek);
        Break(content);
        return content;
    }
}

/// <summary>
/// Named <see cref="RuleCase"/>s for a theory: xunit gets only the names (serialisable, so every case
/// shows as its own test), the test looks the case up.
/// </summary>
internal sealed class RuleCases
{
    private readonly Dictionary<string, RuleCase> _cases = new(StringComparer.Ordinal);

    /// <summary>The case names, as theory data.</summary>
    public TheoryData<string> Names => new(_cases.Keys);

    /// <summary>Every case.</summary>
    public IEnumerable<RuleCase> All => _cases.Values;

    /// <summary>The case called <paramref name="name"/>.</summary>
    public RuleCase this[string name] => _cases[name];

    /// <summary>A case for a recipient with every attribute, starting from a bericht with BSNs.</summary>
    public RuleCases ToPubliek(string name, Content.BerichtOneofCase type, Action<Content> breakIt, params string[] fields)
    {
        _cases.Add(name, new RuleCase(type, ToPubliek: true, breakIt, fields));
        return this;
    }

    /// <summary>A case for a recipient without attributes, starting from a bericht without BSN.</summary>
    public RuleCases ToOther(string name, Content.BerichtOneofCase type, Action<Content> breakIt, params string[] fields)
    {
        _cases.Add(name, new RuleCase(type, ToPubliek: false, breakIt, fields));
        return this;
    }
}
