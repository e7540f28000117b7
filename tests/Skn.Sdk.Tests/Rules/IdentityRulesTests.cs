using Skn.V1;
using Kind = Skn.V1.Content.BerichtOneofCase;

namespace Skn.Sdk.Tests.Rules;

public sealed class IdentityRulesTests
{
    internal static readonly RuleCases Cases = new RuleCases()
        .ToPubliek("Publiek: Kennisgeving klant without BSN", Kind.Kennisgeving, c => c.Kennisgeving.Klant.ClearBsn(), "kennisgeving.klant.bsn")
        .ToPubliek("Publiek: Saldoverzoek klant without BSN", Kind.Saldoverzoek, c => c.Saldoverzoek.Klant.ClearBsn(), "saldoverzoek.klant.bsn")
        .ToPubliek("Publiek: Betaalvoorstel klant with empty BSN", Kind.Betaalvoorstel, c => c.Betaalvoorstel.Klant.Bsn = "", "betaalvoorstel.klant.bsn")
        .ToPubliek("Publiek: gewijzigd_voorstel klant without BSN", Kind.Heroverweging, c => c.Heroverweging.GewijzigdVoorstel.Klant.ClearBsn(), "heroverweging.gewijzigd_voorstel.klant.bsn")
        .ToPubliek("Publiek: klant BSN fails the 11-proof", Kind.Saldoverzoek, c => c.Saldoverzoek.Klant.Bsn = "123456789", "saldoverzoek.klant.bsn")
        .ToPubliek("Publiek: klant BSN of 8 digits", Kind.Betaalvoorstel, c => c.Betaalvoorstel.Klant.Bsn = "11122233", "betaalvoorstel.klant.bsn")
        .ToPubliek("Publiek: klant BSN with a space", Kind.Kennisgeving, c => c.Kennisgeving.Klant.Bsn = "111 222 333", "kennisgeving.klant.bsn")
        .ToPubliek("Publiek: partner BSN fails the 11-proof", Kind.Kennisgeving, c => c.Kennisgeving.Partner.Bsn = "123456783", "kennisgeving.partner.bsn")
        .ToOther("Other: klant BSN present", Kind.Saldoverzoek, c => c.Saldoverzoek.Klant.Bsn = ValidBerichten.KlantBsn, "saldoverzoek.klant.bsn")
        .ToOther("Other: partner BSN present", Kind.Kennisgeving, c => c.Kennisgeving.Partner.Bsn = ValidBerichten.PartnerBsn, "kennisgeving.partner.bsn")
        .ToOther("Other: invalid BSN present", Kind.Betaalvoorstel, c => c.Betaalvoorstel.Klant.Bsn = "123456789", "betaalvoorstel.klant.bsn")
        .ToOther("Other: gewijzigd_voorstel klant BSN present", Kind.Heroverweging, c => c.Heroverweging.GewijzigdVoorstel.Klant.Bsn = ValidBerichten.KlantBsn, "heroverweging.gewijzigd_voorstel.klant.bsn");

    public static TheoryData<string> Names => Cases.Names;

    [Theory]
    [MemberData(nameof(Names))]
    public void Check_BsnRuleBroken_ReportsExactlyThatField(string name)
    {
        // Arrange
        var ruleCase = Cases[name];
        var content = ruleCase.BrokenContent();

        // Act
        var violations = RuleAssert.Check(content, ruleCase.Recipient);

        // Assert
        RuleAssert.ReportsExactly(ruleCase, violations);
    }

    [Fact]
    public void Check_PubliekRecipientAndPartnerWithoutBsn_ReturnsNoViolations()
    {
        // Arrange
        var content = ValidBerichten.For(Kind.Saldoverzoek, withBsn: true);
        content.Saldoverzoek.Partner.ClearBsn();

        // Act
        var violations = RuleAssert.Check(content, ValidBerichten.AllAttributes);

        // Assert
        Assert.Empty(violations);
    }

    [Fact]
    public void Check_OtherRecipientAndBsnSetToEmptyString_ReturnsNoViolations()
    {
        // Arrange: mapping code often writes "" for "no BSN"; nothing identifying travels.
        var content = ValidBerichten.For(Kind.Kennisgeving, withBsn: false);
        content.Kennisgeving.Klant.Bsn = "";

        // Act
        var violations = RuleAssert.Check(content, ValidBerichten.NoAttributes);

        // Assert
        Assert.Empty(violations);
    }

    [Fact]
    public void Check_BsnRefused_DescriptionDoesNotContainTheNumber()
    {
        // Arrange: violations end up in exception messages and logs.
        var content = ValidBerichten.For(Kind.Saldoverzoek, withBsn: true);

        // Act
        var violations = RuleAssert.Check(content, ValidBerichten.NoAttributes);

        // Assert
        Assert.Equal(["saldoverzoek.klant.bsn", "saldoverzoek.partner.bsn"], violations.Select(v => v.Field));
        Assert.All(violations, v => Assert.DoesNotContain(ValidBerichten.KlantBsn, v.ToString(), StringComparison.Ordinal));
        Assert.All(violations, v => Assert.DoesNotContain(ValidBerichten.PartnerBsn, v.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Check_PubliekRecipientAndKlantMissing_ReportsOnlyTheKlant()
    {
        // Arrange: the BSN cannot be given without a client, so only the root cause is reported.
        var content = ValidBerichten.For(Kind.Betaalvoorstel, withBsn: true);
        content.Betaalvoorstel.Klant = null;

        // Act
        var violations = RuleAssert.Check(content, ValidBerichten.AllAttributes);

        // Assert
        var violation = Assert.Single(violations);
        Assert.Equal("betaalvoorstel.klant", violation.Field);
    }
}
