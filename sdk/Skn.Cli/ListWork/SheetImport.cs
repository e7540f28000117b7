using Google.Protobuf;
using Skn.Cli.ListWork.Columns;
using Skn.Sdk.Rules;
using Skn.V1;

namespace Skn.Cli.ListWork;

/// <summary>What a sheet kind contributes to an import: its columns and how rows become an answer.</summary>
internal sealed record SheetKind(
    string Name,
    IReadOnlyList<string> Columns,
    IReadOnlyList<string> Required,
    IReadOnlyList<string> Entry,
    Func<IMessage, bool> Answers,
    Func<RequestRows, IMessage?> Build);

/// <summary>
/// The import both sheets share. Every row is read and every problem collected before anything is
/// decided; rows are grouped by request id; a request is answered only when none of its rows has a
/// problem and the answer passes the SDK's content rules (the same ones the send will run), so what
/// is returned as an answer will not be refused later for its content.
/// </summary>
internal static class SheetImport
{
    private static readonly IReadOnlySet<ParticipantAttribute> NoAttributes = new HashSet<ParticipantAttribute>();

    public static SheetReadResult Run(Stream input, SheetKind kind, Func<string, (RequestStatus Status, PendingRequest? Request)> lookup, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var table = SheetReader.Read(input, kind.Columns, kind.Required);
        var problems = new List<SheetProblem>(table.FileProblems);
        var refused = new SortedSet<int>(table.FileProblems.Where(p => p.Row > 1).Select(p => p.Row));
        var rows = table.Rows.Where(r => !r.IsBlank).ToList();
        if (table.FileProblems.Any(p => p.Row == 1))
        {
            // Without the key columns no row can be read reliably: the whole file goes back.
            refused.UnionWith(rows.Select(r => r.Number));
            return new SheetReadResult([], [], Sorted(problems), [.. refused]);
        }

        var answers = new List<SheetAnswer>();
        var skipped = new List<string>();
        foreach (var row in rows.Where(r => r[CommonColumns.VerzoekId].Length == 0))
        {
            problems.Add(new SheetProblem(row.Number, CommonColumns.VerzoekId, "Het verzoek-id ontbreekt: elke regel hoort bij een verzoek uit de export."));
            refused.Add(row.Number);
        }

        var groups = rows.Where(r => r[CommonColumns.VerzoekId].Length > 0)
            .GroupBy(r => r[CommonColumns.VerzoekId], StringComparer.OrdinalIgnoreCase);
        foreach (var group in groups)
        {
            var groupRows = group.ToList();
            var (status, request) = lookup(group.Key);
            if (status == RequestStatus.Answered)
            {
                skipped.Add(group.Key);
                continue;
            }

            var rowProblems = new List<SheetProblem>();
            IMessage? answer = null;
            if (status != RequestStatus.Pending || request is null)
            {
                rowProblems.AddRange(groupRows.Select(r => new SheetProblem(r.Number, CommonColumns.VerzoekId, $"Onbekend verzoek '{group.Key}': het staat niet (meer) open voor u. Gebruik de regels van een nieuwe export.")));
            }
            else if (!kind.Answers(request.Bericht))
            {
                rowProblems.AddRange(groupRows.Select(r => new SheetProblem(r.Number, CommonColumns.VerzoekId, $"Verzoek '{group.Key}' is een {request.Bericht.Descriptor.Name}, geen {kind.Name}: gebruik het andere lijstwerkbestand.")));
            }
            else if (groupRows.All(r => kind.Entry.All(c => r[c].Length == 0)))
            {
                // Nothing filled in: the request is simply not answered in this upload.
                continue;
            }
            else
            {
                var requestRows = new RequestRows(group.Key, request, groupRows);
                answer = kind.Build(requestRows);
                rowProblems.AddRange(requestRows.Problems);
                if (rowProblems.Count == 0 && answer is not null)
                {
                    rowProblems.AddRange(ContentProblems(answer, today, groupRows[0].Number));
                }
            }

            if (rowProblems.Count == 0 && answer is not null)
            {
                answers.Add(new SheetAnswer(request!, answer, [.. groupRows.Select(r => r.Number)]));
                continue;
            }

            // One answer per request: a problem in any of its rows refuses all of them, and the clean
            // rows say why, so the errors sheet explains every row it contains.
            var bad = rowProblems.Select(p => p.Row).ToHashSet();
            foreach (var clean in groupRows.Where(r => !bad.Contains(r.Number)))
            {
                rowProblems.Add(new SheetProblem(clean.Number, string.Empty, $"Niet verwerkt: rij {string.Join(", ", bad.Order())} van hetzelfde verzoek bevat fouten."));
            }

            problems.AddRange(rowProblems);
            refused.UnionWith(groupRows.Select(r => r.Number));
        }

        return new SheetReadResult(answers, skipped, Sorted(problems), [.. refused]);
    }

    /// <summary>Writes the refused rows as they were, plus a Fout column with their problems.</summary>
    public static void WriteErrors(Stream output, Stream originalInput, SheetReadResult result, SheetKind kind)
    {
        ArgumentNullException.ThrowIfNull(result);
        var table = SheetReader.Read(originalInput, kind.Columns, []);
        var foutIndex = table.Headers.ToList().FindIndex(h => h.Trim().Equals(CommonColumns.Fout, StringComparison.OrdinalIgnoreCase));
        var keep = Enumerable.Range(0, table.Headers.Count).Where(i => i != foutIndex).ToList();
        var headers = keep.Select(i => table.Headers[i]).Append(CommonColumns.Fout).ToList();
        var fileProblems = result.Problems.Where(p => p.Row == 1).ToList();
        var refused = result.RefusedRows.ToHashSet();
        var rows = table.Rows.Where(r => refused.Contains(r.Number)).Select(row =>
        {
            var own = result.Problems.Where(p => p.Row == row.Number).ToList();
            var fout = string.Join(" | ", (own.Count > 0 ? own : fileProblems).Select(Describe));
            return (IReadOnlyList<string>)[.. keep.Select(i => i < row.Raw.Count ? row.Raw[i] : string.Empty), fout];
        });
        SheetWriter.Write(output, headers, rows);
    }

    private static string Describe(SheetProblem problem) =>
        problem.Column.Length == 0 ? problem.Message : $"{problem.Column}: {problem.Message}";

    private static IReadOnlyList<SheetProblem> Sorted(List<SheetProblem> problems) =>
        [.. problems.Distinct().OrderBy(p => p.Row)];

    // The recipient's attributes are unknown here; an answer from a creditor carries no BSN, meter
    // readings or VTLB, so the attribute rules cannot fail on it and "no attributes" is exact enough.
    private static IEnumerable<SheetProblem> ContentProblems(IMessage answer, DateOnly today, int row)
    {
        var content = new Content();
        var field = Content.Descriptor.Oneofs[0].Fields.Single(f => f.MessageType == answer.Descriptor);
        field.Accessor.SetValue(content, answer);
        return ContentRules.Check(content, NoAttributes, today)
            .Select(v => new SheetProblem(row, string.Empty, $"Het antwoord is niet geldig: {v.Field} {v.Description}"));
    }
}
