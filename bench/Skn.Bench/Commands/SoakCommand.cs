using System.CommandLine;
using Skn.Bench.Reporting;
using Skn.Bench.Soak;

namespace Skn.Bench.Commands;

/// <summary>
/// <c>soak</c>: the node over mutual TLS under a steady rate with many follow streams, for a fixed
/// time; memory, handles and latency over time. Fails when a message is lost or a stream fails, not
/// when memory grows: that is a finding for the report, judged by a person.
/// </summary>
internal static class SoakCommand
{
    public static Command Create()
    {
        var duration = new Option<TimeSpan>("--duration") { Description = "How long to send (e.g. 00:10:00).", DefaultValueFactory = _ => TimeSpan.FromMinutes(10) };
        var rate = new Option<int>("--rate") { Description = "Messages a second over all producers, paced.", DefaultValueFactory = _ => 200 };
        var streams = new Option<int>("--streams") { Description = "FetchPending follow streams, one per mailbox (each its own creditor and connection).", DefaultValueFactory = _ => 200 };
        var producers = new Option<int>("--producers") { Description = "Sending counsellors, one send in flight each.", DefaultValueFactory = _ => 8 };
        var interval = new Option<TimeSpan>("--interval") { Description = "Sampling interval.", DefaultValueFactory = _ => TimeSpan.FromSeconds(5) };
        var output = new Option<string>("--out") { Description = "Folder for soak.md, soak.json and soak.png.", DefaultValueFactory = _ => Path.Combine("bench", "results", "latest") };
        var work = new Option<string>("--work") { Description = "Folder for the node's data (emptied first, removed after).", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "skn-bench") };
        var reportFrom = new Option<string?>("--report-from") { Description = "Write soak.md and soak.png again from this soak.json, without a run (after a change to the report)." };
        var command = new Command("soak", "Run the node over mTLS at a steady rate with many follow streams for a fixed time; report memory, handles and latency over time.")
        {
            duration, rate, streams, producers, interval, output, work, reportFrom,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(reportFrom) is { } json)
            {
                var earlier = await SoakReportWriter.ReadAsync(json, ct);
                Console.WriteLine($"Report: {await SoakReportWriter.WriteAsync(parse.GetValue(output)!, earlier, ct)}");
                return 0;
            }

            var settings = new SoakSettings
            {
                Duration = parse.GetValue(duration),
                Rate = parse.GetValue(rate),
                Streams = parse.GetValue(streams),
                Producers = parse.GetValue(producers),
                SampleInterval = parse.GetValue(interval),
            };
            if (settings.Duration < TimeSpan.FromSeconds(20) || settings.Duration > TimeSpan.FromHours(4)
                || settings.Rate is < 1 or > 5_000 || settings.Streams is < 1 or > 1_000
                || settings.Producers is < 1 or > Systems.Skn.BenchParticipants.MaxProducers
                || settings.SampleInterval < TimeSpan.FromSeconds(1) || settings.SampleInterval > settings.Duration / 4)
            {
                Console.Error.WriteLine("soak: --duration 20 s to 4 h, --rate 1 to 5,000, --streams 1 to 1,000, --producers 1 to 64, --interval 1 s to a quarter of the duration.");
                return 2;
            }

            var result = await new SoakBenchmark(parse.GetValue(work)!, Console.Out).RunAsync(settings, ct);
            Console.WriteLine($"Report: {await SoakReportWriter.WriteAsync(parse.GetValue(output)!, result, ct)}");
            Console.WriteLine(SoakReportWriter.VerdictLine(result));
            if (result.Failure is not null || result.Lost > 0)
            {
                Console.Error.WriteLine($"soak: {result.Failure ?? $"{result.Lost} messages lost"}");
                return 1;
            }

            return 0;
        });
        return command;
    }
}
