using Google.Protobuf;
using Skn.Cli.ListWork.Columns;
using Skn.Sdk;
using Skn.V1;
using C = Skn.Cli.ListWork.Columns.SaldoverzoekColumns;

namespace Skn.Cli.ListWork;

/// <summary>
/// The Saldoverzoeken list: every pending balance request as rows in a sheet (one row per claim the
/// SHV names), and the filled-in sheet back as Saldoverzoek antwoord, Saldoverzoek antwoord vooraf
/// akkoord or Geen medewerking, one answer per request id.
/// </summary>
internal static class SaldoverzoekSheet
{
    private static readonly Dictionary<string, AntwoordKind> Antwoorden = new()
    {
        ["saldo"] = AntwoordKind.Saldo,
        ["vooraf-akkoord"] = AntwoordKind.VoorafAkkoord,
        ["geen-medewerking"] = AntwoordKind.GeenMedewerking,
    };

    private static readonly Dictionary<string, Schuldtype> Schuldtypen = new()
    {
        ["openstaand"] = Schuldtype.OpenstaandeSchuld,
        ["openstaande-schuld"] = Schuldtype.OpenstaandeSchuld,
        ["overgedragen"] = Schuldtype.OvergedragenSchuld,
        ["overgedragen-schuld"] = Schuldtype.OvergedragenSchuld,
        ["onbekend"] = Schuldtype.OnbekendeSchuldBijSe,
        ["onbekende-schuld"] = Schuldtype.OnbekendeSchuldBijSe,
    };

    private static readonly Dictionary<string, VoorafAkkoordGrondslag> Grondslagen = new()
    {
        ["collectief-schuldregelen"] = VoorafAkkoordGrondslag.CollectiefSchuldregelen,
        ["nvvk-convenant"] = VoorafAkkoordGrondslag.NvvkConvenantBijVoorbaat,
        ["nvvk-convenant-bij-voorbaat"] = VoorafAkkoordGrondslag.NvvkConvenantBijVoorbaat,
    };

    private static readonly Dictionary<string, GeenMedewerkingReden> Redenen = new()
    {
        ["klant-onbekend"] = GeenMedewerkingReden.KlantOnbekend,
        ["recent-finale-kwijting"] = GeenMedewerkingReden.RecentFinaleKwijting,
        ["recent-poging-stabilisatie"] = GeenMedewerkingReden.RecentPogingStabilisatie,
        ["geen-samenwerking-met-shv"] = GeenMedewerkingReden.GeenSamenwerkingMetShv,
        ["overig"] = GeenMedewerkingReden.Overig,
        ["geen-samenwerking"] = GeenMedewerkingReden.GeenSamenwerkingMetShv,
    };

    private static readonly string[] AmountColumns = [C.OorspronkelijkBedrag, C.Hoofdsom, C.Rente, C.Kosten, C.GerechtelijkeKosten, C.OpenstaandSaldo];

    private enum AntwoordKind
    {
        Saldo,
        VoorafAkkoord,
        GeenMedewerking,
    }

    /// <summary>Writes the export: UTF-8 with BOM, <c>;</c>, CRLF; one row per claim, answer columns blank.</summary>
    public static void Write(Stream output, IEnumerable<PendingRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var verzoeken = requests.Where(r => r.Bericht is Saldoverzoek).ToList();
        var withBsn = verzoeken.Any(r => ((Saldoverzoek)r.Bericht).Klant is { HasBsn: true });
        var headers = C.All(withBsn);
        SheetWriter.Write(output, headers, verzoeken.SelectMany(r => Rows(r, headers)));
    }

    /// <summary>Reads a filled-in sheet; see <see cref="SheetImport"/> for what is refused and skipped.</summary>
    public static SheetReadResult Read(Stream input, Func<string, (RequestStatus Status, PendingRequest? Request)> lookup, DateOnly today) =>
        SheetImport.Run(input, Kind(today), lookup, today);

    /// <summary>Writes the refused rows of <paramref name="originalInput"/> with a Fout column.</summary>
    public static void WriteErrors(Stream output, Stream originalInput, SheetReadResult result) =>
        SheetImport.WriteErrors(output, originalInput, result, Kind(default));

    // Every column is known on import, BSN included: a sheet is read the same whatever it exported.
    private static SheetKind Kind(DateOnly today) =>
        new("Saldoverzoek", C.All(withBsn: true), C.Required, C.Entry, bericht => bericht is Saldoverzoek, rows => Build(rows, today));

    private static IEnumerable<IReadOnlyList<string>> Rows(PendingRequest request, IReadOnlyList<string> headers)
    {
        var verzoek = (Saldoverzoek)request.Bericht;
        var (street, postcode, place) = ClientText.Address(verzoek.Adres);
        var common = new Dictionary<string, string>
        {
            [CommonColumns.VerzoekId] = request.MessageId,
            [CommonColumns.AfzenderOin] = SheetText.Identifier(request.SenderOin),
            [CommonColumns.Afzender] = SheetText.Text(request.SenderName),
            [CommonColumns.Dossier] = request.ConversationId,
            [CommonColumns.OntvangenOp] = ClientText.Received(request.SendTime),
            [CommonColumns.AntwoordUiterlijk] = DutchDate.Format(request.ReplyDueDate),
            [CommonColumns.KlantnummerShv] = SheetText.Identifier(verzoek.KlantnummerShv),
            [C.KlantnummerSeVolgensShv] = SheetText.Identifier(verzoek.KlantnummerSeVolgensShv),
            [CommonColumns.NaamKlant] = ClientText.Name(verzoek.Klant),
            [CommonColumns.Geboortedatum] = ClientText.BirthDate(verzoek.Klant),
            [CommonColumns.Bsn] = ClientText.Bsn(verzoek.Klant),
            [C.Adres] = street,
            [C.Postcode] = postcode,
            [C.Woonplaats] = place,
            [C.CollectiefSchuldregelen] = verzoek.CollectiefSchuldregelen ? "ja" : "nee",
            [C.Peildatum] = DutchDate.Format(verzoek.Peildatum.ToDateOnly()),
        };

        // A request without claims still gets a row, so it can be answered (geen-medewerking, say).
        var claims = verzoek.Vorderingen.Count > 0 ? verzoek.Vorderingen.ToList() : [null];
        foreach (var claim in claims)
        {
            var cells = new Dictionary<string, string>(common)
            {
                [C.FactuurnummerVolgensShv] = SheetText.Identifier(claim?.FactuurnummerSeVolgensShv),
                [C.Omschrijving] = SheetText.Text(claim?.Omschrijving),
                [C.BedragVolgensShv] = claim is { HasBedragVolgensShvCent: true } ? DutchAmount.Format(claim.BedragVolgensShvCent) : string.Empty,
            };
            yield return [.. headers.Select(h => cells.GetValueOrDefault(h, string.Empty))];
        }
    }

    private static IMessage? Build(RequestRows rows, DateOnly today)
    {
        rows.RefuseDuplicates(row => row[C.FactuurnummerSe].Length > 0
            ? (row[C.FactuurnummerSe], C.FactuurnummerSe)
            : (row[C.FactuurnummerVolgensShv], C.FactuurnummerVolgensShv));
        var kind = rows.Choice(CommonColumns.Antwoord, Antwoorden);
        if (kind is null)
        {
            if (rows.Problems.All(p => p.Column != CommonColumns.Antwoord))
            {
                rows.Problem(rows.Rows[0].Number, CommonColumns.Antwoord, "Vul het antwoord in: saldo, vooraf-akkoord of geen-medewerking.");
            }

            return null;
        }

        return kind == AntwoordKind.GeenMedewerking ? GeenMedewerking(rows) : Saldo(rows, kind.Value, today);
    }

    private static IMessage Saldo(RequestRows rows, AntwoordKind kind, DateOnly today)
    {
        var verzoek = (Saldoverzoek)rows.Request.Bericht;
        rows.MustBeEmpty(C.RedenGeenMedewerking, "bij een saldo-antwoord; die reden hoort bij geen-medewerking");
        var klantnummerSe = rows.Text(CommonColumns.KlantnummerSe) is { Length: > 0 } own ? own : verzoek.KlantnummerSeVolgensShv;
        if (klantnummerSe.Length == 0)
        {
            rows.Problem(rows.RowOf(CommonColumns.KlantnummerSe), CommonColumns.KlantnummerSe, "Vul uw eigen klantnummer in: het verzoek noemt er geen.");
        }

        var peildatum = rows.Value(C.Peildatum, ParseDate) ?? verzoek.Peildatum.ToDateOnly();
        if (peildatum is null)
        {
            rows.Problem(rows.RowOf(C.Peildatum), C.Peildatum, "Vul de peildatum van het saldo in (dag-maand-jaar).");
        }

        var antwoord = new SaldoverzoekAntwoord
        {
            KlantnummerSe = klantnummerSe,
            ContactpersoonSe = rows.Contactpersoon(required: true),
            Peildatum = peildatum?.ToContractDate(),
            Betaalgegevens = rows.Betaalgegevens(),
            Toelichting = rows.Text(CommonColumns.Toelichting),
        };
        var references = verzoek.Vorderingen.Select(v => v.FactuurnummerSeVolgensShv).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows.Rows)
        {
            if (Vordering(rows, row, references, today) is { } vordering)
            {
                antwoord.Vorderingen.Add(vordering);
            }
        }

        antwoord.TotaalOpenstaandCent = antwoord.Vorderingen.Sum(v => v.OpenstaandSaldoCent);
        if (kind == AntwoordKind.Saldo)
        {
            rows.MustBeEmpty(C.GrondslagVoorafAkkoord, "bij een saldo-antwoord; kies vooraf-akkoord om akkoord te geven");
            return antwoord;
        }

        // The CSV definition's "Standaard akkoord" is a plain yes: without a stated ground, the
        // Collectief Schuldregelen scheme is the ground it stands for.
        var grondslag = rows.Choice(C.GrondslagVoorafAkkoord, Grondslagen) ?? VoorafAkkoordGrondslag.CollectiefSchuldregelen;
        return new SaldoverzoekAntwoordVoorafAkkoord { Saldo = antwoord, Grondslag = grondslag };
    }

    private static Vordering? Vordering(RequestRows rows, SheetRow row, HashSet<string> references, DateOnly today)
    {
        var reference = row[C.FactuurnummerVolgensShv];
        if (reference.Length > 0 && !references.Contains(reference))
        {
            rows.Problem(row.Number, C.FactuurnummerVolgensShv, $"'{reference}' komt niet voor in het saldoverzoek: laat de factuurnummers van de SHV staan en zet uw eigen nummer in '{C.FactuurnummerSe}'.");
        }

        var factuurnummer = row[C.FactuurnummerSe] is { Length: > 0 } own ? own : reference;
        if (factuurnummer.Length == 0)
        {
            rows.Problem(row.Number, C.FactuurnummerSe, "Vul het factuurnummer in.");
        }

        var schuldtype = Schuldtype.OpenstaandeSchuld;
        if (row[C.Schuldtype].Length > 0 && RequestRows.ChoiceOf(row[C.Schuldtype], Schuldtypen, out schuldtype) is { } typeError)
        {
            rows.Problem(row.Number, C.Schuldtype, typeError);
        }

        var ontstaan = rows.Date(row, C.Ontstaansdatum);
        if (ontstaan > today)
        {
            rows.Problem(row.Number, C.Ontstaansdatum, $"{DutchDate.Format(ontstaan.Value)} ligt in de toekomst: een vordering ontstaat niet later dan vandaag.");
        }

        var amounts = AmountColumns.ToDictionary(c => c, c => rows.Amount(row, c));
        long Part(string column) => amounts[column] ?? 0;
        var partsGiven = new[] { C.Hoofdsom, C.Rente, C.Kosten, C.GerechtelijkeKosten }.Any(c => amounts[c] is not null);
        var sum = Part(C.Hoofdsom) + Part(C.Rente) + Part(C.Kosten) + Part(C.GerechtelijkeKosten);
        var saldo = amounts[C.OpenstaandSaldo];
        if (partsGiven && saldo is null && row[C.OpenstaandSaldo].Length == 0)
        {
            saldo = sum;
        }
        else if (partsGiven && saldo is not null && saldo != sum)
        {
            rows.Problem(row.Number, C.OpenstaandSaldo, $"{DutchAmount.Format(saldo.Value)} is niet hoofdsom + rente + kosten + gerechtelijke kosten ({DutchAmount.Format(sum)}); laat het leeg om het te laten uitrekenen.");
        }
        else if (!partsGiven && row[C.OpenstaandSaldo].Length == 0 && schuldtype != Schuldtype.OnbekendeSchuldBijSe)
        {
            rows.Problem(row.Number, C.OpenstaandSaldo, "Vul het openstaand saldo in, of hoofdsom, rente en kosten (of Schuldtype 'onbekend' als u de vordering niet kent).");
        }

        return new Vordering
        {
            FactuurnummerSe = factuurnummer,
            FactuurnummerSeVolgensShv = references.Contains(reference) ? reference : string.Empty,
            Schuldtype = schuldtype,
            Ontstaansdatum = ontstaan?.ToContractDate(),
            OorspronkelijkeVorderingCent = Part(C.OorspronkelijkBedrag),
            HoofdsomCent = Part(C.Hoofdsom),
            RenteCent = Part(C.Rente),
            KostenCent = Part(C.Kosten),
            GerechtelijkeKostenCent = Part(C.GerechtelijkeKosten),
            OpenstaandSaldoCent = saldo ?? 0,
        };
    }

    private static GeenMedewerking GeenMedewerking(RequestRows rows)
    {
        foreach (var column in AmountColumns.Append(C.GrondslagVoorafAkkoord))
        {
            rows.MustBeEmpty(column, "bij geen-medewerking");
        }

        var reden = rows.Choice(C.RedenGeenMedewerking, Redenen);
        var toelichting = rows.Text(CommonColumns.Toelichting);
        if (reden is null && rows.Problems.All(p => p.Column != C.RedenGeenMedewerking))
        {
            rows.Problem(rows.Rows[0].Number, C.RedenGeenMedewerking, $"Vul de reden in; kies uit: {string.Join(", ", Redenen.Keys.Take(5))}.");
        }
        else if (reden == GeenMedewerkingReden.Overig && toelichting.Length == 0)
        {
            rows.Problem(rows.Rows[0].Number, CommonColumns.Toelichting, "Vul een toelichting in: die is verplicht bij reden 'overig'.");
        }

        return new GeenMedewerking
        {
            Reden = reden ?? GeenMedewerkingReden.Unspecified,
            Toelichting = toelichting,
            ContactpersoonSe = rows.Contactpersoon(required: false),
            KlantnummerSe = rows.Text(CommonColumns.KlantnummerSe),
        };
    }

    private static (DateOnly? Value, string? Error) ParseDate(string cell) =>
        DutchDate.TryParse(cell, out var date) is { } error ? (null, "Datum " + error) : (date, null);
}
