using System.Globalization;
using Google.Protobuf;
using Skn.Cli.ListWork.Columns;
using Skn.Sdk;
using Skn.V1;
using C = Skn.Cli.ListWork.Columns.BetaalvoorstelColumns;

namespace Skn.Cli.ListWork;

/// <summary>
/// The Betaalvoorstellen list: every pending payment proposal (and Heroverweging) as rows in a sheet,
/// one row per claim with the proposal's terms, and the filled-in sheet back as Betaalvoorstel
/// antwoord akkoord or niet akkoord, one answer per request id.
/// </summary>
internal static class BetaalvoorstelSheet
{
    private const int MaxLooptijd = 60;

    private static readonly Dictionary<string, bool> Antwoorden = new()
    {
        ["akkoord"] = true,
        ["niet-akkoord"] = false,
    };

    private static readonly Dictionary<string, NietAkkoordReden> Redenen = new()
    {
        ["percentage-te-laag"] = NietAkkoordReden.PercentageTeLaag,
        ["looptijd-onaanvaardbaar"] = NietAkkoordReden.LooptijdOnaanvaardbaar,
        ["vordering-niet-saneerbaar"] = NietAkkoordReden.VorderingNietSaneerbaar,
        ["preferentie-niet-gerespecteerd"] = NietAkkoordReden.PreferentieNietGerespecteerd,
        ["vtlb-ontbreekt-of-onjuist"] = NietAkkoordReden.VtlbOntbreektOfOnjuist,
        ["gegevens-onvolledig"] = NietAkkoordReden.GegevensOnvolledig,
        ["geen-medewerking-beleid"] = NietAkkoordReden.GeenMedewerkingBeleid,
        ["overig"] = NietAkkoordReden.Overig,
        ["te-laag"] = NietAkkoordReden.PercentageTeLaag,
        ["looptijd"] = NietAkkoordReden.LooptijdOnaanvaardbaar,
        ["niet-saneerbaar"] = NietAkkoordReden.VorderingNietSaneerbaar,
        ["preferentie"] = NietAkkoordReden.PreferentieNietGerespecteerd,
        ["vtlb"] = NietAkkoordReden.VtlbOntbreektOfOnjuist,
        ["onvolledig"] = NietAkkoordReden.GegevensOnvolledig,
        ["beleid"] = NietAkkoordReden.GeenMedewerkingBeleid,
    };

    private static readonly Dictionary<string, AkkoordVoorwaarde> Voorwaarden = new()
    {
        ["finale-kwijting"] = AkkoordVoorwaarde.FinaleKwijtingNaLaatsteBetaling,
        ["bkr-afmelding"] = AkkoordVoorwaarde.BkrAfmelding,
        ["hervatting-bij-niet-nakomen"] = AkkoordVoorwaarde.HervattingBijNietNakomen,
        ["finale-kwijting-na-laatste-betaling"] = AkkoordVoorwaarde.FinaleKwijtingNaLaatsteBetaling,
    };

    /// <summary>Writes the export: UTF-8 with BOM, <c>;</c>, CRLF; one row per claim, answer columns blank.</summary>
    public static void Write(Stream output, IEnumerable<PendingRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var voorstellen = requests.Where(r => IsProposal(r.Bericht)).ToList();
        var withBsn = voorstellen.Any(r => TermsOf(r.Bericht).Klant is { HasBsn: true });
        var headers = C.All(withBsn);
        SheetWriter.Write(output, headers, voorstellen.SelectMany(r => Rows(r, headers)));
    }

    /// <summary>Reads a filled-in sheet; see <see cref="SheetImport"/> for what is refused and skipped.</summary>
    public static SheetReadResult Read(Stream input, Func<string, (RequestStatus Status, PendingRequest? Request)> lookup, DateOnly today) =>
        SheetImport.Run(input, Kind(today), lookup, today);

    /// <summary>Writes the refused rows of <paramref name="originalInput"/> with a Fout column.</summary>
    public static void WriteErrors(Stream output, Stream originalInput, SheetReadResult result) =>
        SheetImport.WriteErrors(output, originalInput, result, Kind(default));

    private static SheetKind Kind(DateOnly today) =>
        new("Betaalvoorstel", C.All(withBsn: true), C.Required, C.Entry, IsProposal, rows => Build(rows, today));

    private static bool IsProposal(IMessage bericht) => bericht is Betaalvoorstel or Heroverweging;

    // A Heroverweging carries the terms only when the SHV changed them; otherwise its rows show the
    // motivation alone and the creditor answers on the proposal it already has.
    private static Betaalvoorstel TermsOf(IMessage bericht) => bericht switch
    {
        Betaalvoorstel voorstel => voorstel,
        Heroverweging { GewijzigdVoorstel: { } gewijzigd } => gewijzigd,
        _ => new Betaalvoorstel(),
    };

    private static IEnumerable<IReadOnlyList<string>> Rows(PendingRequest request, IReadOnlyList<string> headers)
    {
        var voorstel = TermsOf(request.Bericht);
        var toelichting = request.Bericht is Heroverweging heroverweging
            ? heroverweging.Motivering + (heroverweging.AankondigingDwangakkoord ? " (aankondiging dwangakkoord)" : string.Empty)
            : voorstel.Toelichting;
        var common = new Dictionary<string, string>
        {
            [CommonColumns.VerzoekId] = request.MessageId,
            [C.SoortVerzoek] = request.Bericht.Descriptor.Name,
            [CommonColumns.AfzenderOin] = SheetText.Identifier(request.SenderOin),
            [CommonColumns.Afzender] = SheetText.Text(request.SenderName),
            [CommonColumns.Dossier] = request.ConversationId,
            [CommonColumns.OntvangenOp] = ClientText.Received(request.SendTime),
            [CommonColumns.AntwoordUiterlijk] = DutchDate.Format(request.ReplyDueDate),
            [CommonColumns.KlantnummerShv] = SheetText.Identifier(voorstel.KlantnummerShv),
            [CommonColumns.NaamKlant] = ClientText.Name(voorstel.Klant),
            [CommonColumns.Geboortedatum] = ClientText.BirthDate(voorstel.Klant),
            [CommonColumns.Bsn] = ClientText.Bsn(voorstel.Klant),
            [C.TypeSchuldregeling] = ClientText.Choice(voorstel.TypeSchuldregeling),
            [C.Looptijd] = voorstel.LooptijdMaanden > 0 ? voorstel.LooptijdMaanden.ToString(CultureInfo.InvariantCulture) : string.Empty,
            [C.StartdatumLooptijd] = DutchDate.Format(voorstel.StartdatumLooptijd.ToDateOnly()),
            [C.Uitbetaalmoment] = ClientText.Choice(voorstel.Uitbetaalmoment),
            [C.AangebodenPercentage] = DutchAmount.FormatPercentage(voorstel.TotaalAanbodPercentageBp),
            [C.TotaleSchuldenlast] = DutchAmount.Format(voorstel.TotaleSchuldenlastCent),
            [C.AantalSchuldeisers] = voorstel.AantalSchuldeisers > 0 ? voorstel.AantalSchuldeisers.ToString(CultureInfo.InvariantCulture) : string.Empty,
            [C.AfloscapaciteitPerMaand] = DutchAmount.Format(voorstel.AfloscapaciteitPerMaandCent),
            [C.VtlbPerMaand] = DutchAmount.Format(voorstel.VtlbPerMaandCent),
            [C.Kredietverstrekker] = SheetText.Text(voorstel.Kredietverstrekker?.Naam),
            [C.ToelichtingShv] = SheetText.Text(toelichting),
            [CommonColumns.KlantnummerSe] = SheetText.Identifier(voorstel.KlantnummerSe),
        };

        var claims = voorstel.Vorderingen.Count > 0 ? voorstel.Vorderingen.ToList() : [null];
        foreach (var claim in claims)
        {
            var cells = new Dictionary<string, string>(common);
            if (claim is not null)
            {
                cells[C.FactuurnummerSe] = SheetText.Identifier(claim.FactuurnummerSe);
                cells[C.Vorderingstype] = ClientText.Choice(claim.Vorderingstype);
                cells[C.ActueelVorderingsbedrag] = DutchAmount.Format(claim.ActueelVorderingsbedragCent);
                cells[C.PrognoseEindbedrag] = DutchAmount.Format(claim.PrognoseEindbedragCent);
                cells[C.Afkooppercentage] = DutchAmount.FormatPercentage(claim.AfkooppercentageBp);
            }

            yield return [.. headers.Select(h => cells.GetValueOrDefault(h, string.Empty))];
        }
    }

    private static IMessage? Build(RequestRows rows, DateOnly today)
    {
        rows.RefuseDuplicates(row => (row[C.FactuurnummerSe], C.FactuurnummerSe));
        var akkoord = rows.Choice(CommonColumns.Antwoord, Antwoorden);
        if (akkoord is null)
        {
            if (rows.Problems.All(p => p.Column != CommonColumns.Antwoord))
            {
                rows.Problem(rows.Rows[0].Number, CommonColumns.Antwoord, "Vul het antwoord in: akkoord of niet-akkoord.");
            }

            return null;
        }

        return akkoord.Value ? Akkoord(rows, today) : NietAkkoord(rows);
    }

    private static BetaalvoorstelAntwoordAkkoord Akkoord(RequestRows rows, DateOnly today)
    {
        var voorstel = TermsOf(rows.Request.Bericht);
        foreach (var column in new[] { C.RedenNietAkkoord, C.TegenvoorstelPercentage, C.TegenvoorstelBedrag, C.TegenvoorstelLooptijd })
        {
            rows.MustBeEmpty(column, "bij akkoord; die hoort bij niet-akkoord");
        }

        var antwoord = new BetaalvoorstelAntwoordAkkoord
        {
            // The consent is given when the sheet is imported: that is the day it leaves the creditor.
            DatumAkkoord = today.ToContractDate(),
            KlantnummerSe = KlantnummerSe(rows, voorstel, required: true),
            Betaalgegevens = rows.Betaalgegevens(),
            ContactpersoonSe = rows.Contactpersoon(required: true),
            Toelichting = rows.Text(CommonColumns.Toelichting),
        };
        var voorwaarden = rows.Value<string>(C.Voorwaarden, ParseVoorwaarden);
        if (!string.IsNullOrEmpty(voorwaarden))
        {
            antwoord.Voorwaarden.AddRange(voorwaarden.Split(',').Select(v => Voorwaarden[v]).Distinct());
        }

        var claims = voorstel.Vorderingen.ToDictionary(v => v.FactuurnummerSe, StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows.Rows)
        {
            var factuurnummer = row[C.FactuurnummerSe];
            var bedrag = rows.Amount(row, C.AkkoordBedrag);
            if (factuurnummer.Length == 0)
            {
                if (row[C.AkkoordBedrag].Length > 0)
                {
                    rows.Problem(row.Number, C.FactuurnummerSe, "Vul het factuurnummer in waarvoor het akkoord bedrag geldt.");
                }

                continue;
            }

            if (!claims.TryGetValue(factuurnummer, out var claim))
            {
                rows.Problem(row.Number, C.FactuurnummerSe, $"'{factuurnummer}' komt niet voor in het betaalvoorstel.");
                continue;
            }

            // Blank means: the amount offered for this claim.
            antwoord.Vorderingen.Add(new AkkoordVordering { FactuurnummerSe = claim.FactuurnummerSe, AkkoordBedragCent = bedrag ?? claim.PrognoseEindbedragCent });
        }

        return antwoord;
    }

    private static BetaalvoorstelAntwoordNietAkkoord NietAkkoord(RequestRows rows)
    {
        var voorstel = TermsOf(rows.Request.Bericht);
        foreach (var column in new[] { C.AkkoordBedrag, C.Voorwaarden, CommonColumns.Iban, CommonColumns.Tenaamstelling, CommonColumns.Betaalreferentie })
        {
            rows.MustBeEmpty(column, "bij niet-akkoord; die hoort bij akkoord");
        }

        var reden = rows.Choice(C.RedenNietAkkoord, Redenen);
        var toelichting = rows.Text(CommonColumns.Toelichting);
        if (reden is null && rows.Problems.All(p => p.Column != C.RedenNietAkkoord))
        {
            rows.Problem(rows.Rows[0].Number, C.RedenNietAkkoord, $"Vul de reden in; kies uit: {string.Join(", ", Redenen.Keys.Take(8))}.");
        }
        else if (reden == NietAkkoordReden.Overig && toelichting.Length == 0)
        {
            rows.Problem(rows.Rows[0].Number, CommonColumns.Toelichting, "Vul een toelichting in: die is verplicht bij reden 'overig'.");
        }

        var antwoord = new BetaalvoorstelAntwoordNietAkkoord
        {
            Reden = reden ?? NietAkkoordReden.Unspecified,
            Toelichting = toelichting,
            KlantnummerSe = KlantnummerSe(rows, voorstel, required: false),
            ContactpersoonSe = rows.Contactpersoon(required: true),
        };

        var percentage = rows.Value<int?>(C.TegenvoorstelPercentage, cell => DutchAmount.TryParsePercentage(cell, out var bp) is { } error ? (null, "Percentage " + error) : (bp, null));
        var bedrag = rows.Value<long?>(C.TegenvoorstelBedrag, cell => DutchAmount.TryParse(cell, out var cents) is { } error ? (null, "Bedrag " + error) : (cents, null));
        var looptijd = rows.Value<int?>(C.TegenvoorstelLooptijd, ParseLooptijd);
        if (percentage is not null && bedrag is not null)
        {
            rows.Problem(rows.RowOf(C.TegenvoorstelBedrag), C.TegenvoorstelBedrag, "Geef een tegenvoorstel als percentage óf als bedrag, niet allebei.");
        }

        if (percentage is not null || bedrag is not null || looptijd is not null)
        {
            antwoord.Tegenvoorstel = new Tegenvoorstel();
            if (percentage is { } bp)
            {
                antwoord.Tegenvoorstel.PercentageBp = bp;
            }
            else if (bedrag is { } cents)
            {
                antwoord.Tegenvoorstel.BedragCent = cents;
            }

            if (looptijd is { } maanden)
            {
                antwoord.Tegenvoorstel.LooptijdMaanden = maanden;
            }
        }

        return antwoord;
    }

    private static string KlantnummerSe(RequestRows rows, Betaalvoorstel voorstel, bool required)
    {
        var klantnummer = rows.Text(CommonColumns.KlantnummerSe) is { Length: > 0 } own ? own : voorstel.KlantnummerSe;
        if (required && klantnummer.Length == 0)
        {
            rows.Problem(rows.RowOf(CommonColumns.KlantnummerSe), CommonColumns.KlantnummerSe, "Vul uw eigen klantnummer in: het voorstel noemt er geen.");
        }

        return klantnummer;
    }

    // "finale-kwijting, bkr-afmelding": separated by commas (a ; would split the cell in the CSV).
    private static (string? Value, string? Error) ParseVoorwaarden(string cell)
    {
        var keys = new SortedDictionary<AkkoordVoorwaarde, string>();
        foreach (var part in cell.Split([',', '/', '+'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (RequestRows.ChoiceOf(part, Voorwaarden, out var voorwaarde) is { } error)
            {
                return (null, "Voorwaarde " + error);
            }

            keys[voorwaarde] = Voorwaarden.First(v => v.Value == voorwaarde).Key;
        }

        // In the contract's order, so rows that list the same conditions differently still agree.
        return (string.Join(',', keys.Values), null);
    }

    private static (int? Value, string? Error) ParseLooptijd(string cell) =>
        int.TryParse(cell, NumberStyles.None, CultureInfo.InvariantCulture, out var maanden) && maanden is >= 1 and <= MaxLooptijd
            ? (maanden, null)
            : (null, $"'{cell}' is geen looptijd: geef een heel aantal maanden van 1 tot {MaxLooptijd}.");
}
