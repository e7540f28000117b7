using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ScottPlot;
using Skn.Bench.Soak;

namespace Skn.Bench.Reporting;

/// <summary>Writes soak.md (the verdict and a row per sample), soak.json and soak.png.</summary>
internal static class SoakReportWriter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static async Task<string> WriteAsync(string folder, SoakResult result, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "soak.json"), JsonSerializer.Serialize(result, Json), cancellationToken);
        WriteChart(Path.Combine(folder, "soak.png"), result);
        var path = Path.Combine(folder, "soak.md");
        await File.WriteAllTextAsync(path, Markdown(result), cancellationToken);
        return path;
    }

    /// <summary>Reads a soak.json this writer wrote, to report it again.</summary>
    public static async Task<SoakResult> ReadAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<SoakResult>(stream, Json, cancellationToken)
            ?? throw new InvalidDataException($"'{path}' holds no soak result.");
    }

    public static string VerdictLine(SoakResult r)
    {
        var v = r.Verdict;
        return string.Create(CultureInfo.InvariantCulture,
            $"{(v.MemoryFlat ? "Flat" : "NOT flat")}: node RSS {v.RssAfterWarmupMb:0.0} MB after warm-up, {v.RssAtEndMb:0.0} MB at the end ({v.RssGrowthMb:+0.0;-0.0;0.0} MB, {v.RssGrowthPercent:+0.0;-0.0;0.0} %; threshold {r.FlatThresholdPercent:0} %), trend {v.RssSlopeMbPerMinute:+0.00;-0.00;0.00} MB/min; handles {v.HandlesAfterWarmup:0} → {v.HandlesAtEnd:0}; lost {r.Lost}, repeated {r.Repeated}.");
    }

    private static string Markdown(SoakResult r)
    {
        var v = r.Verdict;
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine(inv, $"# Soak run, {r.Started:yyyy-MM-dd HH:mm zzz}");
        md.AppendLine();
        md.AppendLine(inv, $"Machine: {r.Machine}.");
        md.AppendLine();
        md.AppendLine(inv, $"Node: {r.Node}.");
        md.AppendLine();
        md.AppendLine(inv, $"Workload: {r.DurationSeconds / 60:0.#} minutes of 2,048-byte Saldoverzoeken at {r.Rate} msg/s, paced, from {r.Producers} counsellors (one send in flight each) to {r.Streams} mailboxes, each its own creditor with its own certificate, connection and FetchPending follow stream, acknowledging in natural batches. Warm-up: the first {r.WarmupSeconds:0} s.");
        md.AppendLine();
        md.AppendLine("## Verdict");
        md.AppendLine();
        md.AppendLine(VerdictLine(r));
        md.AppendLine();
        md.AppendLine("| | after warm-up | end | change |");
        md.AppendLine("|---|---:|---:|---:|");
        md.AppendLine(inv, $"| node RSS | {v.RssAfterWarmupMb:0.0} MB | {v.RssAtEndMb:0.0} MB | {v.RssGrowthMb:+0.0;-0.0;0.0} MB ({v.RssGrowthPercent:+0.0;-0.0;0.0} %) |");
        md.AppendLine(inv, $"| handles (fds) | {v.HandlesAfterWarmup:0} | {v.HandlesAtEnd:0} | {v.HandlesAtEnd - v.HandlesAfterWarmup:+0;-0;0} |");
        md.AppendLine(inv, $"| threads | {v.ThreadsAfterWarmup:0} | {v.ThreadsAtEnd:0} | {v.ThreadsAtEnd - v.ThreadsAfterWarmup:+0;-0;0} |");
        md.AppendLine(inv, $"| database file | {v.DatabaseAfterWarmupMb:0.0} MB | {v.DatabaseAtEndMb:0.0} MB | {v.DatabaseAtEndMb - v.DatabaseAfterWarmupMb:+0.0;-0.0;0.0} MB |");
        md.AppendLine();
        var thresholdMb = v.RssAfterWarmupMb * r.FlatThresholdPercent / 100;
        var bytesPerMessage = v.MessagesAfterWarmup > 0 ? thresholdMb * 1024 * 1024 / v.MessagesAfterWarmup : double.NaN;
        md.AppendLine(inv, $"- Each end is the mean of the samples in a 30 s window (the 30 s after warm-up, the last 30 s of sending), which evens out the GC's sawtooth. Trend: the least-squares slope of RSS over every sample after warm-up. Peak RSS: {v.PeakRssMb:0.0} MB.");
        var after = r.Samples.Where(s => !s.Warmup).Select(s => s.RssMb).DefaultIfEmpty(double.NaN).ToArray();
        md.AppendLine(inv, $"- The threshold, {r.FlatThresholdPercent:0} %, was fixed before the first run, as the issue suggests. Here it is {thresholdMb:0.0} MB: a leak of {bytesPerMessage:0} bytes per message over the {v.MessagesAfterWarmup:N0} messages sent after warm-up would cross it. After warm-up RSS ranged from {after.Min():0.0} to {after.Max():0.0} MB; when that swing is larger than the threshold, where each window falls in the GC's cycle moves the growth figure as much as a leak would, and only a longer run settles it.");
        md.AppendLine(inv, $"- Sent OK {r.Sent:N0}, send failures {r.SendFailures}, delivered {r.Delivered:N0}, lost {r.Lost}, repeated {r.Repeated}, foreign {r.Foreign}; drain after the last send {r.DrainSeconds:0.0} s; longest a send started behind its schedule {r.MaxSendLagMs:0.0} ms.");
        if (r.Failure is not null)
        {
            md.AppendLine(inv, $"- **Failure:** {r.Failure}");
        }

        md.AppendLine();
        md.AppendLine("![soak](soak.png)");
        md.AppendLine();
        md.AppendLine("## Over time");
        md.AppendLine();
        md.AppendLine("Latencies are over the interval before each sample; RSS, handles (open fds) and threads are the node's process tree at the sample; CPU is the node's over the interval, in % of one core. Database: the SQLite file's size, the free pages inside it (as of the last checkpoint) and the write-ahead log. Backlog: sent and not yet acknowledged. Missing: sent over 30 s ago and not yet delivered. Rows in the warm-up are marked *w*.");
        md.AppendLine();
        md.AppendLine("| t (s) | RSS MB | handles | threads | node CPU | sent/s | send p50 / p99 ms | send→delivery p50 / p99 ms | database / free / WAL MB | backlog | missing | repeated |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in r.Samples)
        {
            md.AppendLine(inv, $"| {s.Seconds:0}{(s.Warmup ? " *w*" : "")} | {s.RssMb:0.0} | {s.Handles} | {s.Threads} | {s.CpuPercent:0} % | {s.SentPerSecond:0} | {s.SendP50Ms:0.0} / {s.SendP99Ms:0.0} | {s.DeliveryP50Ms:0.0} / {s.DeliveryP99Ms:0.0} | {s.DatabaseMb:0.0} / {s.DatabaseFreeMb:0.0} / {s.WalMb:0.0} | {s.Backlog} | {s.Missing} | {s.Repeated} |");
        }

        return md.ToString();
    }

    /// <summary>RSS, handles and the database file (left axis), and send→delivery and send p99 (right axis), over time.</summary>
    private static void WriteChart(string path, SoakResult r)
    {
        var plot = new Plot();
        var t = r.Samples.Select(s => s.Seconds / 60).ToArray();
        var rss = plot.Add.Scatter(t, r.Samples.Select(s => s.RssMb).ToArray());
        rss.LegendText = "node RSS (MB, left)";
        rss.LineWidth = 2;
        var handles = plot.Add.Scatter(t, r.Samples.Select(s => (double)s.Handles).ToArray());
        handles.LegendText = "node handles (left)";
        var database = plot.Add.Scatter(t, r.Samples.Select(s => s.DatabaseMb).ToArray());
        database.LegendText = "database file (MB, left)";
        var delivery = plot.Add.Scatter(t, r.Samples.Select(s => double.IsNaN(s.DeliveryP99Ms) ? 0 : s.DeliveryP99Ms).ToArray());
        delivery.LegendText = "send→delivery p99 (ms, right)";
        delivery.Axes.YAxis = plot.Axes.Right;
        var send = plot.Add.Scatter(t, r.Samples.Select(s => double.IsNaN(s.SendP99Ms) ? 0 : s.SendP99Ms).ToArray());
        send.LegendText = "send p99 (ms, right)";
        send.Axes.YAxis = plot.Axes.Right;
        var warmup = plot.Add.VerticalLine(r.WarmupSeconds / 60);
        warmup.LinePattern = LinePattern.Dashed;
        warmup.LegendText = "end of warm-up";
        // Headroom above the highest line for the legend, so that it hides none of them.
        plot.Axes.SetLimitsY(0, Math.Max(r.Samples.Max(s => Math.Max(Math.Max(s.RssMb, s.Handles), s.DatabaseMb)), 1) * 1.7, plot.Axes.Left);
        plot.Axes.SetLimitsY(0, Math.Max(r.Samples.Where(s => !double.IsNaN(s.DeliveryP99Ms)).Select(s => Math.Max(s.DeliveryP99Ms, s.SendP99Ms)).DefaultIfEmpty(1).Max(), 1) * 1.15, plot.Axes.Right);
        plot.Legend.IsVisible = true;
        plot.Legend.Alignment = Alignment.UpperRight;
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"Soak: {r.Rate} msg/s, {r.Streams} follow streams, mTLS"));
        plot.XLabel("minutes");
        plot.Axes.Left.Label.Text = "MB / handles";
        plot.Axes.Right.Label.Text = "ms";
        plot.SavePng(path, 900, 480);
    }
}
