using Microsoft.Extensions.Options;
using Skn.Node.Hosting;
using Skn.Node.Maintenance;
using Skn.Node.Registry;

if (MaintenanceCommands.IsMaintenance(args))
{
    // backup, restore, verify-audit: maintenance verbs of the same binary, with the node's configuration.
    return MaintenanceCommands.Run(args);
}

// Configuration is read once at start, not watched: the default watch covers the content root with
// its subfolders, where the data folder usually lives, and every write to the database's WAL would
// wake it (thousands a second under load). Settings take effect on restart; the registry has its own
// reload.
try
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions
    {
        Args = [.. args, "--hostBuilder:reloadConfigOnChange=false"],
    });
    builder.AddSknNode();

    var app = builder.Build();
    app.MapSknNode();
    app.Run();
    return 0;
}
catch (Exception exception) when (exception is NodeStartupException or RegistryException or OptionsValidationException)
{
    // The operator's problem, explained in the message: one line, not a stack trace.
    Console.Error.WriteLine($"The node cannot start: {exception.Message}");
    return 1;
}

/// <summary>The node's entry point; public so that tests can start it in-process.</summary>
public partial class Program;
