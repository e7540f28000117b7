namespace Skn.Sdk.Rules;

/// <summary>
/// Gathers every violation the rule families find, so that the sender sees all problems of a
/// bericht in one go instead of fixing them one round trip at a time.
/// </summary>
internal sealed class ViolationCollector
{
    private readonly List<SknFieldViolation> _violations = [];

    /// <summary>Everything found so far, in the order it was found.</summary>
    public IReadOnlyList<SknFieldViolation> Violations => _violations;

    /// <summary>Records that the field at <paramref name="field"/> breaks a rule, and why.</summary>
    public void Add(string field, string description) => _violations.Add(new SknFieldViolation(field, description));

    /// <summary>Records a violation of field <paramref name="name"/> of the message at <paramref name="parent"/>.</summary>
    public void Add(string parent, string name, string description) => Add(FieldPath.Child(parent, name), description);
}
