using System.CommandLine;
using Skn.Cli.Errors;
using Skn.Cli.ListWork;
using Skn.Contracts.Rules;
using Skn.Sdk;
using Skn.V1;
using Spectre.Console;

namespace Skn.Cli.Commands;

/// <summary>
/// <c>skn csv export | import</c>: list work for creditors without a system coupling (seed 004,
/// "Handmatig of lijstwerk"). Export writes every open request into one spreadsheet; import checks
/// every row first, then sends each answer and acknowledges its request only after the answer is
/// durably sent. Answers carry idempotency ids derived from the request, so re-running an import
/// never sends an answer twice.
/// </summary>
internal static class CsvCommand
{
    /// <summary>Creates the command group.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("csv", "List work: export open requests to a spreadsheet, import the answers.");
        command.Subcommands.Add(CreateExport(context));
        command.Subcommands.Add(CreateImport(context));
        return command;
    }

    private static Option<string> KindOption() => new("--kind")
    {
        Description = "saldoverzoeken (default) or betaalvoorstellen.",
        DefaultValueFactory = _ => "saldoverzoeken",
    };

    private static Command CreateExport(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "The CSV to write, for example saldoverzoeken.csv." };
        var kindOption = KindOption();
        var command = new Command("export", "Write every open request into one CSV (UTF-8 with BOM, ';', amounts with a decimal comma) with blank answer columns.")
        {
            file, kindOption,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var kind = ListKind.Parse(parseResult.GetValue(kindOption)!);
            var path = context.Environment.FullPath(parseResult.GetValue(file)!);
            var (_, client) = context.Connect(parseResult);
            await using (client)
            {
                var snapshot = await PendingSnapshot.ReadAsync(client, kind, withAnswered: false, context.Environment.Error, cancellationToken);
                var requests = snapshot.Requests.ToList();
                await using (var output = File.Create(path))
                {
                    kind.Write(output, requests);
                }

                context.Environment.Output.WriteLine($"{requests.Count} open {kind.Name} written to {path}.");
                return snapshot.RefusedCount > 0 ? ExitCodes.Refused : ExitCodes.Ok;
            }
        });
        return command;
    }

    private static Command CreateImport(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "The filled-in CSV, for example antwoorden.csv." };
        var kindOption = KindOption();
        var errorsOption = new Option<string?>("--errors") { Description = "Where to write the refused rows (default: <file>-fouten.csv)." };
        var command = new Command("import", "Check every row, then send each answer and acknowledge its request; refused rows go to an errors CSV to fix and import again.")
        {
            file, kindOption, errorsOption,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var kind = ListKind.Parse(parseResult.GetValue(kindOption)!);
            var path = context.Environment.FullPath(parseResult.GetValue(file)!);
            if (!File.Exists(path))
            {
                throw new UsageException($"{path}: no such file");
            }

            var errorsPath = parseResult.GetValue(errorsOption) is { } given
                ? context.Environment.FullPath(given)
                : Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path) + "-fouten.csv");

            var (_, client) = context.Connect(parseResult);
            await using (client)
            {
                var snapshot = await PendingSnapshot.ReadAsync(client, kind, withAnswered: true, context.Environment.Error, cancellationToken);
                var today = DateOnly.FromDateTime(context.Environment.TimeProvider.GetLocalNow().DateTime);
                SheetReadResult result;
                await using (var input = File.OpenRead(path))
                {
                    result = kind.Read(input, snapshot.Lookup, today);
                }

                var (sent, alreadySent, failures) = await SendAnswersAsync(context, client, snapshot, result.Answers, cancellationToken);
                var refused = result with
                {
                    Problems = [.. result.Problems, .. failures.SelectMany(f => f.Answer.Rows.Select(row => new SheetProblem(row, "", f.Problem)))],
                    RefusedRows = [.. result.RefusedRows.Union(failures.SelectMany(f => f.Answer.Rows)).Order()],
                };

                var output = context.Environment.Output;
                output.WriteLine($"Sent: {sent}. Already sent before: {alreadySent + result.Skipped.Count}. Refused rows: {refused.RefusedRows.Count}.");
                foreach (var problem in refused.Problems.OrderBy(p => p.Row).Take(20))
                {
                    context.Environment.Error.WriteLine(problem.Column.Length > 0
                        ? $"row {problem.Row}, column '{problem.Column}': {problem.Message}"
                        : $"row {problem.Row}: {problem.Message}");
                }

                if (refused.RefusedRows.Count == 0)
                {
                    return ExitCodes.Ok;
                }

                await using (var errors = File.Create(errorsPath))
                await using (var original = File.OpenRead(path))
                {
                    kind.WriteErrors(errors, original, refused);
                }

                output.WriteLine($"The refused rows are in {errorsPath}: fix them there and import that file.");
                return ExitCodes.Refused;
            }
        });
        return command;
    }

    private static async Task<(int Sent, int AlreadySent, List<(SheetAnswer Answer, string Problem)> Failures)> SendAnswersAsync(
        CliContext context, SknClient client, PendingSnapshot snapshot, IReadOnlyList<SheetAnswer> answers, CancellationToken cancellationToken)
    {
        var sent = 0;
        var alreadySent = 0;
        var failures = new List<(SheetAnswer, string)>();
        await context.Environment.Console.Progress()
            .AutoClear(true)
            .StartAsync(async progress =>
            {
                var task = progress.AddTask("Sending answers", maxValue: Math.Max(1, answers.Count));
                foreach (var answer in answers)
                {
                    var request = answer.Request;
                    try
                    {
                        var options = new SendOptions
                        {
                            ConversationId = request.ConversationId,
                            InReplyTo = request.MessageId,
                            RequestId = SknClient.AnswerRequestId(request.MessageId, answer.Answer.GetBerichtType()),
                        };
                        var result = await client.SendAsync(request.SenderOin, answer.Answer, options, cancellationToken);

                        // Only now, with the answer durable on the node, may the request go.
                        await client.AcknowledgeAsync([snapshot.ReceiptOf(request.MessageId)], cancellationToken);
                        if (result.WasAlreadySent)
                        {
                            alreadySent++;
                        }
                        else
                        {
                            sent++;
                        }
                    }
                    catch (SknException ex) when (ex is SknContentRuleException or SknRequestException { IsTransient: false })
                    {
                        failures.Add((answer, "Verzenden geweigerd: " + ex.Message));
                    }

                    task.Increment(1);
                }
            });
        return (sent, alreadySent, failures);
    }
}
