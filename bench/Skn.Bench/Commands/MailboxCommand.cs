using System.CommandLine;
using Skn.Bench.Harness;
using Skn.Bench.Reporting;
using Skn.Bench.Workload;

namespace Skn.Bench.Commands;

/// <summary>
/// <c>mailbox</c>: the side-by-side run. <c>--smoke</c> is the CI version: a small N, the node only,
/// and a failing exit code when a message is lost or a system fails.
/// </summary>
internal static class MailboxCommand
{
    public static Command Create()
    {
        var systems = new Option<string[]>("--system") { Description = $"Systems to run (repeatable; default all): {string.Join(", ", SystemCatalog.All)}." };
        var messages = new Option<int>("--messages") { Description = "Measured messages per run.", DefaultValueFactory = _ => 100_000 };
        var warmup = new Option<int>("--warmup") { Description = "Warm-up messages, not counted.", DefaultValueFactory = _ => 2_000 };
        var configurations = new Option<int[]>("--pc") { Description = "Producer = consumer counts to run (repeatable; default 8 and 1).", AllowMultipleArgumentsPerToken = true };
        var smoke = new Option<bool>("--smoke") { Description = "CI smoke run: 2,000 messages, node only, fails on any loss." };
        var output = new Option<string>("--out") { Description = "Folder for report.md, results.json and the chart.", DefaultValueFactory = _ => Path.Combine("bench", "results", "latest") };
        var work = new Option<string>("--work") { Description = "Folder for the servers' data (emptied per system).", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "skn-bench") };

        var command = new Command("mailbox", "Run the mailbox workload on each system and write a Markdown report and a chart.")
        {
            systems, messages, warmup, configurations, smoke, output, work,
        };
        command.SetAction(async (parse, ct) =>
        {
            var isSmoke = parse.GetValue(smoke);
            var chosen = parse.GetValue(systems) is { Length: > 0 } s ? s : isSmoke ? SystemCatalog.Smoke : SystemCatalog.All;
            var counts = parse.GetValue(configurations) is { Length: > 0 } c ? c : [8, 1];
            var settings = counts.Select(n => new MailboxWorkloadSettings
            {
                Producers = n,
                Consumers = n,
                Messages = isSmoke ? 2_000 : parse.GetValue(messages),
                WarmupMessages = isSmoke ? 200 : parse.GetValue(warmup),
                Timeout = isSmoke ? TimeSpan.FromMinutes(2) : TimeSpan.FromMinutes(10),
            }).ToArray();

            var report = await new MailboxBenchmark(parse.GetValue(work)!, Console.Out).RunAsync(chosen, settings, ct);
            var folder = parse.GetValue(output)!;
            var written = await ReportWriter.WriteAsync(folder, report, MachineInfo.Describe(), ct);
            Console.WriteLine($"Report: {written}");
            var broken = report.Results.Where(r => r.Failure is not null || r.Lost > 0).ToArray();
            foreach (var result in broken)
            {
                Console.Error.WriteLine($"{result.Configuration} {result.System}: {result.Failure ?? $"{result.Lost} messages lost"}");
            }

            return broken.Length == 0 ? 0 : 1;
        });
        return command;
    }
}
