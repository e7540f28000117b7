namespace Skn.Sdk;

/// <summary>
/// A bericht breaks the content rules (DOMAIN-REFERENCE §2.3): a missing or invalid BSN for a Publiek
/// recipient, missing meter readings for a Nuts recipient, a missing VTLB PDF, inconsistent amounts,
/// impossible dates. Thrown before anything is sealed or sent (and by the receiving side after
/// opening), with every violation at once.
/// </summary>
public sealed class SknContentRuleException : SknException
{
    /// <summary>Creates the exception with every violation found.</summary>
    public SknContentRuleException(string messageTypeName, IReadOnlyList<SknFieldViolation> violations)
        : base($"{messageTypeName} breaks {violations.Count} content rule(s): {string.Join("; ", violations)}")
    {
        Violations = violations;
    }

    /// <summary>Every violation, one per field and problem.</summary>
    public IReadOnlyList<SknFieldViolation> Violations { get; }
}
