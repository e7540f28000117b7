using Skn.Node.Hosting;

// Configuration is read once at start, not watched: the default watch covers the content root with
// its subfolders, where the data folder usually lives, and every write to the database's WAL would
// wake it (thousands a second under load). Settings take effect on restart; the registry has its own
// reload.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = [.. args, "--hostBuilder:reloadConfigOnChange=false"],
});
builder.AddSknNode();

var app = builder.Build();
app.MapSknNode();
app.Run();

/// <summary>The node's entry point; public so that tests can start it in-process.</summary>
public partial class Program;
