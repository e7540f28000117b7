using System.Diagnostics;

namespace Skn.Bench.Workload;

/// <summary>
/// One latency slot per message number, written without locks (each number is written once), and
/// percentiles over the filled slots. 100,000 longs is 800 kB: cheaper and exact compared with a
/// histogram at this size.
/// </summary>
public sealed class Latencies(int capacity)
{
    private readonly long[] _ticks = new long[capacity];

    /// <summary>Records the latency of message <paramref name="number"/> as Stopwatch ticks since <paramref name="startTimestamp"/>.</summary>
    public void Record(long number, long startTimestamp)
    {
        if ((ulong)number < (ulong)_ticks.Length)
        {
            _ticks[number] = Math.Max(1, Stopwatch.GetTimestamp() - startTimestamp);
        }
    }

    /// <summary>The given percentiles (0 to 100) in milliseconds; NaN when nothing was recorded.</summary>
    public double[] Percentiles(params double[] percentiles)
    {
        var filled = _ticks.Where(t => t > 0).ToArray();
        Array.Sort(filled);
        return percentiles.Select(p => filled.Length == 0
            ? double.NaN
            : filled[Math.Clamp((int)Math.Ceiling(p / 100 * filled.Length) - 1, 0, filled.Length - 1)] * 1000.0 / Stopwatch.Frequency).ToArray();
    }
}
