using Skn.V1;

namespace Skn.Sdk.Tests.Support;

/// <summary>Realistic content documents for the sealing tests, with every header field set.</summary>
internal static class SampleContent
{
    /// <summary>A client name that must never show up in sealed bytes.</summary>
    public const string ClientSurname = "Vermeulen-Oosterhuis";

    /// <summary>A BSN (passes the 11-proof) that must never show up in sealed bytes.</summary>
    public const string ClientBsn = "111222333";

    /// <summary>A Saldoverzoek antwoord from <paramref name="senderOin"/> to <paramref name="recipientOin"/>: three claims, a contact and payment details.</summary>
    public static Content SaldoverzoekAntwoord(string senderOin, string recipientOin) => new()
    {
        Header = Header(BerichtType.SaldoverzoekAntwoord, senderOin, recipientOin, inReplyTo: Guid.NewGuid().ToString()),
        SaldoverzoekAntwoord = new SaldoverzoekAntwoord
        {
            KlantnummerSe = "K-2026-004711",
            ContactpersoonSe = new Contactpersoon
            {
                Naam = "Fatima el Amrani",
                Telefoonnummer = "+31 50 123 4567",
                Email = "debiteuren@example.nl",
                Functietitel = "medewerker debiteurenbeheer",
            },
            Peildatum = new Date { Year = 2026, Month = 3, Day = 1 },
            Vorderingen =
            {
                Vordering("HUUR-2025-11", hoofdsom: 85_000, rente: 1_250, kosten: 4_000),
                Vordering("HUUR-2025-12", hoofdsom: 85_000, rente: 600, kosten: 4_000),
                Vordering("SERV-2025-Q4", hoofdsom: 12_345, rente: 0, kosten: 0),
            },
            TotaalOpenstaandCent = 85_000 + 1_250 + 4_000 + 85_000 + 600 + 4_000 + 12_345,
            Betaalgegevens = new Betaalgegevens
            {
                Iban = "NL91ABNA0417164300",
                Tenaamstelling = "Woonstichting De Sleutel",
                Betaalreferentie = "K-2026-004711",
            },
            IncassoOpgeschortTot = new Date { Year = 2026, Month = 6, Day = 30 },
            Toelichting = "Huurachterstand november en december, servicekosten vierde kwartaal.",
        },
    };

    /// <summary>A Saldoverzoek to a Publiek creditor: it carries the client's name and BSN.</summary>
    public static Content SaldoverzoekWithBsn(string senderOin, string recipientOin) => new()
    {
        Header = Header(BerichtType.Saldoverzoek, senderOin, recipientOin, inReplyTo: ""),
        Saldoverzoek = new Saldoverzoek
        {
            KlantnummerShv = "SHV-88812",
            Klant = new Persoon
            {
                Geslacht = Geslacht.Vrouw,
                Voorletters = "A.M.",
                Voornamen = "Anna Maria",
                Achternaam = ClientSurname,
                Geboortedatum = new Date { Year = 1984, Month = 7, Day = 14 },
                Bsn = ClientBsn,
            },
            Adres = new Adres
            {
                NederlandsAdres = new NederlandsAdres { Straatnaam = "Lindenlaan", Huisnummer = 12, Postcode = "9712AB", Woonplaats = "Groningen" },
            },
            ContactpersoonShv = new Contactpersoon { Naam = "Joost de Vries", Email = "schuldhulp@example.nl" },
            Vorderingen = { new VorderingVerwijzing { FactuurnummerSeVolgensShv = "AANSLAG-2025-1", BedragVolgensShvCent = 45_600 } },
            Peildatum = new Date { Year = 2026, Month = 3, Day = 1 },
            Gemeentecode = "0014",
        },
    };

    private static ContentHeader Header(BerichtType type, string senderOin, string recipientOin, string inReplyTo) => new()
    {
        MessageId = Guid.NewGuid().ToString(),
        Type = type,
        SenderOin = senderOin,
        RecipientOin = recipientOin,
        ConversationId = Guid.NewGuid().ToString(),
        InReplyTo = inReplyTo,
        DefinitionVersion = "1.0",
    };

    private static Vordering Vordering(string factuurnummer, long hoofdsom, long rente, long kosten) => new()
    {
        FactuurnummerSe = factuurnummer,
        FactuurnummerSeVolgensShv = factuurnummer,
        Schuldtype = Schuldtype.OpenstaandeSchuld,
        Ontstaansdatum = new Date { Year = 2025, Month = 11, Day = 1 },
        OorspronkelijkeVorderingCent = hoofdsom,
        HoofdsomCent = hoofdsom,
        RenteCent = rente,
        KostenCent = kosten,
        OpenstaandSaldoCent = hoofdsom + rente + kosten,
    };
}
