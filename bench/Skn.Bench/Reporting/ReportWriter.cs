using System.Globalization;
using System.Text;
using System.Text.Json;
using Skn.Bench.Harness;
using Skn.Bench.Workload;

namespace Skn.Bench.Reporting;

/// <summary>Writes report.md (tables, ratios, targets, systems), results.json and the charts into one folder.</summary>
internal static class ReportWriter
{
    // A system that failed has no figures: NaN (and a ratio to a failed ceiling, infinity) are
    // written as "NaN" and "Infinity" rather than ending the run before its report is written.
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static async Task<string> WriteAsync(string folder, MailboxReport report, string machine, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var results = report.Results;
        Charts.WriteThroughput(Path.Combine(folder, "throughput.png"), results);
        Charts.WriteLatency(Path.Combine(folder, "latency.png"), results);
        await File.WriteAllTextAsync(
            Path.Combine(folder, "results.json"),
            JsonSerializer.Serialize(new { machine, date = DateTimeOffset.Now, report.Results, report.Systems }, JsonOptions),
            cancellationToken);

        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Mailbox benchmark, {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {machine}.");
        var first = results.FirstOrDefault();
        if (first is not null)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"Workload: {first.Messages:N0} measured messages of 2,048 bytes after a warm-up, message k to mailbox k mod 50; every send durable before it returns; acknowledged messages deleted.");
        }

        foreach (var configuration in results.Select(r => r.Configuration).Distinct())
        {
            var rows = results.Where(r => r.Configuration == configuration).ToArray();
            var ceiling = rows.FirstOrDefault(r => r.System == "grpc-memory" && r.Failure is null);
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"## {configuration}");
            md.AppendLine();
            md.AppendLine("| system | msg/s | × grpc-memory | send p50 | send p99 | send→delivery p50 | send→delivery p99 | server peak RSS | server CPU per msg | client CPU per msg | server disk writes per msg | lost | repeated |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var r in rows)
            {
                if (r.Failure is not null)
                {
                    md.AppendLine(CultureInfo.InvariantCulture, $"| {r.System} | failed: {r.Failure.ReplaceLineEndings(" ")} | | | | | | | | | | {r.Lost} | |");
                    continue;
                }

                var ratio = ceiling is null ? "" : (r.MessagesPerSecond / ceiling.MessagesPerSecond).ToString("0.00", CultureInfo.InvariantCulture);
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {r.System} | {r.MessagesPerSecond:N0} | {ratio} | {Ms(r.SendP50Ms)} | {Ms(r.SendP99Ms)} | {Ms(r.DeliveryP50Ms)} | {Ms(r.DeliveryP99Ms)} | {r.PeakRssMegabytes:0} MB | {Ms(r.ServerCpuMsPerMessage, "0.000")} | {Ms(r.ClientCpuMsPerMessage, "0.000")} | {r.ServerWrittenKbPerMessage:0.0} KiB | {r.Lost} | {r.Repeated} |");
            }
        }

        var verdicts = Targets.Judge(results);
        if (verdicts.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Targets");
            md.AppendLine();
            md.AppendLine("| target | measured | met |");
            md.AppendLine("|---|---|---|");
            foreach (var verdict in verdicts)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {verdict.Target} | {verdict.Measured} | {(verdict.Met ? "yes" : "**no**")} |");
            }
        }

        md.AppendLine();
        md.AppendLine("![throughput](throughput.png)");
        md.AppendLine();
        md.AppendLine("![latency](latency.png)");
        md.AppendLine();
        md.AppendLine("## Systems");
        md.AppendLine();
        foreach (var (name, description) in report.Systems.OrderBy(s => Array.IndexOf(SystemCatalog.All, s.Key)))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- **{name}**: {description.Version}. {string.Join("; ", description.Settings)}.");
        }

        var path = Path.Combine(folder, "report.md");
        await File.WriteAllTextAsync(path, md.ToString(), cancellationToken);
        return path;
    }

    private static string Ms(double value, string format = "0.00") => double.IsNaN(value) ? "" : $"{value.ToString(format, CultureInfo.InvariantCulture)} ms";
}
