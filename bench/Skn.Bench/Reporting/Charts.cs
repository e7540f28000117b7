using ScottPlot;
using Skn.Bench.Workload;

namespace Skn.Bench.Reporting;

/// <summary>The report's charts: throughput, and send and delivery p99, per system, a bar group per configuration.</summary>
internal static class Charts
{
    public static void WriteThroughput(string path, IReadOnlyList<WorkloadResult> results) =>
        Write(path, results, "End-to-end throughput (msg/s, higher is better)", "msg/s", r => r.MessagesPerSecond);

    public static void WriteLatency(string path, IReadOnlyList<WorkloadResult> results) =>
        Write(path, results, "Send→delivery p99 (ms, lower is better)", "ms", r => r.DeliveryP99Ms);

    private static void Write(string path, IReadOnlyList<WorkloadResult> results, string title, string unit, Func<WorkloadResult, double> value)
    {
        var systems = results.Select(r => r.System).Distinct().ToArray();
        var configurations = results.Select(r => r.Configuration).Distinct().ToArray();
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        for (var c = 0; c < configurations.Length; c++)
        {
            for (var s = 0; s < systems.Length; s++)
            {
                var result = results.FirstOrDefault(r => r.System == systems[s] && r.Configuration == configurations[c]);
                var height = result is null || result.Failure is not null || double.IsNaN(value(result)) ? 0 : value(result);
                bars.Add(new Bar
                {
                    Position = (c * (systems.Length + 1)) + s,
                    Value = height,
                    FillColor = palette.GetColor(s),
                    Label = height >= 100 ? height.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : height.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture),
                });
            }

            ticks.Add(new Tick((c * (systems.Length + 1)) + ((systems.Length - 1) / 2.0), configurations[c]));
        }

        var series = plot.Add.Bars(bars);
        series.ValueLabelStyle.FontSize = 10;
        for (var s = 0; s < systems.Length; s++)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = systems[s], FillColor = palette.GetColor(s) });
        }

        plot.Legend.IsVisible = true;
        plot.Legend.Alignment = Alignment.UpperRight;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.Margins(bottom: 0);
        plot.Title(title);
        plot.YLabel(unit);
        plot.SavePng(path, 900, 480);
    }
}
