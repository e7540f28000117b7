using Skn.Node.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddSknNode();

var app = builder.Build();
app.MapSknNode();
app.Run();

/// <summary>The node's entry point; public so that tests can start it in-process.</summary>
public partial class Program;
