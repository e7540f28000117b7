using Google.Protobuf;
using Skn.V1;

namespace Skn.TestUtilities;

/// <summary>
/// Realistic berichten of one client dossier (Johanna Jansen, two claims), as a debt counsellor's and
/// a creditor's systems would fill them in. Dates sit around <see cref="TestNode.DefaultStart"/>.
/// </summary>
public static class Berichten
{
    public const string Bsn = "111222333";
    public const string Achternaam = "Zwanenburg-Oudshoorn";

    private static readonly DateOnly Today = DateOnly.FromDateTime(TestNode.DefaultStart.UtcDateTime);

    public static Persoon Klant(bool withBsn)
    {
        var klant = new Persoon
        {
            Geslacht = Geslacht.Vrouw,
            Voorletters = "J.M.",
            Voornamen = "Johanna Maria",
            Achternaam = Achternaam,
            Geboortedatum = Date(new DateOnly(1984, 3, 12)),
        };
        if (withBsn)
        {
            klant.Bsn = Bsn;
        }

        return klant;
    }

    public static Adres Adres() => new()
    {
        NederlandsAdres = new NederlandsAdres { Straatnaam = "Dorpsstraat", Huisnummer = 12, Huisletter = "a", Postcode = "1234AB", Woonplaats = "Voorbeeldstad" },
    };

    public static Contactpersoon Shv() => new() { Naam = "P. de Vries", Telefoonnummer = "0301234567", Email = "schuldhulp@voorbeeldstad.nl" };

    public static Contactpersoon Se() => new() { Naam = "Afdeling Debiteuren", Telefoonnummer = "0207654321" };

    public static Kennisgeving Kennisgeving(bool withBsn) => new()
    {
        KlantnummerShv = "SHV-2026-0042",
        Klant = Klant(withBsn),
        Adres = Adres(),
        ContactpersoonShv = Shv(),
        DatumAanvraagSchuldhulp = Date(Today.AddDays(-7)),
        VerwachteEinddatumStabilisatie = Date(Today.AddMonths(4)),
        Gemeentecode = "0344",
    };

    public static KennisgevingAntwoord KennisgevingAntwoord() => new()
    {
        KlantnummerSe = "K-88231",
        FactuurnummersSe = { "F-2026-0311", "F-2026-0412" },
        ContactpersoonSe = Se(),
        Antwoord = KennisgevingReactie.OntvangenIncassoOpgeschort,
        IncassoOpgeschortTot = Date(Today.AddMonths(4)),
    };

    public static GeenMedewerking GeenMedewerking() => new()
    {
        Reden = GeenMedewerkingReden.KlantOnbekend,
        Toelichting = "Geen klant met deze naam en geboortedatum gevonden.",
        ContactpersoonSe = Se(),
    };

    public static Saldoverzoek Saldoverzoek(bool withBsn, bool withMeterstanden)
    {
        var verzoek = new Saldoverzoek
        {
            KlantnummerShv = "SHV-2026-0042",
            TypeSchuldregeling = TypeSchuldregeling.Schuldbemiddeling,
            Klant = Klant(withBsn),
            Adres = Adres(),
            ContactpersoonShv = Shv(),
            Peildatum = Date(Today),
            Gemeentecode = "0344",
            Vorderingen =
            {
                new VorderingVerwijzing { FactuurnummerSeVolgensShv = "F-2026-0311", Omschrijving = "Belastingaanslag 2025", BedragVolgensShvCent = 81_250 },
                new VorderingVerwijzing { FactuurnummerSeVolgensShv = "F-2026-0412" },
            },
        };
        if (withMeterstanden)
        {
            verzoek.Meterstanden.Add(Meterstand());
        }

        return verzoek;
    }

    public static Meterstand Meterstand() => new()
    {
        EanCode = "871687140000000019",
        Product = MeterProduct.Elektriciteit,
        Telwerk = Telwerk.Normaal,
        Stand = 48_213,
        Eenheid = MeterEenheid.Kwh,
        Opnamedatum = Date(Today.AddDays(-2)),
        SoortOpname = SoortOpname.Klant,
    };

    public static SaldoverzoekAntwoord SaldoverzoekAntwoord()
    {
        var antwoord = new SaldoverzoekAntwoord
        {
            KlantnummerSe = "K-88231",
            ContactpersoonSe = Se(),
            Peildatum = Date(Today),
            Vorderingen =
            {
                Vordering("F-2026-0311", hoofdsom: 78_000, rente: 1_250, kosten: 2_000),
                Vordering("F-2026-0412", hoofdsom: 45_500, rente: 0, kosten: 0),
            },
            Betaalgegevens = new Betaalgegevens { Iban = "NL91ABNA0417164300", Tenaamstelling = "Belastingsamenwerking West", Betaalreferentie = "BSW-88231" },
        };
        antwoord.TotaalOpenstaandCent = antwoord.Vorderingen.Sum(v => v.OpenstaandSaldoCent);
        return antwoord;
    }

    public static Vordering Vordering(string factuurnummer, long hoofdsom, long rente, long kosten) => new()
    {
        FactuurnummerSe = factuurnummer,
        FactuurnummerSeVolgensShv = factuurnummer,
        Schuldtype = Schuldtype.OpenstaandeSchuld,
        Ontstaansdatum = Date(Today.AddMonths(-8)),
        OorspronkelijkeVorderingCent = hoofdsom,
        HoofdsomCent = hoofdsom,
        RenteCent = rente,
        KostenCent = kosten,
        OpenstaandSaldoCent = hoofdsom + rente + kosten,
    };

    public static SaldoverzoekAntwoordVoorafAkkoord VoorafAkkoord() => new()
    {
        Saldo = SaldoverzoekAntwoord(),
        Grondslag = VoorafAkkoordGrondslag.CollectiefSchuldregelen,
        Voorwaarden = "Akkoord met elk voorstel volgens de afspraken van Collectief Schuldregelen.",
    };

    public static Betaalvoorstel Betaalvoorstel(bool withBsn, bool withVtlb, bool withMeterstanden)
    {
        var voorstel = new Betaalvoorstel
        {
            KlantnummerShv = "SHV-2026-0042",
            KlantnummerSe = "K-88231",
            Klant = Klant(withBsn),
            TypeSchuldregeling = TypeSchuldregeling.Schuldbemiddeling,
            LooptijdMaanden = 18,
            StartdatumLooptijd = Date(Today.AddMonths(1)),
            TotaleSchuldenlastCent = 1_250_000,
            AantalSchuldeisers = 4,
            AfloscapaciteitPerMaandCent = 12_500,
            VtlbPerMaandCent = 145_000,
            Uitbetaalmoment = Uitbetaalmoment.Periodiek,
            TotaalAanbodPercentageBp = 1_800,
            ContactpersoonShv = Shv(),
            Vorderingen =
            {
                new VoorstelVordering { FactuurnummerSe = "F-2026-0311", ActueelVorderingsbedragCent = 81_250, PrognoseEindbedragCent = 14_625, AfkooppercentageBp = 1_800, Vorderingstype = Vorderingstype.Concurrent, Betaalreferentie = "BSW-88231" },
            },
        };
        if (withVtlb)
        {
            voorstel.Bijlagen.Add(VtlbBijlage());
        }

        if (withMeterstanden)
        {
            voorstel.Meterstanden.Add(Meterstand());
        }

        return voorstel;
    }

    public static Bijlage VtlbBijlage()
    {
        var pdf = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
        return new Bijlage
        {
            Soort = BijlageSoort.VtlbRecofa,
            Bestandsnaam = "vtlb-berekening.pdf",
            MimeType = "application/pdf",
            Inhoud = ByteString.CopyFrom(pdf),
            Sha256 = ByteString.CopyFrom(System.Security.Cryptography.SHA256.HashData(pdf)),
        };
    }

    public static BetaalvoorstelAntwoordNietAkkoord NietAkkoord() => new()
    {
        Reden = NietAkkoordReden.PercentageTeLaag,
        Toelichting = "Wij verwachten ten minste 25%.",
        Tegenvoorstel = new Tegenvoorstel { PercentageBp = 2_500 },
        KlantnummerSe = "K-88231",
        ContactpersoonSe = Se(),
    };

    public static Heroverweging Heroverweging() => new()
    {
        Motivering = "De afloscapaciteit laat geen hoger percentage toe; zie de VTLB-berekening.",
        Bijlagen = { VtlbBijlage() },
        ContactpersoonShv = Shv(),
    };

    public static BetaalvoorstelAntwoordAkkoord Akkoord() => new()
    {
        DatumAkkoord = Date(Today),
        KlantnummerSe = "K-88231",
        Vorderingen = { new AkkoordVordering { FactuurnummerSe = "F-2026-0311", AkkoordBedragCent = 14_625 } },
        Voorwaarden = { AkkoordVoorwaarde.FinaleKwijtingNaLaatsteBetaling },
        ContactpersoonSe = Se(),
    };

    public static RegelingGeaccordeerd RegelingGeaccordeerd() => new()
    {
        DatumAkkoord = Date(Today),
        KlantnummerShv = "SHV-2026-0042",
        KlantnummerSe = "K-88231",
        TypeSchuldregeling = TypeSchuldregeling.Schuldbemiddeling,
        Uitbetaalmoment = Uitbetaalmoment.Periodiek,
        Vorderingen =
        {
            new VoorstelVordering { FactuurnummerSe = "F-2026-0311", ActueelVorderingsbedragCent = 81_250, PrognoseEindbedragCent = 14_625, AfkooppercentageBp = 1_800, Vorderingstype = Vorderingstype.Concurrent },
        },
        Startdatum = Date(Today.AddMonths(1)),
        VerwachteEinddatum = Date(Today.AddMonths(19)),
        ContactpersoonShv = Shv(),
    };

    public static Beeindiging Beeindiging() => new()
    {
        DatumBeeindiging = Date(Today),
        Reden = BeeindigingReden.AfgerondFinaleKwijting,
        UitgekeerdTotaalCent = 14_625,
        FinaleKwijtingVerzocht = true,
        KlantnummerShv = "SHV-2026-0042",
        KlantnummerSe = "K-88231",
        ContactpersoonShv = Shv(),
    };

    private static Date Date(DateOnly date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };
}
