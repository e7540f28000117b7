using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Google.Protobuf;
using Skn.Cli.ListWork;
using Skn.Sdk;
using Skn.Sdk.Rules;
using Skn.V1;

namespace Skn.Cli.Tests.ListWork;

/// <summary>
/// Pending requests of two dossiers as a creditor receives them, plus the hands of a person working
/// the sheet: export, change cells the way Excel saves them, import again.
/// </summary>
internal static class ListWorkFixtures
{
    public const string ShvOin = "00000099000000000001";
    public static readonly DateOnly Today = new(2026, 5, 4);

    public static readonly string JansenId = "7d9a3c52-0b1e-4f4e-9a55-3c1f0f6a0001";
    public static readonly string De_BoerId = "7d9a3c52-0b1e-4f4e-9a55-3c1f0f6a0002";
    public static readonly string VoorstelId = "7d9a3c52-0b1e-4f4e-9a55-3c1f0f6a0003";

    public static Persoon Klant(string achternaam, string? voorvoegsel = null) => new()
    {
        Geslacht = Geslacht.Vrouw,
        Voorletters = "J.M.",
        Voornamen = "Johanna Maria",
        Voorvoegsel = voorvoegsel ?? string.Empty,
        Achternaam = achternaam,
        Geboortedatum = new DateOnly(1984, 3, 12).ToContractDate(),
    };

    /// <summary>Johanna Jansen: two claims, as in the SDK's end-to-end berichten.</summary>
    public static PendingRequest Jansen() => Request(JansenId, new Saldoverzoek
    {
        KlantnummerShv = "SHV-2026-0042",
        KlantnummerSeVolgensShv = "0088231",
        TypeSchuldregeling = TypeSchuldregeling.Schuldbemiddeling,
        Klant = Klant("Jansen"),
        Adres = new Adres { NederlandsAdres = new NederlandsAdres { Straatnaam = "Dorpsstraat", Huisnummer = 12, Huisletter = "a", Postcode = "1234AB", Woonplaats = "Voorbeeldstad" } },
        ContactpersoonShv = new Contactpersoon { Naam = "P. de Vries", Telefoonnummer = "0301234567" },
        Peildatum = Today.ToContractDate(),
        Gemeentecode = "0344",
        Vorderingen =
        {
            new VorderingVerwijzing { FactuurnummerSeVolgensShv = "F-2026-0311", Omschrijving = "Belastingaanslag 2025; tweede termijn", BedragVolgensShvCent = 81_250 },
            new VorderingVerwijzing { FactuurnummerSeVolgensShv = "F-2026-0412" },
        },
    });

    /// <summary>Eline de Boer: one claim, a name with Dutch characters.</summary>
    public static PendingRequest DeBoer() => Request(De_BoerId, new Saldoverzoek
    {
        KlantnummerShv = "SHV-2026-0077",
        Klant = Klant("Boër-IJsselmeer", "de"),
        Adres = new Adres { NederlandsAdres = new NederlandsAdres { Straatnaam = "Kerkstraat", Huisnummer = 3, Postcode = "5678CD", Woonplaats = "IJsselstein" } },
        ContactpersoonShv = new Contactpersoon { Naam = "P. de Vries", Telefoonnummer = "0301234567" },
        Peildatum = Today.ToContractDate(),
        Vorderingen = { new VorderingVerwijzing { FactuurnummerSeVolgensShv = "H-77" } },
        CollectiefSchuldregelen = true,
    });

    public static PendingRequest Voorstel() => Request(VoorstelId, new Betaalvoorstel
    {
        KlantnummerShv = "SHV-2026-0042",
        KlantnummerSe = "K-88231",
        Klant = Klant("Jansen"),
        TypeSchuldregeling = TypeSchuldregeling.Schuldbemiddeling,
        LooptijdMaanden = 18,
        StartdatumLooptijd = Today.AddMonths(1).ToContractDate(),
        TotaleSchuldenlastCent = 1_250_000,
        AantalSchuldeisers = 4,
        AfloscapaciteitPerMaandCent = 12_500,
        VtlbPerMaandCent = 145_000,
        Uitbetaalmoment = Uitbetaalmoment.Periodiek,
        TotaalAanbodPercentageBp = 1_800,
        ContactpersoonShv = new Contactpersoon { Naam = "P. de Vries", Telefoonnummer = "0301234567" },
        Toelichting = "Voorstel volgens NVVK; zie de VTLB.",
        Vorderingen =
        {
            new VoorstelVordering { FactuurnummerSe = "F-2026-0311", ActueelVorderingsbedragCent = 81_250, PrognoseEindbedragCent = 14_625, AfkooppercentageBp = 1_800, Vorderingstype = Vorderingstype.Concurrent },
            new VoorstelVordering { FactuurnummerSe = "F-2026-0412", ActueelVorderingsbedragCent = 45_500, PrognoseEindbedragCent = 8_190, AfkooppercentageBp = 1_800, Vorderingstype = Vorderingstype.Concurrent },
        },
    });

    public static PendingRequest Request(string id, IMessage bericht) => new(
        id, ShvOin, "Gemeente Voorbeeldstad", "c0a80101-0000-4000-8000-" + id[^12..], new DateTimeOffset(2026, 4, 28, 9, 30, 0, TimeSpan.Zero), Today.AddDays(8), bericht);

    /// <summary>A lookup over <paramref name="pending"/>, with <paramref name="answered"/> ids already answered.</summary>
    public static Func<string, (RequestStatus, PendingRequest?)> Lookup(IEnumerable<PendingRequest> pending, params string[] answered)
    {
        var byId = pending.ToDictionary(r => r.MessageId, StringComparer.OrdinalIgnoreCase);
        return id => answered.Contains(id, StringComparer.OrdinalIgnoreCase) ? (RequestStatus.Answered, null)
            : byId.TryGetValue(id, out var request) ? (RequestStatus.Pending, request) : (RequestStatus.Unknown, null);
    }

    public static Stream Utf8(string text, bool bom = true) =>
        new MemoryStream([.. bom ? new byte[] { 0xEF, 0xBB, 0xBF } : [], .. Encoding.UTF8.GetBytes(text)]);

    public static string Text(MemoryStream stream) => Encoding.UTF8.GetString(stream.ToArray());

    /// <summary>The problems as one readable text, so a failing assertion shows them.</summary>
    public static string Describe(IEnumerable<SheetProblem> problems) =>
        string.Join(Environment.NewLine, problems.Select(p => $"{p.Row} [{p.Column}] {p.Message}"));

    /// <summary>The SDK's verdict on an answer, for a recipient without attributes.</summary>
    public static IReadOnlyList<SknFieldViolation> Violations(IMessage answer)
    {
        var content = new Content();
        Content.Descriptor.Oneofs[0].Fields.Single(f => f.MessageType == answer.Descriptor).Accessor.SetValue(content, answer);
        return ContentRules.Check(content, new HashSet<ParticipantAttribute>(), Today);
    }
}

/// <summary>A sheet as a person edits it: a grid of cells addressed by Excel row and column header.</summary>
internal sealed class EditableSheet
{
    private readonly List<List<string>> _cells;

    private EditableSheet(List<List<string>> cells) => _cells = cells;

    public static EditableSheet Export(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return Parse(new MemoryStream(stream.ToArray()));
    }

    public static EditableSheet Parse(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var parser = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = ";" });
        var cells = new List<List<string>>();
        while (parser.Read())
        {
            cells.Add([.. parser.Record!]);
        }

        return new EditableSheet(cells);
    }

    public IReadOnlyList<string> Headers => _cells[0];

    public int RowCount => _cells.Count;

    public string this[int excelRow, string column]
    {
        get => _cells[excelRow - 1][Index(column)];
        set => _cells[excelRow - 1][Index(column)] = value;
    }

    /// <summary>Fills <paramref name="values"/> (column → text) into an Excel row.</summary>
    public EditableSheet Fill(int excelRow, params (string Column, string Value)[] values)
    {
        foreach (var (column, value) in values)
        {
            this[excelRow, column] = value;
        }

        return this;
    }

    public void RemoveColumn(string column)
    {
        var index = Index(column);
        _cells.ForEach(r => r.RemoveAt(index));
    }

    public void AddRowCopy(int excelRow) => _cells.Add([.. _cells[excelRow - 1]]);

    /// <summary>Saves as Excel's "CSV UTF-8": BOM, semicolons, CRLF, quotes only where needed.</summary>
    public Stream Save()
    {
        var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(true), leaveOpen: true))
        using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = ";", NewLine = "\r\n" }))
        {
            foreach (var row in _cells)
            {
                row.ForEach(csv.WriteField);
                csv.NextRecord();
            }
        }

        stream.Position = 0;
        return stream;
    }

    private int Index(string column) => _cells[0].FindIndex(h => h == column) is var i and >= 0 ? i : throw new ArgumentException($"No column {column}.");
}
