using System.Globalization;
using Skn.Bench.Workload;

namespace Skn.Bench.Reporting;

/// <summary>The issue's targets, judged on one run's results (ratios within the run, so a noisy machine moves both sides).</summary>
internal static class Targets
{
    public static IReadOnlyList<TargetVerdict> Judge(IReadOnlyList<WorkloadResult> results)
    {
        WorkloadResult? Find(string system, string configuration) =>
            results.FirstOrDefault(r => r.System == system && r.Configuration == configuration && r.Failure is null);

        var verdicts = new List<TargetVerdict>();
        void Ratio(string configuration, string system, double factor)
        {
            var skn = Find(system, configuration);
            var redis = Find("redis-streams", configuration);
            if (skn is null || redis is null)
            {
                return;
            }

            var ratio = skn.MessagesPerSecond / redis.MessagesPerSecond;
            verdicts.Add(new TargetVerdict(
                $"{configuration}: {system} ≥ {factor.ToString("0.0#", CultureInfo.InvariantCulture)} × redis-streams end to end",
                $"{ratio.ToString("0.00", CultureInfo.InvariantCulture)} × ({skn.MessagesPerSecond:N0} vs {redis.MessagesPerSecond:N0} msg/s)",
                ratio >= factor));
        }

        Ratio("P=C=8", "skn-h2c", 1.0);
        Ratio("P=C=8", "skn-mtls", 0.9);
        Ratio("P=C=1", "skn-h2c", 1.2);

        foreach (var system in new[] { "skn-mtls", "skn-h2c" })
        {
            if (Find(system, "P=C=8") is { } eight)
            {
                verdicts.Add(new TargetVerdict($"P=C=8: {system} send p99 ≤ 3 ms", Ms(eight.SendP99Ms), eight.SendP99Ms <= 3));
                verdicts.Add(new TargetVerdict($"P=C=8: {system} send→delivery p99 ≤ 5 ms", Ms(eight.DeliveryP99Ms), eight.DeliveryP99Ms <= 5));
            }

            var peak = results.Where(r => r.System == system && r.Failure is null).Select(r => r.PeakRssMegabytes).DefaultIfEmpty().Max();
            if (peak > 0)
            {
                verdicts.Add(new TargetVerdict($"{system} server peak RSS ≤ 150 MB", $"{peak:0} MB", peak <= 150));
            }
        }

        return verdicts;
    }

    private static string Ms(double value) => $"{value.ToString("0.00", CultureInfo.InvariantCulture)} ms";
}

/// <summary>One target: what it asks, what was measured, and whether it was met.</summary>
internal sealed record TargetVerdict(string Target, string Measured, bool Met);
