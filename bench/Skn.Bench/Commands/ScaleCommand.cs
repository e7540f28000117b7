using System.CommandLine;
using Skn.Bench.Reporting;
using Skn.Bench.Scale;

namespace Skn.Bench.Commands;

/// <summary><c>scale</c>: the node with 10 k, 100 k and 1 M envelopes pending.</summary>
internal static class ScaleCommand
{
    public static Command Create()
    {
        var levels = new Option<int[]>("--pending") { Description = "Backlog sizes to measure (repeatable; default 10000 100000 1000000).", AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--out") { Description = "Folder for scale.md.", DefaultValueFactory = _ => Path.Combine("bench", "results", "latest") };
        var work = new Option<string>("--work") { Description = "Folder for the node's data.", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "skn-bench") };
        var command = new Command("scale", "Measure the node with a large backlog: memory, first delivery, send throughput and an expiry sweep.") { levels, output, work };
        command.SetAction(async (parse, ct) =>
        {
            var chosen = parse.GetValue(levels) is { Length: > 0 } l ? l : [10_000, 100_000, 1_000_000];
            if (chosen.Any(l => l < 10_000))
            {
                Console.Error.WriteLine("--pending: each level must be at least 10,000 (the send bursts alone add 6,000).");
                return 2;
            }

            var results = await new ScaleBenchmark(parse.GetValue(work)!, Console.Out).RunAsync(chosen, ct);
            Console.WriteLine($"Report: {await ScaleReportWriter.WriteAsync(parse.GetValue(output)!, results, MachineInfo.Describe(), ct)}");
            return 0;
        });
        return command;
    }
}
