using System.CommandLine;
using Skn.Cli.Berichten;
using Skn.Cli.Errors;
using Skn.Cli.Output;
using Skn.Sdk;

namespace Skn.Cli.Commands;

/// <summary><c>skn send &lt;bericht&gt; --to &lt;oin&gt; --file x.json</c>: seals and sends one bericht written in the contract's JSON mapping.</summary>
internal static class SendCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var bericht = new Argument<string>("bericht") { Description = "The bericht, for example saldoverzoek or saldoverzoek-antwoord: " + string.Join(", ", BerichtCatalog.Names) };
        var to = new Option<string>("--to") { Description = "The recipient's OIN.", Required = true };
        var file = new Option<string>("--file") { Description = "The bericht as JSON in the contract's JSON mapping.", Required = true };
        var conversation = new Option<string?>("--conversation") { Description = "The dossier (UUID); a new one for a bericht that starts a dossier when omitted." };
        var replyTo = new Option<string?>("--reply-to") { Description = "The message id this bericht answers (required for answers)." };
        var requestId = new Option<string?>("--request-id") { Description = "Idempotency id: sending again with the same id sends nothing new." };

        var command = new Command("send", "Send a bericht from a JSON file; prints its message id, dossier and reply-due date.")
        {
            bericht, to, file, conversation, replyTo, requestId,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            // The file is read before connecting: a wrong name or file should not need a reachable node.
            var name = parseResult.GetRequiredValue(bericht);
            RequireDossierOptions(name, parseResult.GetValue(replyTo), parseResult.GetValue(conversation));
            var message = BerichtJson.ReadFile(name, context.Environment.FullPath(parseResult.GetRequiredValue(file)));
            var (_, client) = context.Connect(parseResult);
            await using (client)
            {
                var sent = await client.SendAsync(
                    parseResult.GetRequiredValue(to),
                    message,
                    new SendOptions
                    {
                        ConversationId = parseResult.GetValue(conversation),
                        InReplyTo = parseResult.GetValue(replyTo),
                        RequestId = parseResult.GetValue(requestId),
                    },
                    cancellationToken);

                var output = context.Environment.Output;
                if (sent.WasAlreadySent)
                {
                    output.WriteLine("already sent with this request id; nothing new was sent");
                }

                output.WriteLine($"message id: {sent.MessageId}");
                output.WriteLine($"dossier:    {sent.ConversationId}");
                output.WriteLine($"reply due:  {Display.Date(sent.ReplyDueDate)}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The SDK says the same in terms of SendOptions; the user needs the option names of this command.</summary>
    private static void RequireDossierOptions(string name, string? replyTo, string? conversation)
    {
        var rule = BerichtCatalog.Find(name);
        if (rule.IsAnswer && string.IsNullOrEmpty(replyTo))
        {
            throw new UsageException($"{name} is an answer: pass --reply-to <message id of the request it answers>");
        }

        if (!rule.IsAnswer && !rule.StartsConversation && string.IsNullOrEmpty(conversation))
        {
            throw new UsageException($"{name} is a notice within a dossier: pass --conversation <dossier id>");
        }
    }
}
