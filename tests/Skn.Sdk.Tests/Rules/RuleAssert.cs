using Skn.Sdk.Rules;

namespace Skn.Sdk.Tests.Rules;

/// <summary>The assertion every rule case shares: the expected fields are reported, and nothing else.</summary>
internal static class RuleAssert
{
    /// <summary>Checks that <paramref name="violations"/> name exactly the fields <paramref name="ruleCase"/> expects.</summary>
    public static void ReportsExactly(RuleCase ruleCase, IReadOnlyList<SknFieldViolation> violations)
    {
        Assert.Contains(violations, v => v.Field == ruleCase.Fields[0]);
        Assert.Equal(ruleCase.Fields.Order(StringComparer.Ordinal), violations.Select(v => v.Field).Order(StringComparer.Ordinal));
    }

    /// <summary>Checks <paramref name="content"/> with the test date.</summary>
    public static IReadOnlyList<SknFieldViolation> Check(V1.Content content, IReadOnlySet<V1.ParticipantAttribute> recipient) =>
        ContentRules.Check(content, recipient, ValidBerichten.Today);
}
