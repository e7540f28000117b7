using Skn.V1;
using Kind = Skn.V1.Content.BerichtOneofCase;

namespace Skn.Sdk.Tests.Rules;

public sealed class DateRulesTests
{
    private static readonly Date Tomorrow = ValidBerichten.Today.AddDays(1).ToContractDate();

    internal static readonly RuleCases Cases = new RuleCases()
        .ToPubliek("30 February", Kind.Kennisgeving, c => c.Kennisgeving.DatumAanvraagSchuldhulp = ValidBerichten.Date(2026, 2, 30), "kennisgeving.datum_aanvraag_schuldhulp")
        .ToPubliek("29 February in a common year", Kind.Saldoverzoek, c => c.Saldoverzoek.Klant.Geboortedatum = ValidBerichten.Date(1983, 2, 29), "saldoverzoek.klant.geboortedatum")
        .ToPubliek("Birth date before 1900", Kind.Betaalvoorstel, c => c.Betaalvoorstel.Klant.Geboortedatum = ValidBerichten.Date(1899, 12, 31), "betaalvoorstel.klant.geboortedatum")
        .ToPubliek("Month 13", Kind.Saldoverzoek, c => c.Saldoverzoek.Peildatum = ValidBerichten.Date(2026, 13, 1), "saldoverzoek.peildatum")
        .ToPubliek("Year typed with five digits", Kind.Betaalvoorstel, c => c.Betaalvoorstel.StartdatumLooptijd = ValidBerichten.Date(20270, 1, 1), "betaalvoorstel.startdatum_looptijd")
        .ToOther("Date left at its zero value", Kind.Beeindiging, c => c.Beeindiging.DatumBeeindiging = new Date(), "beeindiging.datum_beeindiging")
        .ToOther("Planned date in year 2201", Kind.KennisgevingAntwoord, c => c.KennisgevingAntwoord.IncassoOpgeschortTot = ValidBerichten.Date(2201, 1, 1), "kennisgeving_antwoord.incasso_opgeschort_tot")
        .ToPubliek("Birth date tomorrow", Kind.Kennisgeving, c => c.Kennisgeving.Klant.Geboortedatum = Tomorrow, "kennisgeving.klant.geboortedatum")
        .ToPubliek("Partner birth date tomorrow", Kind.Saldoverzoek, c => c.Saldoverzoek.Partner.Geboortedatum = Tomorrow, "saldoverzoek.partner.geboortedatum")
        .ToPubliek("Application for debt help tomorrow", Kind.Kennisgeving, c => c.Kennisgeving.DatumAanvraagSchuldhulp = Tomorrow, "kennisgeving.datum_aanvraag_schuldhulp")
        .ToOther("Claim arising next year", Kind.SaldoverzoekAntwoord, c => c.SaldoverzoekAntwoord.Vorderingen[0].Ontstaansdatum = ValidBerichten.Date(2027, 1, 1), "saldoverzoek_antwoord.vorderingen[0].ontstaansdatum")
        .ToOther("Consent tomorrow", Kind.BetaalvoorstelAntwoordAkkoord, c => c.BetaalvoorstelAntwoordAkkoord.DatumAkkoord = Tomorrow, "betaalvoorstel_antwoord_akkoord.datum_akkoord")
        .ToOther("Settlement agreed tomorrow", Kind.RegelingGeaccordeerd, c => c.RegelingGeaccordeerd.DatumAkkoord = Tomorrow, "regeling_geaccordeerd.datum_akkoord")
        .ToOther("Court decision tomorrow", Kind.RegelingGeaccordeerd, c => { c.RegelingGeaccordeerd.ViaDwangakkoord = true; c.RegelingGeaccordeerd.UitspraakdatumRechtbank = Tomorrow; }, "regeling_geaccordeerd.uitspraakdatum_rechtbank")
        .ToOther("Settlement ends before it starts", Kind.RegelingGeaccordeerd, c => c.RegelingGeaccordeerd.VerwachteEinddatum = ValidBerichten.Date(2026, 12, 31), "regeling_geaccordeerd.verwachte_einddatum");

    public static TheoryData<string> Names => Cases.Names;

    [Theory]
    [MemberData(nameof(Names))]
    public void Check_DateRuleBroken_ReportsExactlyThatField(string name)
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
    public void Check_PlannedDatesInTheFuture_ReturnsNoViolations()
    {
        // Arrange: start, expected end, payout and reference dates are plans, not facts.
        var content = ValidBerichten.For(Kind.Heroverweging, withBsn: true);
        var voorstel = content.Heroverweging.GewijzigdVoorstel;
        voorstel.StartdatumLooptijd = ValidBerichten.Date(2030, 1, 1);
        voorstel.UitbetaaldatumVerwacht = ValidBerichten.Date(2030, 1, 15);

        // Act
        var violations = RuleAssert.Check(content, ValidBerichten.AllAttributes);

        // Assert
        Assert.Empty(violations);
    }

    [Fact]
    public void Check_PeildatumAndSuspensionInTheFuture_ReturnsNoViolations()
    {
        // Arrange
        var content = ValidBerichten.For(Kind.SaldoverzoekAntwoord, withBsn: false);
        content.SaldoverzoekAntwoord.Peildatum = ValidBerichten.Date(2027, 1, 1);
        content.SaldoverzoekAntwoord.IncassoOpgeschortTot = ValidBerichten.Date(2027, 7, 1);

        // Act
        var violations = RuleAssert.Check(content, ValidBerichten.NoAttributes);

        // Assert
        Assert.Empty(violations);
    }

    [Fact]
    public void Check_FactDatedToday_ReturnsNoViolations()
    {
        // Arrange
        var content = ValidBerichten.For(Kind.BetaalvoorstelAntwoordAkkoord, withBsn: false);
        content.BetaalvoorstelAntwoordAkkoord.DatumAkkoord = ValidBerichten.Today.ToContractDate();

        // Act
        var violations = RuleAssert.Check(content, ValidBerichten.NoAttributes);

        // Assert
        Assert.Empty(violations);
    }

    [Fact]
    public void Check_BornOnLeapDay_ReturnsNoViolations()
    {
        // Arrange
        var content = ValidBerichten.For(Kind.Saldoverzoek, withBsn: true);
        content.Saldoverzoek.Klant.Geboortedatum = ValidBerichten.Date(1984, 2, 29);

        // Act
        var violations = RuleAssert.Check(content, ValidBerichten.AllAttributes);

        // Assert
        Assert.Empty(violations);
    }

    [Fact]
    public void Check_SettlementStartingAndEndingOnTheSameDay_ReturnsNoViolations()
    {
        // Arrange
        var content = ValidBerichten.For(Kind.RegelingGeaccordeerd, withBsn: false);
        content.RegelingGeaccordeerd.VerwachteEinddatum = content.RegelingGeaccordeerd.Startdatum.Clone();

        // Act
        var violations = RuleAssert.Check(content, ValidBerichten.NoAttributes);

        // Assert
        Assert.Empty(violations);
    }
}
