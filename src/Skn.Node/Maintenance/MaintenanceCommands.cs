using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Skn.Node.Hosting;

namespace Skn.Node.Maintenance;

/// <summary>
/// The node binary's maintenance verbs, <c>backup</c>, <c>restore</c> and <c>verify-audit</c>. They read the same
/// configuration as the node (appsettings.json, <c>Skn__*</c> environment variables,
/// <c>--Skn:Key=value</c> arguments), so they find the same data folder. Without a verb, Program
/// starts the node as before.
/// </summary>
internal static class MaintenanceCommands
{
    private static readonly string[] Verbs = ["backup", "restore", VerifyAuditCommand.Verb];

    /// <summary>Whether the command line asks for a maintenance verb rather than the node.</summary>
    public static bool IsMaintenance(string[] args) => args.Length > 0 && Verbs.Contains(args[0], StringComparer.Ordinal);

    /// <summary>Runs the verb and returns the process exit code: 0 done, 1 refused or failed (one line on stderr); verify-audit adds 2, chain broken.</summary>
    public static int Run(string[] args)
    {
        var root = new RootCommand("Skn.Node maintenance. Settings as for the node, e.g. --Skn:DataDirectory=/var/lib/skn.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        root.Subcommands.Add(BackupCommand());
        root.Subcommands.Add(RestoreCommand());
        root.Subcommands.Add(VerifyAuditCommand.Create());
        return root.Parse(args).Invoke();
    }

    private static Command BackupCommand()
    {
        var to = new Option<string>("--to") { Description = "The backup file to write (a .tar.gz); must not exist.", Required = true };
        var includeKeys = new Option<bool>("--include-keys")
        {
            Description = "Also back up private keys found in the data folder (default: left out, so a backup file never lets its holder act as the node).",
        };
        var command = new Command("backup", "Back up the data folder while the node runs: database (SQLite online backup, checked), registry, certificates.")
        {
            to,
            includeKeys,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parseResult => Execute(parseResult, (options, logger) =>
            NodeBackup.Create(options, parseResult.GetRequiredValue(to), parseResult.GetValue(includeKeys), logger)));
        return command;
    }

    private static Command RestoreCommand()
    {
        var from = new Option<string>("--from") { Description = "The backup file to restore.", Required = true };
        var command = new Command("restore", "Restore a backup into the data folder; refused while a node runs on it. Replaced files are kept in pre-restore-<time>/.")
        {
            from,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parseResult => Execute(parseResult, (options, logger) =>
            NodeRestore.Run(options, parseResult.GetRequiredValue(from), logger)));
        return command;
    }

    private static int Execute(ParseResult parseResult, Action<NodeOptions, ILogger> action)
    {
        try
        {
            // The same configuration sources as the node itself; only the Skn settings are used.
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions
            {
                Args = [.. parseResult.UnmatchedTokens, "--hostBuilder:reloadConfigOnChange=false"],
            });
            var options = builder.Configuration.GetSection(NodeOptions.SectionName).Get<NodeOptions>() ?? new NodeOptions();
            var validation = new NodeOptionsValidator().Validate(null, options);
            if (validation.Failed)
            {
                throw new OptionsValidationException(NodeOptions.SectionName, typeof(NodeOptions), validation.Failures);
            }

            // Disposing the app flushes the console logger before the process exits.
            using var app = builder.Build();
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Skn.Node.Maintenance");
            action(options, logger);
            return 0;
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or InvalidOperationException
                                              or UnauthorizedAccessException or JsonException or OptionsValidationException)
        {
            // The operator's problem, explained in the message: one line, not a stack trace.
            Console.Error.WriteLine($"{parseResult.CommandResult.Command.Name} failed: {exception.Message}");
            return 1;
        }
    }
}
