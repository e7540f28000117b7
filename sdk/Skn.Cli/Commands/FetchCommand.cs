using System.CommandLine;
using Skn.Cli.Berichten;
using Skn.Cli.Errors;
using Skn.Cli.Output;
using Skn.Sdk;

namespace Skn.Cli.Commands;

/// <summary>
/// <c>skn fetch</c>: receives the pending berichten, opened and checked, as a table, JSON lines or
/// one file per message. It does not acknowledge: each receipt is saved in the profile's state so a
/// person can check the work and acknowledge later with <c>skn ack</c>.
/// </summary>
internal static class FetchCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var follow = new Option<bool>("--follow") { Description = "Stay connected and show new berichten as they arrive (Ctrl+C ends)." };
        var json = new Option<bool>("--json") { Description = "One JSON object per line: envelope metadata and the bericht in the contract's JSON mapping." };
        var outDirectory = new Option<string?>("--out") { Description = "Write one <message id>.json per message into this folder." };
        var types = new Option<string[]>("--type") { Description = "Only this bericht (repeatable), for example saldoverzoek." };

        var command = new Command("fetch", "Receive pending berichten without acknowledging them; the receipts are kept for 'skn ack'.")
        {
            follow, json, outDirectory, types,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var following = parseResult.GetValue(follow);
            var options = new FetchOptions
            {
                Follow = following,

                // Nothing is acknowledged during a fetch: without --follow a snapshot lists the whole
                // backlog, however large, without holding it; a follower holds up to the node's cap.
                Snapshot = !following,
                MaxInFlight = 256,
            };
            foreach (var name in parseResult.GetValue(types) ?? [])
            {
                options.BerichtTypes.Add(BerichtCatalog.Find(name).Type);
            }

            var sink = CreateSink(context, parseResult.GetValue(json), parseResult.GetValue(outDirectory), options.Follow);
            var refused = 0;
            options.OnRefused = (message, _) =>
            {
                refused++;
                context.Environment.Error.WriteLine($"warning: message {message.Envelope.MessageId} from {message.Envelope.SenderOin} refused and left on the node: {message.Error.Message}");
                return Task.CompletedTask;
            };

            var (profileName, client) = context.Connect(parseResult);
            var receipts = context.Receipts(profileName);
            await using (client)
            {
                try
                {
                    await foreach (var message in client.FetchAsync(options, cancellationToken))
                    {
                        // The receipt first: a message shown but not acknowledgeable would be worse than the reverse.
                        receipts.Save([KeyValuePair.Create(message.MessageId, message.Receipt!)]);
                        sink.Add(message);
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && options.Follow)
                {
                    // Ctrl+C is how a follower ends; what arrived so far is shown below.
                }
            }

            sink.Complete();
            return refused > 0 ? ExitCodes.Refused : ExitCodes.Ok;
        });
        return command;
    }

    private static IFetchSink CreateSink(CliContext context, bool json, string? outDirectory, bool follow)
    {
        if (json && outDirectory is not null)
        {
            throw new UsageException("--json and --out cannot be combined: choose lines on standard output or files in a folder");
        }

        var environment = context.Environment;
        if (outDirectory is not null)
        {
            return new FileSink(environment.FullPath(outDirectory), environment.Output);
        }

        return json ? new JsonLineSink(environment.Output) : new TableSink(environment, follow);
    }
}
