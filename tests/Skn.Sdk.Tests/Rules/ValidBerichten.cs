using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Skn.Contracts.Rules;
using Skn.V1;

namespace Skn.Sdk.Tests.Rules;

/// <summary>
/// Valid, realistic berichten of all twelve types, as a municipal debt counsellor (Gemeente Utrecht)
/// and an energy company would send them for the same client. Each call builds a fresh message, so a
/// test may break one field without affecting another test.
/// </summary>
internal static class ValidBerichten
{
    /// <summary>The date every test judges against.</summary>
    public static readonly DateOnly Today = new(2026, 11, 23);

    /// <summary>A recipient with every attribute that changes the rules (Publiek, Nuts, VTLB verplicht).</summary>
    public static readonly IReadOnlySet<ParticipantAttribute> AllAttributes = new HashSet<ParticipantAttribute>
    {
        ParticipantAttribute.Publiek,
        ParticipantAttribute.Nuts,
        ParticipantAttribute.VtlbVerplicht,
        ParticipantAttribute.VerlengenAfhandeltermijn,
    };

    /// <summary>A recipient without attributes: no BSN, no meter readings or VTLB demanded.</summary>
    public static readonly IReadOnlySet<ParticipantAttribute> NoAttributes = new HashSet<ParticipantAttribute>();

    /// <summary>Passes the 11-proof: 9·1 + 8·1 + 7·1 + 6·2 + 5·2 + 4·2 + 3·3 + 2·3 − 3 = 66.</summary>
    public const string KlantBsn = "111222333";

    /// <summary>Passes the 11-proof: sum 154.</summary>
    public const string PartnerBsn = "123456782";

    /// <summary>An 18-digit EAN code (with a correct GS1 check digit, as real ones have).</summary>
    public const string EanElektriciteit = "871687120000123451";

    /// <summary>A second connection, for gas.</summary>
    public const string EanGas = "871687120000678906";

    /// <summary>A tiny but well-formed PDF: header, one empty page, trailer, end-of-file marker.</summary>
    public static byte[] VtlbPdf => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n" +
        "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" +
        "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n" +
        "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n" +
        "trailer << /Root 1 0 R /Size 4 >>\n" +
        "%%EOF\n");

    /// <summary>All twelve bericht cases, for theories over every type.</summary>
    public static TheoryData<Content.BerichtOneofCase> AllTypes =>
        new(Enum.GetValues<Content.BerichtOneofCase>().Where(c => c != Content.BerichtOneofCase.None));

    /// <summary>
    /// A content document carrying a valid bericht of <paramref name="type"/>. With
    /// <paramref name="withBsn"/> the persons carry their BSN (for a Publiek recipient); without,
    /// they carry none (for any other recipient).
    /// </summary>
    public static Content For(Content.BerichtOneofCase type, bool withBsn) => new Content
    {
        Header = new ContentHeader
        {
            MessageId = "5f0c2a8e-3b7d-4a51-9c1e-2d6f8b0a4c17",
            SenderOin = "00000099123456780000",
            RecipientOin = "00000099876543210000",
            ConversationId = "b8e1d0c4-6a2f-4f3e-8d9b-1c5a7e2f9d03",
            DefinitionVersion = "1.0",
        },
    }.SetBericht(Bericht(type, withBsn));

    /// <summary>A valid bericht of <paramref name="type"/>.</summary>
    public static IMessage Bericht(Content.BerichtOneofCase type, bool withBsn) => type switch
    {
        Content.BerichtOneofCase.Kennisgeving => Kennisgeving(withBsn),
        Content.BerichtOneofCase.KennisgevingAntwoord => KennisgevingAntwoord(),
        Content.BerichtOneofCase.GeenMedewerking => GeenMedewerking(),
        Content.BerichtOneofCase.Saldoverzoek => Saldoverzoek(withBsn),
        Content.BerichtOneofCase.SaldoverzoekAntwoord => SaldoverzoekAntwoord(),
        Content.BerichtOneofCase.SaldoverzoekAntwoordVoorafAkkoord => SaldoverzoekAntwoordVoorafAkkoord(),
        Content.BerichtOneofCase.Betaalvoorstel => Betaalvoorstel(withBsn),
        Content.BerichtOneofCase.Heroverweging => Heroverweging(withBsn),
        Content.BerichtOneofCase.BetaalvoorstelAntwoordAkkoord => BetaalvoorstelAntwoordAkkoord(),
        Content.BerichtOneofCase.BetaalvoorstelAntwoordNietAkkoord => BetaalvoorstelAntwoordNietAkkoord(),
        Content.BerichtOneofCase.RegelingGeaccordeerd => RegelingGeaccordeerd(),
        Content.BerichtOneofCase.Beeindiging => Beeindiging(),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a bericht."),
    };

    public static Kennisgeving Kennisgeving(bool withBsn) => new()
    {
        KlantnummerShv = "SHV-2026-004711",
        KlantnummerSeVolgensShv = "KL-778812",
        Klant = Klant(withBsn),
        Partner = Partner(withBsn),
        Adres = Adres(),
        ContactpersoonShv = ContactpersoonShv(),
        DatumAanvraagSchuldhulp = Date(2026, 11, 2),
        VerwachteEinddatumStabilisatie = Date(2027, 3, 2),
        Vorderingen = { new VorderingVerwijzing { FactuurnummerSeVolgensShv = "F2025-0042", Omschrijving = "energierekening 2025", BedragVolgensShvCent = 47_000 } },
        Gemeentecode = "0344",
        Toelichting = "Klant heeft zich op 2 november gemeld; graag incasso opschorten.",
    };

    public static KennisgevingAntwoord KennisgevingAntwoord() => new()
    {
        KlantnummerSe = "KL-778812",
        FactuurnummersSe = { "F2025-0042", "F2025-0117" },
        ContactpersoonSe = ContactpersoonSe(),
        Antwoord = KennisgevingReactie.OntvangenIncassoOpgeschort,
        IncassoOpgeschortTot = Date(2027, 3, 2),
    };

    public static GeenMedewerking GeenMedewerking() => new()
    {
        Reden = GeenMedewerkingReden.RecentFinaleKwijting,
        Toelichting = "Finale kwijting verleend op 14 maart 2025.",
        ContactpersoonSe = ContactpersoonSe(),
        KlantnummerSe = "KL-778812",
    };

    public static Saldoverzoek Saldoverzoek(bool withBsn) => new()
    {
        KlantnummerShv = "SHV-2026-004711",
        KlantnummerSeVolgensShv = "KL-778812",
        TypeSchuldregeling = TypeSchuldregeling.Schuldbemiddeling,
        Klant = Klant(withBsn),
        Partner = Partner(withBsn),
        Adres = Adres(),
        ContactpersoonShv = ContactpersoonShv(),
        Vorderingen =
        {
            new VorderingVerwijzing { FactuurnummerSeVolgensShv = "F2025-0042", Omschrijving = "energierekening 2025" },
            new VorderingVerwijzing { FactuurnummerSeVolgensShv = "F2025-0117", Omschrijving = "eindafrekening", BedragVolgensShvCent = 21_000 },
        },
        Peildatum = Date(2026, 12, 1),
        Gemeentecode = "0344",
        Meterstanden = { Meterstanden() },
        CollectiefSchuldregelen = true,
    };

    public static SaldoverzoekAntwoord SaldoverzoekAntwoord() => new()
    {
        KlantnummerSe = "KL-778812",
        ContactpersoonSe = ContactpersoonSe(),
        Peildatum = Date(2026, 11, 20),
        Vorderingen =
        {
            // 420,00 + 12,50 + 40,00 + 0,00 = 472,50
            new Vordering
            {
                FactuurnummerSe = "F2025-0042",
                FactuurnummerSeVolgensShv = "F2025-0042",
                Schuldtype = Schuldtype.OpenstaandeSchuld,
                Ontstaansdatum = Date(2025, 2, 1),
                OorspronkelijkeVorderingCent = 48_000,
                HoofdsomCent = 42_000,
                RenteCent = 1_250,
                KostenCent = 4_000,
                GerechtelijkeKostenCent = 0,
                OpenstaandSaldoCent = 47_250,
            },
            // 210,00 + 3,10 + 26,25 + 104,50 = 343,85
            new Vordering
            {
                FactuurnummerSe = "F2025-0117",
                FactuurnummerSeVolgensShv = "F2025-0117",
                Schuldtype = Schuldtype.OvergedragenSchuld,
                Ontstaansdatum = Date(2025, 6, 15),
                OorspronkelijkeVorderingCent = 21_000,
                HoofdsomCent = 21_000,
                RenteCent = 310,
                KostenCent = 2_625,
                GerechtelijkeKostenCent = 10_450,
                OpenstaandSaldoCent = 34_385,
                OvergedragenAan = new Organisatie { Naam = "Incassobureau Voorbeeld B.V.", KvkNummer = "12345678" },
            },
        },
        TotaalOpenstaandCent = 81_635,
        Betaalgegevens = Betaalgegevens(),
        EindafrekeningVolgt = true,
        IncassoOpgeschortTot = Date(2027, 2, 1),
    };

    public static SaldoverzoekAntwoordVoorafAkkoord SaldoverzoekAntwoordVoorafAkkoord() => new()
    {
        Saldo = SaldoverzoekAntwoord(),
        Grondslag = VoorafAkkoordGrondslag.CollectiefSchuldregelen,
        Voorwaarden = "Akkoord met ieder voorstel volgens de NVVK-gedragscode.",
        MinimumPercentageBp = 2_000,
    };

    /// <summary>Schuldbemiddeling, 18 months, 21.60 % to every concurrent creditor.</summary>
    public static Betaalvoorstel Betaalvoorstel(bool withBsn) => new()
    {
        KlantnummerShv = "SHV-2026-004711",
        KlantnummerSe = "KL-778812",
        Klant = Klant(withBsn),
        TypeSchuldregeling = TypeSchuldregeling.Schuldbemiddeling,
        LooptijdMaanden = 18,
        StartdatumLooptijd = Date(2027, 1, 1),
        TotaleSchuldenlastCent = 1_250_000,
        AantalSchuldeisers = 7,
        AfloscapaciteitPerMaandCent = 15_000,
        VtlbPerMaandCent = 148_500,
        Uitbetaalmoment = Uitbetaalmoment.Periodiek,
        Vorderingen =
        {
            // 102,06 / 472,50 = 21.600 %
            new VoorstelVordering { FactuurnummerSe = "F2025-0042", ActueelVorderingsbedragCent = 47_250, PrognoseEindbedragCent = 10_206, AfkooppercentageBp = 2_160, Vorderingstype = Vorderingstype.Concurrent, Betaalreferentie = "SR-778812-1" },
            // 74,27 / 343,85 = 21.5995 %
            new VoorstelVordering { FactuurnummerSe = "F2025-0117", ActueelVorderingsbedragCent = 34_385, PrognoseEindbedragCent = 7_427, AfkooppercentageBp = 2_160, Vorderingstype = Vorderingstype.Concurrent, Betaalreferentie = "SR-778812-2" },
        },
        TotaalAanbodPercentageBp = 2_160,
        Bijlagen = { VtlbBijlage() },
        Meterstanden = { Meterstanden() },
        ContactpersoonShv = ContactpersoonShv(),
        Toelichting = "Afloscapaciteit berekend volgens de VTLB-rekenmodule 2026.",
    };

    /// <summary>A reconsideration with a changed proposal: a saneringskrediet at 25 %.</summary>
    public static Heroverweging Heroverweging(bool withBsn)
    {
        var gewijzigd = Betaalvoorstel(withBsn);
        gewijzigd.TypeSchuldregeling = TypeSchuldregeling.Saneringskrediet;
        gewijzigd.Kredietverstrekker = new Organisatie { Naam = "Gemeentelijke Kredietbank Utrecht", Oin = "00000099300000010000" };
        gewijzigd.UitbetaaldatumVerwacht = Date(2027, 1, 15);
        gewijzigd.Uitbetaalmoment = Uitbetaalmoment.Eenmalig;
        gewijzigd.TotaalAanbodPercentageBp = 2_500;
        gewijzigd.Vorderingen[0].PrognoseEindbedragCent = 11_812;
        gewijzigd.Vorderingen[0].AfkooppercentageBp = 2_500;
        gewijzigd.Vorderingen[1].PrognoseEindbedragCent = 8_596;
        gewijzigd.Vorderingen[1].AfkooppercentageBp = 2_500;
        gewijzigd.Bijlagen.Clear();
        gewijzigd.Meterstanden.Clear();

        return new Heroverweging
        {
            Motivering = "Met een saneringskrediet ontvangt u 25 % direct; zonder regeling volgt een verzoek tot dwangakkoord.",
            GewijzigdVoorstel = gewijzigd,
            AankondigingDwangakkoord = true,
            Bijlagen = { VtlbBijlage() },
            ContactpersoonShv = ContactpersoonShv(),
        };
    }

    public static BetaalvoorstelAntwoordAkkoord BetaalvoorstelAntwoordAkkoord() => new()
    {
        DatumAkkoord = Date(2026, 11, 20),
        KlantnummerSe = "KL-778812",
        Vorderingen =
        {
            new AkkoordVordering { FactuurnummerSe = "F2025-0042", AkkoordBedragCent = 10_206 },
            new AkkoordVordering { FactuurnummerSe = "F2025-0117", AkkoordBedragCent = 7_427 },
        },
        Betaalgegevens = Betaalgegevens(),
        Voorwaarden = { AkkoordVoorwaarde.FinaleKwijtingNaLaatsteBetaling, AkkoordVoorwaarde.BkrAfmelding },
        ContactpersoonSe = ContactpersoonSe(),
    };

    public static BetaalvoorstelAntwoordNietAkkoord BetaalvoorstelAntwoordNietAkkoord() => new()
    {
        Reden = NietAkkoordReden.PercentageTeLaag,
        Toelichting = "Wij gaan akkoord bij 30 %.",
        Tegenvoorstel = new Tegenvoorstel { PercentageBp = 3_000, LooptijdMaanden = 18 },
        KlantnummerSe = "KL-778812",
        ContactpersoonSe = ContactpersoonSe(),
    };

    public static RegelingGeaccordeerd RegelingGeaccordeerd() => new()
    {
        DatumAkkoord = Date(2026, 11, 20),
        KlantnummerShv = "SHV-2026-004711",
        KlantnummerSe = "KL-778812",
        TypeSchuldregeling = TypeSchuldregeling.Schuldbemiddeling,
        Uitbetaalmoment = Uitbetaalmoment.Periodiek,
        Vorderingen = { Betaalvoorstel(withBsn: false).Vorderingen },
        Startdatum = Date(2027, 1, 1),
        VerwachteEinddatum = Date(2028, 6, 30),
        ContactpersoonShv = ContactpersoonShv(),
    };

    public static Beeindiging Beeindiging() => new()
    {
        DatumBeeindiging = Date(2026, 11, 20),
        Reden = BeeindigingReden.AfgerondFinaleKwijting,
        UitgekeerdTotaalCent = 17_633,
        FinaleKwijtingVerzocht = true,
        KlantnummerShv = "SHV-2026-004711",
        KlantnummerSe = "KL-778812",
        ContactpersoonShv = ContactpersoonShv(),
    };

    public static Persoon Klant(bool withBsn)
    {
        var klant = new Persoon
        {
            Geslacht = Geslacht.Vrouw,
            Voorletters = "A.M.",
            Voornamen = "Anna Maria",
            Voorvoegsel = "de",
            Achternaam = "Vries",
            Geboortedatum = Date(1984, 3, 12),
        };
        if (withBsn)
        {
            klant.Bsn = KlantBsn;
        }

        return klant;
    }

    public static Persoon Partner(bool withBsn)
    {
        var partner = new Persoon
        {
            Geslacht = Geslacht.Man,
            Voorletters = "P.",
            Voornamen = "Pieter",
            Achternaam = "Jansen",
            Geboortedatum = Date(1982, 7, 1),
        };
        if (withBsn)
        {
            partner.Bsn = PartnerBsn;
        }

        return partner;
    }

    public static Bijlage VtlbBijlage()
    {
        var pdf = VtlbPdf;
        return new Bijlage
        {
            Soort = BijlageSoort.VtlbRecofa,
            Bestandsnaam = "vtlb-de-vries-2026-11.pdf",
            MimeType = "application/pdf",
            Inhoud = ByteString.CopyFrom(pdf),
            Sha256 = ByteString.CopyFrom(SHA256.HashData(pdf)),
        };
    }

    public static Date Date(int year, int month, int day) => new() { Year = year, Month = month, Day = day };

    private static Meterstand[] Meterstanden() =>
    [
        new Meterstand { EanCode = EanElektriciteit, Product = MeterProduct.Elektriciteit, Telwerk = Telwerk.Normaal, Stand = 45_678, Eenheid = MeterEenheid.Kwh, Opnamedatum = Date(2026, 11, 20), SoortOpname = SoortOpname.SlimmeMeter },
        new Meterstand { EanCode = EanGas, Product = MeterProduct.Gas, Stand = 8_123, Eenheid = MeterEenheid.M3, Opnamedatum = Date(2026, 11, 20), SoortOpname = SoortOpname.Klant },
    ];

    private static Adres Adres() => new()
    {
        NederlandsAdres = new NederlandsAdres
        {
            Straatnaam = "Dorpsstraat",
            Huisnummer = 12,
            Huisletter = "a",
            Postcode = "3511AB",
            Woonplaats = "Utrecht",
        },
    };

    private static Contactpersoon ContactpersoonShv() => new()
    {
        Naam = "Fatima el Amrani",
        Telefoonnummer = "030 286 1234",
        Email = "f.elamrani@utrecht.nl",
        Functietitel = "schuldhulpverlener",
    };

    private static Contactpersoon ContactpersoonSe() => new()
    {
        Naam = "Jeroen Bakker",
        Email = "debiteurenbeheer@energie-voorbeeld.nl",
        Functietitel = "medewerker debiteurenbeheer",
    };

    private static Betaalgegevens Betaalgegevens() => new()
    {
        Iban = "NL91ABNA0417164300",
        Tenaamstelling = "Energie Voorbeeld B.V.",
        Betaalreferentie = "SR-778812",
    };
}
