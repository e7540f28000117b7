using System.CommandLine;
using Skn.Bench.Systems.Memory;

namespace Skn.Bench.Commands;

/// <summary><c>serve-memory --port N</c>: the grpc-memory server, started by the benchmark itself as a child process.</summary>
internal static class ServeMemoryCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1.", Required = true };
        var command = new Command("serve-memory", "Serve the in-memory mailbox (grpc-memory) on 127.0.0.1; used by the benchmark itself.") { port };
        command.Hidden = true;
        command.SetAction((parse, ct) => MemoryMailboxServer.RunAsync(parse.GetValue(port), ct));
        return command;
    }
}
