using Skn.Sdk;
using Skn.V1;

namespace SaldoBeantwoorder;

/// <summary>
/// Stands in for the creditor's own administration (a real system looks the client up by its
/// customer number and invoice numbers) and for the debt counsellor's case file.
/// </summary>
internal static class Balances
{
    /// <summary>An answer with one claim per invoice the request names: principal, interest and costs.</summary>
    public static SaldoverzoekAntwoord AnswerFor(Saldoverzoek request)
    {
        var answer = new SaldoverzoekAntwoord
        {
            KlantnummerSe = "K-" + request.KlantnummerShv,
            Peildatum = request.Peildatum,
            ContactpersoonSe = new Contactpersoon { Naam = "Afdeling Debiteuren", Telefoonnummer = "0201234567", Email = "debiteuren@example.nl" },
            Betaalgegevens = new Betaalgegevens { Iban = "NL91ABNA0417164300", Tenaamstelling = "Woonstichting De Sleutel", Betaalreferentie = "SR-" + request.KlantnummerShv },
        };

        var index = 0;
        foreach (var claim in request.Vorderingen)
        {
            index++;
            var hoofdsom = claim.HasBedragVolgensShvCent ? claim.BedragVolgensShvCent : 45_000 * index;
            var rente = hoofdsom / 50;
            const long kosten = 4_000;
            answer.Vorderingen.Add(new Vordering
            {
                FactuurnummerSe = claim.FactuurnummerSeVolgensShv,
                FactuurnummerSeVolgensShv = claim.FactuurnummerSeVolgensShv,
                Schuldtype = Schuldtype.OpenstaandeSchuld,
                OorspronkelijkeVorderingCent = hoofdsom,
                HoofdsomCent = hoofdsom,
                RenteCent = rente,
                KostenCent = kosten,
                OpenstaandSaldoCent = hoofdsom + rente + kosten,
            });
        }

        answer.TotaalOpenstaandCent = answer.Vorderingen.Sum(v => v.OpenstaandSaldoCent);
        return answer;
    }

    /// <summary>A Saldoverzoek as a debt counsellor's system would send it for one client.</summary>
    public static Saldoverzoek ExampleRequest()
    {
        var today = DateOnly.FromDateTime(DateTime.Today);
        var request = new Saldoverzoek
        {
            KlantnummerShv = "SHV-" + Random.Shared.Next(10_000, 99_999),
            TypeSchuldregeling = TypeSchuldregeling.Schuldbemiddeling,
            Klant = new Persoon { Geslacht = Geslacht.Vrouw, Voorletters = "J.", Voornamen = "Johanna", Achternaam = "Jansen", Geboortedatum = new DateOnly(1984, 3, 12).ToContractDate() },
            Adres = new Adres { NederlandsAdres = new NederlandsAdres { Straatnaam = "Dorpsstraat", Huisnummer = 12, Postcode = "1234AB", Woonplaats = "Voorbeeldstad" } },
            ContactpersoonShv = new Contactpersoon { Naam = "P. de Vries", Telefoonnummer = "0301234567", Email = "schuldhulp@voorbeeldstad.nl" },
            Peildatum = today.ToContractDate(),
            Gemeentecode = "0344",
        };
        request.Vorderingen.Add(new VorderingVerwijzing { FactuurnummerSeVolgensShv = "HUUR-2026-04", Omschrijving = "Huurachterstand april", BedragVolgensShvCent = 81_250 });
        request.Vorderingen.Add(new VorderingVerwijzing { FactuurnummerSeVolgensShv = "HUUR-2026-05", Omschrijving = "Huurachterstand mei" });
        return request;
    }
}
