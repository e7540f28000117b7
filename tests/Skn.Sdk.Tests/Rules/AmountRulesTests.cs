using Kind = Skn.V1.Content.BerichtOneofCase;

namespace Skn.Sdk.Tests.Rules;

public sealed class AmountRulesTests
{
    internal static readonly RuleCases Cases = new RuleCases()
        .ToPubliek("Negative amount on the bericht", Kind.Betaalvoorstel, c => c.Betaalvoorstel.VtlbPerMaandCent = -1, "betaalvoorstel.vtlb_per_maand_cent")
        .ToPubliek("Negative optional amount in a list item", Kind.Saldoverzoek, c => c.Saldoverzoek.Vorderingen[1].BedragVolgensShvCent = -21_000, "saldoverzoek.vorderingen[1].bedrag_volgens_shv_cent")
        .ToOther("Negative amount in a list item", Kind.BetaalvoorstelAntwoordAkkoord, c => c.BetaalvoorstelAntwoordAkkoord.Vorderingen[0].AkkoordBedragCent = -10_206, "betaalvoorstel_antwoord_akkoord.vorderingen[0].akkoord_bedrag_cent")
        .ToOther("Negative optional amount", Kind.Beeindiging, c => c.Beeindiging.UitgekeerdTotaalCent = -1, "beeindiging.uitgekeerd_totaal_cent")
        .ToOther("Negative amount in a oneof", Kind.BetaalvoorstelAntwoordNietAkkoord, c => c.BetaalvoorstelAntwoordNietAkkoord.Tegenvoorstel.BedragCent = -100, "betaalvoorstel_antwoord_niet_akkoord.tegenvoorstel.bedrag_cent")
        .ToOther("Negative amount three levels deep", Kind.SaldoverzoekAntwoordVoorafAkkoord, c => c.SaldoverzoekAntwoordVoorafAkkoord.Saldo.Vorderingen[0].OorspronkelijkeVorderingCent = -48_000, "saldoverzoek_antwoord_vooraf_akkoord.saldo.vorderingen[0].oorspronkelijke_vordering_cent")
        .ToPubliek("Negative amount in the gewijzigd_voorstel", Kind.Heroverweging, c => c.Heroverweging.GewijzigdVoorstel.AfloscapaciteitPerMaandCent = -15_000, "heroverweging.gewijzigd_voorstel.afloscapaciteit_per_maand_cent")
        .ToPubliek("Percentage above 100 %", Kind.Betaalvoorstel, c => c.Betaalvoorstel.TotaalAanbodPercentageBp = 10_001, "betaalvoorstel.totaal_aanbod_percentage_bp")
        .ToOther("Negative percentage in a oneof", Kind.BetaalvoorstelAntwoordNietAkkoord, c => c.BetaalvoorstelAntwoordNietAkkoord.Tegenvoorstel.PercentageBp = -1, "betaalvoorstel_antwoord_niet_akkoord.tegenvoorstel.percentage_bp")
        .ToOther("Optional percentage as a whole number instead of basis points", Kind.SaldoverzoekAntwoordVoorafAkkoord, c => c.SaldoverzoekAntwoordVoorafAkkoord.MinimumPercentageBp = 20_000, "saldoverzoek_antwoord_vooraf_akkoord.minimum_percentage_bp");

    public static TheoryData<string> Names => Cases.Names;

    [Theory]
    [MemberData(nameof(Names))]
    public void Check_AmountRuleBroken_ReportsExactlyThatField(string name)
    {
        // Arrange
        var ruleCase = Cases[name];
        var content = ruleCase.BrokenContent();

        // Act
        var violations = RuleAssert.Check(content, ruleCase.Recipient);

        // Assert
        RuleAssert.ReportsExactly(ruleCase, violations);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_000)]
    public void Check_PercentageAtTheBounds_ReturnsNoViolations(int basisPoints)
    {
        // Arrange
        var content = ValidBerichten.For(Kind.BetaalvoorstelAntwoordNietAkkoord, withBsn: false);
        content.BetaalvoorstelAntwoordNietAkkoord.Tegenvoorstel.PercentageBp = basisPoints;

        // Act
        var violations = RuleAssert.Check(content, ValidBerichten.NoAttributes);

        // Assert
        Assert.Empty(violations);
    }
}
