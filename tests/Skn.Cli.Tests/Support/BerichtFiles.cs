using Google.Protobuf;
using Skn.Sdk;
using Skn.V1;

namespace Skn.Cli.Tests.Support;

/// <summary>
/// Berichten as a user would write them for 'skn send': the contract's JSON mapping, made with
/// Google.Protobuf's JsonFormatter from realistic messages (the same dossier as the SDK's end-to-end tests).
/// </summary>
internal static class BerichtFiles
{
    public const string KlantnummerShv = "SHV-2026-0042";

    private static readonly DateOnly Today = DateOnly.FromDateTime(TestNode.DefaultStart.UtcDateTime);

    public static Saldoverzoek Saldoverzoek(bool withBsn)
    {
        var klant = new Persoon
        {
            Geslacht = Geslacht.Vrouw,
            Voorletters = "J.M.",
            Voornamen = "Johanna Maria",
            Achternaam = "Zwanenburg-Oudshoorn",
            Geboortedatum = new DateOnly(1984, 3, 12).ToContractDate(),
        };
        if (withBsn)
        {
            klant.Bsn = "111222333";
        }

        return new Saldoverzoek
        {
            KlantnummerShv = KlantnummerShv,
            TypeSchuldregeling = TypeSchuldregeling.Schuldbemiddeling,
            Klant = klant,
            Adres = new Adres { NederlandsAdres = new NederlandsAdres { Straatnaam = "Dorpsstraat", Huisnummer = 12, Postcode = "1234AB", Woonplaats = "Voorbeeldstad" } },
            ContactpersoonShv = new Contactpersoon { Naam = "P. de Vries", Telefoonnummer = "0301234567", Email = "schuldhulp@voorbeeldstad.nl" },
            Peildatum = Today.ToContractDate(),
            Gemeentecode = "0344",
            Vorderingen = { new VorderingVerwijzing { FactuurnummerSeVolgensShv = "F-2026-0311", BedragVolgensShvCent = 81_250 } },
        };
    }

    /// <summary>A creditor's answer: two claims, with a total that matches them (a content rule).</summary>
    public static SaldoverzoekAntwoord SaldoverzoekAntwoord()
    {
        var antwoord = new SaldoverzoekAntwoord
        {
            KlantnummerSe = "K-88231",
            ContactpersoonSe = new Contactpersoon { Naam = "Afdeling Debiteuren", Telefoonnummer = "0207654321" },
            Peildatum = Today.ToContractDate(),
            Vorderingen = { Vordering("F-2026-0311", 78_000, 1_250, 2_000), Vordering("F-2026-0412", 45_500, 0, 0) },
            Betaalgegevens = new Betaalgegevens { Iban = "NL91ABNA0417164300", Tenaamstelling = "Woonstichting De Sleutel", Betaalreferentie = "WS-88231" },
        };
        antwoord.TotaalOpenstaandCent = antwoord.Vorderingen.Sum(v => v.OpenstaandSaldoCent);
        return antwoord;
    }

    /// <summary>A SaldoverzoekAntwoord as a JSON file in the runner's working directory.</summary>
    public static string SaldoverzoekAntwoordFile(this CliRunner cli) =>
        cli.WriteFile($"antwoord-{Guid.NewGuid():N}.json", JsonFormatter.Default.Format(SaldoverzoekAntwoord()));

    private static Vordering Vordering(string factuurnummer, long hoofdsom, long rente, long kosten) => new()
    {
        FactuurnummerSe = factuurnummer,
        FactuurnummerSeVolgensShv = factuurnummer,
        Schuldtype = Schuldtype.OpenstaandeSchuld,
        Ontstaansdatum = Today.AddMonths(-8).ToContractDate(),
        OorspronkelijkeVorderingCent = hoofdsom,
        HoofdsomCent = hoofdsom,
        RenteCent = rente,
        KostenCent = kosten,
        OpenstaandSaldoCent = hoofdsom + rente + kosten,
    };

    /// <summary>A Saldoverzoek (without BSN) as a JSON file in the runner's working directory.</summary>
    public static string SaldoverzoekFile(this CliRunner cli, bool withBsn = false) =>
        cli.WriteFile($"saldoverzoek-{Guid.NewGuid():N}.json", JsonFormatter.Default.Format(Saldoverzoek(withBsn)));
}
