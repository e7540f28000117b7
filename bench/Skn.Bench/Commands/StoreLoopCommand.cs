using System.CommandLine;
using Skn.Bench.StoreLoop;

namespace Skn.Bench.Commands;

/// <summary><c>store-loop</c>: the P=C=1 mailbox workload on the store alone, without gRPC.</summary>
internal static class StoreLoopCommand
{
    public static Command Create()
    {
        var messages = new Option<int>("--messages") { Description = "Envelopes to send and acknowledge (default 10000).", DefaultValueFactory = _ => 10_000 };
        var work = new Option<string>("--work") { Description = "Folder for the store's data.", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "skn-bench") };
        var command = new Command("store-loop", "Send, lease and acknowledge one at a time on the node's store in this process: what the store allows per message on this disk.") { messages, work };
        command.SetAction(async (parse, ct) =>
        {
            var count = parse.GetValue(messages);
            if (count < 1)
            {
                Console.Error.WriteLine("--messages: must be at least 1.");
                return 2;
            }

            var result = await new StoreLoopBenchmark(parse.GetValue(work)!, Console.Out).RunAsync(count, ct);
            return result.Acknowledged == result.Sent ? 0 : 1;
        });
        return command;
    }
}
