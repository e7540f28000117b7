using Skn.V1;
using Kind = Skn.V1.Content.BerichtOneofCase;

namespace Skn.Sdk.Tests.Rules;

public sealed class ProposalRulesTests
{
    internal static readonly RuleCases Cases = new RuleCases()
        .ToPubliek("Type of settlement unspecified", Kind.Betaalvoorstel, c => c.Betaalvoorstel.TypeSchuldregeling = TypeSchuldregeling.Unspecified, "betaalvoorstel.type_schuldregeling")
        .ToPubliek("Saneringskrediet without lender", Kind.Betaalvoorstel, c => c.Betaalvoorstel.TypeSchuldregeling = TypeSchuldregeling.Saneringskrediet, "betaalvoorstel.kredietverstrekker")
        .ToPubliek("Zonder afloscapaciteit with repayment capacity", Kind.Betaalvoorstel, c => c.Betaalvoorstel.TypeSchuldregeling = TypeSchuldregeling.ZonderAfloscapaciteit, "betaalvoorstel.afloscapaciteit_per_maand_cent")
        .ToPubliek("Looptijd 0", Kind.Betaalvoorstel, c => c.Betaalvoorstel.LooptijdMaanden = 0, "betaalvoorstel.looptijd_maanden")
        .ToPubliek("Looptijd 61", Kind.Betaalvoorstel, c => c.Betaalvoorstel.LooptijdMaanden = 61, "betaalvoorstel.looptijd_maanden")
        .ToPubliek("No creditors counted", Kind.Betaalvoorstel, c => c.Betaalvoorstel.AantalSchuldeisers = 0, "betaalvoorstel.aantal_schuldeisers")
        .ToPubliek("Total debt below this creditor's claims", Kind.Betaalvoorstel, c => c.Betaalvoorstel.TotaleSchuldenlastCent = 81_634, "betaalvoorstel.totale_schuldenlast_cent")
        .ToPubliek("gewijzigd_voorstel: saneringskrediet without lender", Kind.Heroverweging, c => c.Heroverweging.GewijzigdVoorstel.Kredietverstrekker = null, "heroverweging.gewijzigd_voorstel.kredietverstrekker")
        .ToPubliek("gewijzigd_voorstel: looptijd 72", Kind.Heroverweging, c => c.Heroverweging.GewijzigdVoorstel.LooptijdMaanden = 72, "heroverweging.gewijzigd_voorstel.looptijd_maanden")
        .ToPubliek("gewijzigd_voorstel: total debt below the claims", Kind.Heroverweging, c => c.Heroverweging.GewijzigdVoorstel.TotaleSchuldenlastCent = 50_000, "heroverweging.gewijzigd_voorstel.totale_schuldenlast_cent");

    public static TheoryData<string> Names => Cases.Names;

    [Theory]
    [MemberData(nameof(Names))]
    public void Check_ProposalRuleBroken_ReportsExactlyThatField(string name)
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
    public void Check_ZonderAfloscapaciteitWithZeroCapacity_ReturnsNoViolations()
    {
        // Arrange: a 0 % settlement, more common since the VTLB became the norm in 2024.
        var content = ValidBerichten.For(Kind.Betaalvoorstel, withBsn: true);
        var voorstel = content.Betaalvoorstel;
        voorstel.TypeSchuldregeling = TypeSchuldregeling.ZonderAfloscapaciteit;
        voorstel.AfloscapaciteitPerMaandCent = 0;
        voorstel.TotaalAanbodPercentageBp = 0;
        foreach (var vordering in voorstel.Vorderingen)
        {
            vordering.PrognoseEindbedragCent = 0;
            vordering.AfkooppercentageBp = 0;
        }

        // Act
        var violations = RuleAssert.Check(content, ValidBerichten.AllAttributes);

        // Assert
        Assert.Empty(violations);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(36)]
    [InlineData(60)]
    public void Check_LooptijdWithinOneToSixtyMonths_ReturnsNoViolations(int months)
    {
        // Arrange: 36 months was the norm before July 2023 and still runs in old dossiers.
        var content = ValidBerichten.For(Kind.Betaalvoorstel, withBsn: true);
        content.Betaalvoorstel.LooptijdMaanden = months;

        // Act
        var violations = RuleAssert.Check(content, ValidBerichten.AllAttributes);

        // Assert
        Assert.Empty(violations);
    }

    [Fact]
    public void Check_GewijzigdVoorstelWithOnlyTheChangedOffer_ReturnsNoViolations()
    {
        // Arrange: the SHV raises the offer and repeats nothing else.
        var content = ValidBerichten.For(Kind.Heroverweging, withBsn: true);
        var offer = content.Heroverweging.GewijzigdVoorstel.Vorderingen;
        content.Heroverweging.GewijzigdVoorstel = new Betaalvoorstel { Vorderingen = { offer }, TotaalAanbodPercentageBp = 2_500 };

        // Act
        var violations = RuleAssert.Check(content, ValidBerichten.AllAttributes);

        // Assert
        Assert.Empty(violations);
    }
}
