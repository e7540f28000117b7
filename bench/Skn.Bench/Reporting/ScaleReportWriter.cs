using System.Globalization;
using System.Text;
using Skn.Bench.Scale;

namespace Skn.Bench.Reporting;

/// <summary>Writes scale.md: one row per backlog level, with the bounds beside the figures.</summary>
internal static class ScaleReportWriter
{
    public static async Task<string> WriteAsync(string folder, IReadOnlyList<ScaleLevelResult> levels, string machine, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# The node with a backlog, {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {machine}. Node over h2c, 2,048-byte sealed bodies, 50 mailboxes.");
        md.AppendLine();
        md.AppendLine("| pending | fill (BatchSend) | node RSS after fill | peak RSS | first delivery median / max | sends empty → full (P=8) | drop | expiry sweep of all | sends during sweep p99 / max |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var l in levels)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {l.Pending:N0} | {l.FillPerSecond:N0}/s | {l.RssAfterFillMb:0} MB | {l.PeakRssMb:0} MB | {l.FirstDeliveryMedianMs:0.0} / {l.FirstDeliveryMaxMs:0.0} ms | {l.SendEmptyPerSecond:N0} → {l.SendFullPerSecond:N0} msg/s | {l.SendDrop * 100:0}% | {l.SweepSeconds:0.0} s | {SendsDuringSweep(l)} |");
        }

        md.AppendLine();
        md.AppendLine("Sends in the restarted node's first second are not counted (that second is the JIT's); \"—\": the sweep was over by then.");
        md.AppendLine("Bounds (issue 6): RSS ≤ 200 MB, first delivery ≤ 50 ms, send drop ≤ 20 %, sweep ≤ 30 s, no send stalled > 100 ms by the sweep.");
        var path = Path.Combine(folder, "scale.md");
        await File.WriteAllTextAsync(path, md.ToString(), cancellationToken);
        return path;
    }

    private static string SendsDuringSweep(ScaleLevelResult level) => double.IsNaN(level.SweepP99SendMs)
        ? "—"
        : string.Create(CultureInfo.InvariantCulture, $"{level.SweepP99SendMs:0.0} / {level.SweepMaxSendMs:0.0} ms");
}
