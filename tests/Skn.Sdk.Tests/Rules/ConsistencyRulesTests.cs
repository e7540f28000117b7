using Kind = Skn.V1.Content.BerichtOneofCase;

namespace Skn.Sdk.Tests.Rules;

public sealed class ConsistencyRulesTests
{
    internal static readonly RuleCases Cases = new RuleCases()
        .ToOther("Vordering parts do not add up", Kind.SaldoverzoekAntwoord, c => c.SaldoverzoekAntwoord.Vorderingen[1].RenteCent += 100, "saldoverzoek_antwoord.vorderingen[1].openstaand_saldo_cent")
        .ToOther("Vordering parts do not add up in vooraf akkoord", Kind.SaldoverzoekAntwoordVoorafAkkoord, c => c.SaldoverzoekAntwoordVoorafAkkoord.Saldo.Vorderingen[0].KostenCent -= 1, "saldoverzoek_antwoord_vooraf_akkoord.saldo.vorderingen[0].openstaand_saldo_cent")
        .ToOther("Total is not the sum of the claims", Kind.SaldoverzoekAntwoord, c => c.SaldoverzoekAntwoord.TotaalOpenstaandCent += 1, "saldoverzoek_antwoord.totaal_openstaand_cent")
        .ToOther("Total leaves out totaalvordering_cent", Kind.SaldoverzoekAntwoord, c => c.SaldoverzoekAntwoord.TotaalvorderingCent = 5_000, "saldoverzoek_antwoord.totaal_openstaand_cent")
        .ToOther("Total is not the sum in vooraf akkoord", Kind.SaldoverzoekAntwoordVoorafAkkoord, c => c.SaldoverzoekAntwoordVoorafAkkoord.Saldo.TotaalOpenstaandCent = 0, "saldoverzoek_antwoord_vooraf_akkoord.saldo.totaal_openstaand_cent")
        .ToOther("Total without claims or totaalvordering_cent", Kind.SaldoverzoekAntwoord, c => c.SaldoverzoekAntwoord.Vorderingen.Clear(), "saldoverzoek_antwoord.totaalvordering_cent")
        .ToPubliek("Prognose above the claim", Kind.Betaalvoorstel, c => c.Betaalvoorstel.Vorderingen[0].PrognoseEindbedragCent = 47_251, "betaalvoorstel.vorderingen[0].prognose_eindbedrag_cent", "betaalvoorstel.vorderingen[0].afkooppercentage_bp")
        .ToPubliek("Percentage 2 bp off the amounts", Kind.Betaalvoorstel, c => c.Betaalvoorstel.Vorderingen[0].AfkooppercentageBp = 2_158, "betaalvoorstel.vorderingen[0].afkooppercentage_bp")
        .ToPubliek("Percentage of another claim in the gewijzigd_voorstel", Kind.Heroverweging, c => c.Heroverweging.GewijzigdVoorstel.Vorderingen[1].AfkooppercentageBp = 2_160, "heroverweging.gewijzigd_voorstel.vorderingen[1].afkooppercentage_bp")
        .ToOther("Percentage off in RegelingGeaccordeerd", Kind.RegelingGeaccordeerd, c => c.RegelingGeaccordeerd.Vorderingen[1].AfkooppercentageBp = 216, "regeling_geaccordeerd.vorderingen[1].afkooppercentage_bp")
        .ToOther("Prognose above the claim in RegelingGeaccordeerd", Kind.RegelingGeaccordeerd, c => c.RegelingGeaccordeerd.Vorderingen[1].PrognoseEindbedragCent = 34_390, "regeling_geaccordeerd.vorderingen[1].prognose_eindbedrag_cent", "regeling_geaccordeerd.vorderingen[1].afkooppercentage_bp");

    public static TheoryData<string> Names => Cases.Names;

    [Theory]
    [MemberData(nameof(Names))]
    public void Check_SumRuleBroken_ReportsExactlyThatField(string name)
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
    public void Check_VorderingWithOnlyABalance_ReturnsNoViolations()
    {
        // Arrange: a creditor that does not split its balance into principal, interest and costs.
        var content = ValidBerichten.For(Kind.SaldoverzoekAntwoord, withBsn: false);
        var vordering = content.SaldoverzoekAntwoord.Vorderingen[1];
        vordering.HoofdsomCent = vordering.RenteCent = vordering.KostenCent = vordering.GerechtelijkeKostenCent = 0;

        // Act
        var violations = RuleAssert.Check(content, ValidBerichten.NoAttributes);

        // Assert
        Assert.Empty(violations);
    }

    [Fact]
    public void Check_AnswerWithNothingOutstanding_ReturnsNoViolations()
    {
        // Arrange: "the client owes us nothing" is a real answer to a Saldoverzoek.
        var content = ValidBerichten.For(Kind.SaldoverzoekAntwoord, withBsn: false);
        content.SaldoverzoekAntwoord.Vorderingen.Clear();
        content.SaldoverzoekAntwoord.TotaalOpenstaandCent = 0;

        // Act
        var violations = RuleAssert.Check(content, ValidBerichten.NoAttributes);

        // Assert
        Assert.Empty(violations);
    }

    [Fact]
    public void Check_AnswerWithOnlyTotaalvordering_ReturnsNoViolations()
    {
        // Arrange: the creditor could not match the SHV's references and gives a single total.
        var content = ValidBerichten.For(Kind.SaldoverzoekAntwoord, withBsn: false);
        content.SaldoverzoekAntwoord.Vorderingen.Clear();
        content.SaldoverzoekAntwoord.TotaalvorderingCent = 81_635;

        // Act
        var violations = RuleAssert.Check(content, ValidBerichten.NoAttributes);

        // Assert
        Assert.Empty(violations);
    }

    [Fact]
    public void Check_AnswerWithClaimsAndTotaalvordering_ReturnsNoViolations()
    {
        // Arrange: matched claims plus a total for the rest.
        var content = ValidBerichten.For(Kind.SaldoverzoekAntwoord, withBsn: false);
        content.SaldoverzoekAntwoord.TotaalvorderingCent = 5_000;
        content.SaldoverzoekAntwoord.TotaalOpenstaandCent = 86_635;

        // Act
        var violations = RuleAssert.Check(content, ValidBerichten.NoAttributes);

        // Assert
        Assert.Empty(violations);
    }

    [Theory]
    [InlineData(2_159)]
    [InlineData(2_161)]
    public void Check_PercentageOneBasisPointOff_ReturnsNoViolations(int basisPoints)
    {
        // Arrange: 10206 / 47250 is exactly 21.60 %; rounding either way is allowed.
        var content = ValidBerichten.For(Kind.Betaalvoorstel, withBsn: true);
        content.Betaalvoorstel.Vorderingen[0].AfkooppercentageBp = basisPoints;

        // Act
        var violations = RuleAssert.Check(content, ValidBerichten.AllAttributes);

        // Assert
        Assert.Empty(violations);
    }

    [Fact]
    public void Check_ClaimOfZeroWithNothingOffered_ReturnsNoViolations()
    {
        // Arrange: a claim that was paid off in the meantime; no percentage can be derived.
        var content = ValidBerichten.For(Kind.RegelingGeaccordeerd, withBsn: false);
        var vordering = content.RegelingGeaccordeerd.Vorderingen[1];
        vordering.ActueelVorderingsbedragCent = vordering.PrognoseEindbedragCent = vordering.AfkooppercentageBp = 0;

        // Act
        var violations = RuleAssert.Check(content, ValidBerichten.NoAttributes);

        // Assert
        Assert.Empty(violations);
    }
}
