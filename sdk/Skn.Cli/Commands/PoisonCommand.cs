using System.CommandLine;
using Skn.Cli.Berichten;
using Skn.Cli.Output;
using Skn.V1;

namespace Skn.Cli.Commands;

/// <summary>
/// <c>skn poison list|release</c>: the received berichten the node set aside because their
/// deliveries kept ending unacknowledged, and putting them back once the cause is fixed.
/// </summary>
internal static class PoisonCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var poison = new Command("poison", "The poison list: received berichten set aside after repeated deliveries without acknowledgement.");
        poison.Subcommands.Add(CreateList(context));
        poison.Subcommands.Add(CreateRelease(context));
        return poison;
    }

    private static Command CreateList(CliContext context)
    {
        var command = new Command("list", "List the berichten on the poison list, newest first.");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var (_, client) = context.Connect(parseResult);
            await using (client)
            {
                var table = Tables.Create("Sent", "Type", "Sender", "Message id", "Deliveries", "Expires");
                var rows = 0;
                await foreach (var entry in client.ListPoisonedAsync(cancellationToken))
                {
                    var envelope = entry.Envelope;
                    table.AddTextRow(
                        Display.Time(envelope.SendTime),
                        BerichtCatalog.NameOf(envelope.Type),
                        envelope.SenderOin,
                        envelope.MessageId,
                        entry.DeliveryAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        Display.Time(envelope.ExpireTime));
                    rows++;
                }

                if (rows == 0)
                {
                    context.Environment.Output.WriteLine("the poison list is empty");
                }
                else
                {
                    context.Environment.Console.Write(table);
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateRelease(CliContext context)
    {
        var ids = new Argument<string[]>("message-id") { Description = "Message ids from 'skn poison list'.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("release", "Put berichten from the poison list back in the mailbox, deliverable at once.") { ids };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var requested = parseResult.GetRequiredValue(ids).Distinct(StringComparer.Ordinal).ToList();
            var (_, client) = context.Connect(parseResult);
            IReadOnlyList<(string MessageId, ReleasePoisonedOutcome Outcome)> results;
            await using (client)
            {
                results = await client.ReleasePoisonedAsync(requested, cancellationToken);
            }

            foreach (var (id, outcome) in results)
            {
                context.Environment.Output.WriteLine($"{id}: {Describe(outcome)}");
            }

            return results.All(r => r.Outcome == ReleasePoisonedOutcome.Released) ? ExitCodes.Ok : ExitCodes.Refused;
        });
        return command;
    }

    private static string Describe(ReleasePoisonedOutcome outcome) => outcome switch
    {
        ReleasePoisonedOutcome.Released => "released: back in the mailbox",
        ReleasePoisonedOutcome.NotPoisoned => "not on the poison list (released already, acknowledged or expired)",
        ReleasePoisonedOutcome.NotFound => "not found in your mailbox",
        _ => outcome.ToString(),
    };
}
