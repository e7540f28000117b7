using System.CommandLine;
using Skn.Cli.Output;

namespace Skn.Cli.Commands;

/// <summary><c>skn participants</c>: the node's directory as a table.</summary>
internal static class ParticipantsCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("participants", "List the directory: OIN, name, role, attributes and state of every participant.");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var (_, client) = context.Connect(parseResult);
            await using (client)
            {
                var entries = await client.Directory.ListAsync(cancellationToken: cancellationToken);
                var table = Tables.Create("OIN", "Name", "Role", "Attributes", "State");
                foreach (var entry in entries.OrderBy(e => e.Oin, StringComparer.Ordinal))
                {
                    table.AddTextRow(entry.Oin, entry.Name, Display.Role(entry.Role), Display.Attributes(entry.Attributes), entry.State.ToString().ToLowerInvariant());
                }

                context.Environment.Console.Write(table);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
