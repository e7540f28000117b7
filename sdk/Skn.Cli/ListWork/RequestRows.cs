using Skn.Cli.ListWork.Columns;

namespace Skn.Cli.ListWork;

/// <summary>
/// The rows of one request in an imported sheet, and the problems found in them. The helpers parse a
/// cell and record a problem naming row and column when it does not parse, so a sheet builder can read
/// every cell and report every problem in one pass instead of stopping at the first.
/// </summary>
internal sealed class RequestRows
{
    private readonly List<SheetProblem> _problems = [];

    public RequestRows(string requestId, PendingRequest request, IReadOnlyList<SheetRow> rows)
    {
        RequestId = requestId;
        Request = request;
        Rows = rows;
    }

    /// <summary>The request id the rows share.</summary>
    public string RequestId { get; }

    /// <summary>The pending request the rows answer.</summary>
    public PendingRequest Request { get; }

    /// <summary>The rows, in sheet order.</summary>
    public IReadOnlyList<SheetRow> Rows { get; }

    /// <summary>The problems found so far.</summary>
    public IReadOnlyList<SheetProblem> Problems => _problems;

    /// <summary>Records a problem.</summary>
    public void Problem(int row, string column, string message) => _problems.Add(new SheetProblem(row, column, message));

    /// <summary>
    /// A per-request text (the answer, the contact person, ...): it may be filled in on one row only,
    /// or repeated on every row, but rows that fill it in must agree.
    /// </summary>
    public string Text(string column) => Value<string>(column, v => (v, null)) ?? string.Empty;

    /// <summary>A per-request value parsed by <paramref name="parse"/>; rows must agree on the parsed value.</summary>
    /// <returns>The value, or null when blank everywhere or when a row does not parse (recorded).</returns>
    public T? Value<T>(string column, Func<string, (T? Value, string? Error)> parse)
    {
        T? agreed = default;
        int? agreedRow = null;
        foreach (var row in Rows)
        {
            var cell = row[column];
            if (cell.Length == 0)
            {
                continue;
            }

            var (value, error) = parse(cell);
            if (error is not null)
            {
                Problem(row.Number, column, error);
                continue;
            }

            if (agreedRow is null)
            {
                (agreed, agreedRow) = (value, row.Number);
            }
            else if (!EqualityComparer<T?>.Default.Equals(agreed, value))
            {
                Problem(row.Number, column, $"'{cell}' verschilt van rij {agreedRow}: de regels van één verzoek moeten hier hetzelfde zeggen (of laat de andere regels leeg).");
            }
        }

        return agreed;
    }

    /// <summary>An amount in cents in one row's cell; null when blank or wrong (recorded).</summary>
    public long? Amount(SheetRow row, string column)
    {
        var cell = row[column];
        if (cell.Length == 0)
        {
            return null;
        }

        if (DutchAmount.TryParse(cell, out var cents) is { } error)
        {
            Problem(row.Number, column, "Bedrag " + error);
            return null;
        }

        return cents;
    }

    /// <summary>A date in one row's cell; null when blank or wrong (recorded).</summary>
    public DateOnly? Date(SheetRow row, string column)
    {
        var cell = row[column];
        if (cell.Length == 0)
        {
            return null;
        }

        if (DutchDate.TryParse(cell, out var date) is { } error)
        {
            Problem(row.Number, column, "Datum " + error);
            return null;
        }

        return date;
    }

    /// <summary>Refuses values in a column that does not fit the chosen answer, so nothing typed is silently lost.</summary>
    public void MustBeEmpty(string column, string why)
    {
        foreach (var row in Rows.Where(r => r[column].Length > 0))
        {
            Problem(row.Number, column, $"Laat deze kolom leeg {why}.");
        }
    }

    /// <summary>
    /// Refuses a second row with the same request id and the same claim: a copied row would otherwise
    /// count the claim twice.
    /// </summary>
    public void RefuseDuplicates(Func<SheetRow, (string Key, string Column)> key)
    {
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in Rows)
        {
            var (value, column) = key(row);
            if (value.Length == 0)
            {
                continue;
            }

            if (!seen.TryAdd(value, row.Number))
            {
                Problem(row.Number, column, $"Dubbele regel: rij {seen[value]} heeft al hetzelfde verzoek en factuurnummer '{value}'.");
            }
        }
    }

    /// <summary>A per-request enumerated choice, by one of its spellings (case and spaces ignored).</summary>
    public T? Choice<T>(string column, IReadOnlyDictionary<string, T> choices)
        where T : struct =>
        Value<T?>(column, cell => ChoiceOf(cell, choices, out var value) is { } error ? (null, error) : (value, null));

    /// <summary>Looks up a readable name such as <c>percentage-te-laag</c> or "Percentage te laag".</summary>
    /// <returns>Null when known, otherwise the problem (listing the valid names).</returns>
    public static string? ChoiceOf<T>(string cell, IReadOnlyDictionary<string, T> choices, out T value)
    {
        var key = string.Join('-', cell.Trim().ToLowerInvariant().Split([' ', '_', '-'], StringSplitOptions.RemoveEmptyEntries));
        if (choices.TryGetValue(key, out value!))
        {
            return null;
        }

        var names = choices.GroupBy(c => c.Value).Select(g => g.First().Key);
        return $"'{cell}' is geen geldige keuze; kies uit: {string.Join(", ", names)}.";
    }

    /// <summary>The contact person, or null when none is given; a given one must be reachable.</summary>
    public V1.Contactpersoon? Contactpersoon(bool required)
    {
        var naam = Text(CommonColumns.ContactNaam);
        var telefoon = Text(CommonColumns.ContactTelefoon);
        var email = Text(CommonColumns.ContactEmail);
        var first = Rows[0].Number;
        if (naam.Length == 0 && telefoon.Length == 0 && email.Length == 0)
        {
            if (required)
            {
                Problem(first, CommonColumns.ContactNaam, "Vul de contactpersoon in (naam en telefoon of e-mail): deze is verplicht bij dit antwoord.");
            }

            return null;
        }

        if (naam.Length == 0)
        {
            Problem(first, CommonColumns.ContactNaam, "Vul de naam van de contactpersoon in.");
        }

        if (telefoon.Length == 0 && email.Length == 0)
        {
            Problem(first, CommonColumns.ContactTelefoon, "Vul een telefoonnummer of e-mailadres van de contactpersoon in.");
        }
        else if (email.Length > 0 && (!email.Contains('@', StringComparison.Ordinal) || email.Contains(' ', StringComparison.Ordinal)))
        {
            Problem(RowOf(CommonColumns.ContactEmail), CommonColumns.ContactEmail, $"'{email}' is geen e-mailadres.");
        }

        return new V1.Contactpersoon { Naam = naam, Telefoonnummer = telefoon, Email = email };
    }

    /// <summary>The payment details, or null when none are given.</summary>
    public V1.Betaalgegevens? Betaalgegevens()
    {
        var iban = Value<string>(CommonColumns.Iban, cell => Skn.Cli.ListWork.Iban.Normalize(cell) is { } normal ? (normal, null) : ((string?)null, $"'{cell}' is geen geldig IBAN (controleer de cijfers)."));
        var tenaamstelling = Text(CommonColumns.Tenaamstelling);
        var betaalreferentie = Text(CommonColumns.Betaalreferentie);
        if (iban is null && tenaamstelling.Length == 0 && betaalreferentie.Length == 0)
        {
            return null;
        }

        return new V1.Betaalgegevens { Iban = iban ?? string.Empty, Tenaamstelling = tenaamstelling, Betaalreferentie = betaalreferentie };
    }

    /// <summary>The first row with a value in <paramref name="column"/>, else the first row.</summary>
    public int RowOf(string column) => (Rows.FirstOrDefault(r => r[column].Length > 0) ?? Rows[0]).Number;
}
