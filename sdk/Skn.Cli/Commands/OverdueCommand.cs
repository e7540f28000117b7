using System.CommandLine;
using Skn.Cli.Berichten;
using Skn.Cli.Errors;
using Skn.Cli.Output;

namespace Skn.Cli.Commands;

/// <summary><c>skn overdue</c>: received requests not yet answered that are past their reply-due date or due soon.</summary>
internal static class OverdueCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var within = new Option<int>("--within")
        {
            Description = "Also list requests due within this many working days (default 3).",
            DefaultValueFactory = _ => 3,
        };
        var command = new Command("overdue", "List received requests past their reply-due date or due within --within working days.") { within };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var days = parseResult.GetValue(within);
            if (days < 0)
            {
                throw new UsageException($"--within: {days} is negative; give a number of working days, 0 or more");
            }

            var (_, client) = context.Connect(parseResult);
            await using (client)
            {
                var open = (await client.ListOpenRequestsAsync(cancellationToken: cancellationToken))
                    .Where(r => r.WorkingDaysLeft <= days)
                    .ToList();
                if (open.Count == 0)
                {
                    context.Environment.Output.WriteLine($"no open requests overdue or due within {days} working day(s)");
                    return ExitCodes.Ok;
                }

                var table = Tables.Create("Message id", "Type", "From", "Sent", "Reply due", "Status");
                foreach (var request in open)
                {
                    table.AddTextRow(
                        request.MessageId,
                        BerichtCatalog.NameOf(request.Type),
                        request.SenderOin,
                        Display.Time(request.SendTime),
                        Display.Date(request.ReplyDueDate),
                        request.IsOverdue
                            ? $"OVERDUE by {-request.WorkingDaysLeft} working day(s)"
                            : request.WorkingDaysLeft == 0 ? "due today" : $"{request.WorkingDaysLeft} working day(s) left");
                }

                context.Environment.Console.Write(table);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
