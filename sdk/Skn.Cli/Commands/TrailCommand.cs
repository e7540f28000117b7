using System.CommandLine;
using Skn.Cli.Berichten;
using Skn.Cli.Errors;
using Skn.Cli.Output;
using Skn.Sdk;
using Skn.V1;

namespace Skn.Cli.Commands;

/// <summary><c>skn trail</c>: the metadata and outcome of what this participant sent and received, newest first.</summary>
internal static class TrailCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var sent = new Option<bool>("--sent") { Description = "Only what this participant sent." };
        var received = new Option<bool>("--received") { Description = "Only what this participant received." };
        var since = new Option<string?>("--since") { Description = "Only berichten sent on or after this date (yyyy-MM-dd)." };
        var types = new Option<string[]>("--type") { Description = "Only this bericht (repeatable)." };
        var command = new Command("trail", "Show the trail: sent and received berichten with their state, newest first.")
        {
            sent, received, since, types,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new TrailOptions
            {
                Direction = (parseResult.GetValue(sent), parseResult.GetValue(received)) switch
                {
                    (true, true) => throw new UsageException("--sent and --received cannot be combined; leave both out for everything"),
                    (true, false) => TrailDirection.Sent,
                    (false, true) => TrailDirection.Received,
                    _ => TrailDirection.Unspecified,
                },
                Since = parseResult.GetValue(since) is { } value ? DateArguments.Parse("--since", value) : null,
            };
            foreach (var name in parseResult.GetValue(types) ?? [])
            {
                options.BerichtTypes.Add(BerichtCatalog.Find(name).Type);
            }

            var (_, client) = context.Connect(parseResult);
            await using (client)
            {
                var table = Tables.Create("Sent", "Direction", "Type", "Counterpart", "Message id", "Dossier", "State", "Reply due");
                var rows = 0;
                await foreach (var entry in client.ListTrailAsync(options, cancellationToken))
                {
                    var envelope = entry.Envelope;
                    var outgoing = envelope.SenderOin == client.Oin;
                    table.AddTextRow(
                        Display.Time(envelope.SendTime),
                        outgoing ? "sent" : "received",
                        BerichtCatalog.NameOf(envelope.Type),
                        outgoing ? envelope.RecipientOin : envelope.SenderOin,
                        envelope.MessageId,
                        envelope.ConversationId,
                        Display.State(envelope.State),
                        Display.Date(envelope.ReplyDueDate));
                    rows++;
                }

                if (rows == 0)
                {
                    context.Environment.Output.WriteLine("nothing in the trail for these filters");
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
}
