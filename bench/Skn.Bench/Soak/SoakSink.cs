using System.Diagnostics;
using Skn.Bench.Harness;
using Skn.Bench.Workload;

namespace Skn.Bench.Soak;

/// <summary>
/// The books of a soak run, shared by producers and consumers: which message numbers were sent
/// (answered OK) and when, which were delivered, how often, and how many acknowledgements came back.
/// From them: send→delivery latency per interval, the backlog, repeats, and what is still missing.
/// </summary>
internal sealed class SoakSink(int capacity) : IDeliverySink
{
    private readonly long[] _sentAt = new long[capacity];
    private readonly int[] _seen = new int[capacity];
    private long _sent;
    private long _sendFailures;
    private long _distinct;
    private long _repeated;
    private long _foreign;
    private long _acknowledged;

    public IntervalLatencies SendLatency { get; } = new();

    public IntervalLatencies DeliveryLatency { get; } = new();

    public long Sent => Interlocked.Read(ref _sent);

    public long SendFailures => Interlocked.Read(ref _sendFailures);

    public long Distinct => Interlocked.Read(ref _distinct);

    public long Repeated => Interlocked.Read(ref _repeated);

    public long Foreign => Interlocked.Read(ref _foreign);

    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    /// <summary>Sent and not yet acknowledged (a repeat's acknowledgement counts too, so this is a floor).</summary>
    public long Backlog => Math.Max(0, Sent - Acknowledged);

    /// <summary>A send of message <paramref name="number"/>, started at <paramref name="startTimestamp"/>, was answered OK.</summary>
    public void SendSucceeded(long number, long startTimestamp)
    {
        SendLatency.Record(startTimestamp);
        Volatile.Write(ref _sentAt[number], startTimestamp);
        Interlocked.Increment(ref _sent);
    }

    public void SendFailed() => Interlocked.Increment(ref _sendFailures);

    public void Delivered(ReadOnlySpan<byte> body)
    {
        if (!MessageStamp.TryRead(body, out var number, out var sent) || (ulong)number >= (ulong)_seen.Length)
        {
            Interlocked.Increment(ref _foreign);
            return;
        }

        if (Interlocked.Increment(ref _seen[number]) == 1)
        {
            DeliveryLatency.Record(sent);
            Interlocked.Increment(ref _distinct);
        }
        else
        {
            Interlocked.Increment(ref _repeated);
        }
    }

    void IDeliverySink.Acknowledged(int count) => Interlocked.Add(ref _acknowledged, count);

    /// <summary>Sent OK more than <paramref name="age"/> ago and never delivered (at the end: lost).</summary>
    public int Missing(TimeSpan age)
    {
        var before = Stopwatch.GetTimestamp() - (long)(age.TotalSeconds * Stopwatch.Frequency);
        var missing = 0;
        for (var i = 0; i < _sentAt.Length; i++)
        {
            var at = Volatile.Read(ref _sentAt[i]);
            if (at != 0 && at <= before && Volatile.Read(ref _seen[i]) == 0)
            {
                missing++;
            }
        }

        return missing;
    }
}
