using Google.Protobuf;
using Google.Protobuf.Reflection;
using Skn.V1;
using Kind = Skn.V1.Content.BerichtOneofCase;

namespace Skn.Sdk.Tests.Rules;

public sealed class RequiredFieldRulesTests
{
    internal static readonly RuleCases Cases = new RuleCases()
        .ToPubliek("Kennisgeving without klant", Kind.Kennisgeving, c => c.Kennisgeving.Klant = null, "kennisgeving.klant")
        .ToOther("Saldoverzoek klant without achternaam", Kind.Saldoverzoek, c => c.Saldoverzoek.Klant.Achternaam = " ", "saldoverzoek.klant.achternaam")
        .ToPubliek("Betaalvoorstel klant without geboortedatum", Kind.Betaalvoorstel, c => c.Betaalvoorstel.Klant.Geboortedatum = null, "betaalvoorstel.klant.geboortedatum")
        .ToOther("Kennisgeving without adres", Kind.Kennisgeving, c => c.Kennisgeving.Adres = null, "kennisgeving.adres")
        .ToOther("Saldoverzoek with an empty adres", Kind.Saldoverzoek, c => c.Saldoverzoek.Adres = new Adres(), "saldoverzoek.adres")
        .ToPubliek("Kennisgeving without klantnummer_shv", Kind.Kennisgeving, c => c.Kennisgeving.KlantnummerShv = "", "kennisgeving.klantnummer_shv")
        .ToPubliek("Saldoverzoek without klantnummer_shv", Kind.Saldoverzoek, c => c.Saldoverzoek.KlantnummerShv = "", "saldoverzoek.klantnummer_shv")
        .ToPubliek("Betaalvoorstel without klantnummer_shv", Kind.Betaalvoorstel, c => c.Betaalvoorstel.KlantnummerShv = "", "betaalvoorstel.klantnummer_shv")
        .ToOther("RegelingGeaccordeerd without klantnummer_shv", Kind.RegelingGeaccordeerd, c => c.RegelingGeaccordeerd.KlantnummerShv = "", "regeling_geaccordeerd.klantnummer_shv")
        .ToOther("Beeindiging without klantnummer_shv", Kind.Beeindiging, c => c.Beeindiging.KlantnummerShv = "", "beeindiging.klantnummer_shv")
        .ToPubliek("Saldoverzoek without claims", Kind.Saldoverzoek, c => c.Saldoverzoek.Vorderingen.Clear(), "saldoverzoek.vorderingen")
        .ToPubliek("Saldoverzoek without peildatum", Kind.Saldoverzoek, c => c.Saldoverzoek.Peildatum = null, "saldoverzoek.peildatum")
        .ToOther("SaldoverzoekAntwoord without peildatum", Kind.SaldoverzoekAntwoord, c => c.SaldoverzoekAntwoord.Peildatum = null, "saldoverzoek_antwoord.peildatum")
        .ToOther("Vooraf akkoord saldo without peildatum", Kind.SaldoverzoekAntwoordVoorafAkkoord, c => c.SaldoverzoekAntwoordVoorafAkkoord.Saldo.Peildatum = null, "saldoverzoek_antwoord_vooraf_akkoord.saldo.peildatum")
        .ToOther("Vooraf akkoord without saldo", Kind.SaldoverzoekAntwoordVoorafAkkoord, c => c.SaldoverzoekAntwoordVoorafAkkoord.Saldo = null, "saldoverzoek_antwoord_vooraf_akkoord.saldo")
        .ToOther("Vooraf akkoord without grondslag", Kind.SaldoverzoekAntwoordVoorafAkkoord, c => c.SaldoverzoekAntwoordVoorafAkkoord.Grondslag = VoorafAkkoordGrondslag.Unspecified, "saldoverzoek_antwoord_vooraf_akkoord.grondslag")
        .ToOther("KennisgevingAntwoord without antwoord", Kind.KennisgevingAntwoord, c => c.KennisgevingAntwoord.Antwoord = KennisgevingReactie.Unspecified, "kennisgeving_antwoord.antwoord")
        .ToOther("GeenMedewerking without reden", Kind.GeenMedewerking, c => c.GeenMedewerking.Reden = GeenMedewerkingReden.Unspecified, "geen_medewerking.reden")
        .ToOther("GeenMedewerking OVERIG without toelichting", Kind.GeenMedewerking, c => { c.GeenMedewerking.Reden = GeenMedewerkingReden.Overig; c.GeenMedewerking.Toelichting = ""; }, "geen_medewerking.toelichting")
        .ToOther("Niet akkoord without reden", Kind.BetaalvoorstelAntwoordNietAkkoord, c => c.BetaalvoorstelAntwoordNietAkkoord.Reden = NietAkkoordReden.Unspecified, "betaalvoorstel_antwoord_niet_akkoord.reden")
        .ToOther("Niet akkoord OVERIG without toelichting", Kind.BetaalvoorstelAntwoordNietAkkoord, c => { c.BetaalvoorstelAntwoordNietAkkoord.Reden = NietAkkoordReden.Overig; c.BetaalvoorstelAntwoordNietAkkoord.Toelichting = "  "; }, "betaalvoorstel_antwoord_niet_akkoord.toelichting")
        .ToOther("Beeindiging without reden", Kind.Beeindiging, c => c.Beeindiging.Reden = BeeindigingReden.Unspecified, "beeindiging.reden")
        .ToOther("Beeindiging OVERIG without toelichting", Kind.Beeindiging, c => c.Beeindiging.Reden = BeeindigingReden.Overig, "beeindiging.toelichting")
        .ToOther("Beeindiging without datum_beeindiging", Kind.Beeindiging, c => c.Beeindiging.DatumBeeindiging = null, "beeindiging.datum_beeindiging")
        .ToPubliek("Contactpersoon without naam", Kind.Saldoverzoek, c => c.Saldoverzoek.ContactpersoonShv.Naam = "", "saldoverzoek.contactpersoon_shv.naam")
        .ToOther("Contactpersoon without telefoonnummer or email", Kind.KennisgevingAntwoord, c => c.KennisgevingAntwoord.ContactpersoonSe.Email = "", "kennisgeving_antwoord.contactpersoon_se");

    public static TheoryData<string> Names => Cases.Names;

    [Theory]
    [MemberData(nameof(Names))]
    public void Check_RequiredFieldMissing_ReportsExactlyThatField(string name)
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
    [MemberData(nameof(ValidBerichten.AllTypes), MemberType = typeof(ValidBerichten))]
    public void Check_NoContactpersoon_ReturnsNoViolations(Kind type)
    {
        // Arrange: a contact person is welcome but not demanded.
        var content = ValidBerichten.For(type, withBsn: true);
        var bericht = (IMessage)Content.Descriptor.FindFieldByNumber((int)type).Accessor.GetValue(content);
        foreach (var field in bericht.Descriptor.Fields.InDeclarationOrder().Where(f => f.FieldType == FieldType.Message && f.MessageType == Contactpersoon.Descriptor))
        {
            field.Accessor.Clear(bericht);
        }

        // Act
        var violations = RuleAssert.Check(content, ValidBerichten.AllAttributes);

        // Assert
        Assert.Empty(violations);
    }

    [Fact]
    public void Check_ContactpersoonWithOnlyATelefoonnummer_ReturnsNoViolations()
    {
        // Arrange
        var content = ValidBerichten.For(Kind.GeenMedewerking, withBsn: false);
        content.GeenMedewerking.ContactpersoonSe.Email = "";
        content.GeenMedewerking.ContactpersoonSe.Telefoonnummer = "088 555 0101";

        // Act
        var violations = RuleAssert.Check(content, ValidBerichten.NoAttributes);

        // Assert
        Assert.Empty(violations);
    }

    [Fact]
    public void Check_ClientLivingAbroad_ReturnsNoViolations()
    {
        // Arrange
        var content = ValidBerichten.For(Kind.Kennisgeving, withBsn: true);
        content.Kennisgeving.Adres = new Adres { BuitenlandsAdres = new BuitenlandsAdres { Regels = { "Rue de la Loi 16", "1000 Bruxelles" }, Landcode = "BE" } };

        // Act
        var violations = RuleAssert.Check(content, ValidBerichten.AllAttributes);

        // Assert
        Assert.Empty(violations);
    }
}
