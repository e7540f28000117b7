using System.Diagnostics;

namespace Skn.Bench.Soak;

/// <summary>
/// Latencies of one sampling interval: recorded from many threads, taken and cleared by the sampler.
/// At a few hundred messages a second a locked list is cheap, and the percentiles are exact.
/// </summary>
internal sealed class IntervalLatencies
{
    private readonly Lock _gate = new();
    private List<long> _ticks = [];

    public void Record(long startTimestamp)
    {
        var elapsed = Math.Max(1, Stopwatch.GetTimestamp() - startTimestamp);
        lock (_gate)
        {
            _ticks.Add(elapsed);
        }
    }

    /// <summary>p50 and p99 in milliseconds of what was recorded since the last call (NaN when nothing), and clears.</summary>
    public (double P50, double P99, int Count) TakePercentiles()
    {
        List<long> taken;
        lock (_gate)
        {
            taken = _ticks;
            _ticks = new List<long>(taken.Count);
        }

        if (taken.Count == 0)
        {
            return (double.NaN, double.NaN, 0);
        }

        taken.Sort();
        double At(double p) => taken[Math.Clamp((int)Math.Ceiling(p / 100 * taken.Count) - 1, 0, taken.Count - 1)] * 1000.0 / Stopwatch.Frequency;
        return (At(50), At(99), taken.Count);
    }
}
