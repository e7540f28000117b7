using System.CommandLine;
using Skn.V1;

namespace Skn.Cli.Commands;

/// <summary>
/// <c>skn ack &lt;id...&gt;</c>: acknowledges fetched messages by message id, with the receipts
/// <c>skn fetch</c> saved, so the node deletes their content.
/// </summary>
internal static class AckCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var ids = new Argument<string[]>("message-id") { Description = "Message ids fetched with this profile.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("ack", "Acknowledge fetched messages by message id; the node then deletes their content.") { ids };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var requested = parseResult.GetRequiredValue(ids).Distinct(StringComparer.Ordinal).ToList();
            var (profileName, client) = context.Connect(parseResult);
            var receipts = context.Receipts(profileName);
            var saved = receipts.Load();
            var outcomes = new Dictionary<string, AcknowledgeOutcome>(StringComparer.Ordinal);
            await using (client)
            {
                var known = requested.Where(saved.ContainsKey).ToList();
                if (known.Count > 0)
                {
                    var results = await client.AcknowledgeAsync(known.Select(id => saved[id]), cancellationToken);
                    for (var i = 0; i < known.Count; i++)
                    {
                        outcomes[known[i]] = results[i].Outcome;
                    }
                }
            }

            // A receipt that can never work again is dropped; a superseded one stays until the next fetch replaces it.
            receipts.Remove(outcomes.Where(o => o.Value is AcknowledgeOutcome.Acknowledged or AcknowledgeOutcome.AlreadyAcknowledged or AcknowledgeOutcome.Expired).Select(o => o.Key));

            var output = context.Environment.Output;
            var allDone = true;
            foreach (var id in requested)
            {
                var (done, text) = outcomes.TryGetValue(id, out var outcome) ? Describe(outcome) : (false, "not fetched by this profile");
                allDone &= done;
                output.WriteLine($"{id}: {text}");
            }

            return allDone ? ExitCodes.Ok : ExitCodes.Refused;
        });
        return command;
    }

    private static (bool Done, string Text) Describe(AcknowledgeOutcome outcome) => outcome switch
    {
        AcknowledgeOutcome.Acknowledged => (true, "acknowledged"),
        AcknowledgeOutcome.AlreadyAcknowledged => (true, "already acknowledged"),
        AcknowledgeOutcome.Superseded => (false, "superseded: delivered again since you fetched it; fetch again"),
        AcknowledgeOutcome.Expired => (false, "expired: the node deleted it unacknowledged at the end of its term"),
        AcknowledgeOutcome.NotFound => (false, "not found on the node"),
        _ => (false, outcome.ToString()),
    };
}
