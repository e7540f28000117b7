using System.CommandLine;
using System.CommandLine.Help;
using Skn.Cli.Commands;
using Skn.Cli.Errors;

namespace Skn.Cli;

/// <summary>
/// The skn program: builds the command tree, parses, runs the command and turns any failure into
/// one error line and an exit code (<see cref="ExitCodes"/>). Program.cs calls it with the real
/// console; tests call it in-process with their own <see cref="CliEnvironment"/>.
/// </summary>
internal static class SknCli
{
    /// <summary>Runs one command line and returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        var context = new CliContext(environment);
        var root = BuildRoot(context);
        var parseResult = root.Parse(args);
        var verbose = parseResult.GetValue(context.VerboseOption);

        // Parse errors get the same one-line treatment as every other usage error, and exit code 2
        // (System.CommandLine's own handler would print the help text and return 1).
        if (parseResult.Errors.Count > 0 && parseResult.Action is not HelpAction)
        {
            var command = parseResult.CommandResult.Command;
            var path = command == root ? "skn" : "skn " + CommandPath(parseResult);
            environment.Error.WriteLine($"error: {parseResult.Errors[0].Message} (see '{path} --help')");
            return ExitCodes.Usage;
        }

        try
        {
            return await parseResult.InvokeAsync(
                new InvocationConfiguration
                {
                    Output = environment.Output,
                    Error = environment.Error,
                    EnableDefaultExceptionHandler = false,
                    ProcessTerminationTimeout = environment.HandleProcessTermination ? TimeSpan.FromSeconds(2) : null,
                },
                cancellationToken);
        }
        catch (Exception ex)
        {
            return ErrorReporter.Report(ex, environment.Error, verbose, context.NodeAddress);
        }
    }

    /// <summary>The command tree; see the README of the tool for each command.</summary>
    internal static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand("skn: the command-line tool for the Skn debt-settlement exchange.");
        root.Options.Add(context.ProfileOption);
        root.Options.Add(context.VerboseOption);
        root.Subcommands.Add(ParticipantsCommand.Create(context));
        root.Subcommands.Add(SendCommand.Create(context));
        root.Subcommands.Add(FetchCommand.Create(context));
        root.Subcommands.Add(AckCommand.Create(context));
        root.Subcommands.Add(TrailCommand.Create(context));
        root.Subcommands.Add(PoisonCommand.Create(context));
        root.Subcommands.Add(OverdueCommand.Create(context));
        root.Subcommands.Add(CsvCommand.Create(context));
        root.Subcommands.Add(CertsCommand.Create(context));
        root.Subcommands.Add(ProfileCommand.Create(context));
        root.Subcommands.Add(Operator.OperatorCommand.Create(context));
        return root;
    }

    private static string CommandPath(ParseResult parseResult)
    {
        var names = new List<string>();
        for (var result = parseResult.CommandResult; result?.Parent is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, result.Command.Name);
        }

        return string.Join(' ', names);
    }
}
