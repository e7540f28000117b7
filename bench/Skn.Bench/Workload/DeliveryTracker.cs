using Skn.Bench.Harness;

namespace Skn.Bench.Workload;

/// <summary>
/// The consumers' sink for one phase (warm-up or measured): counts distinct deliveries and
/// repeats, records send-to-delivery latency, and completes when every expected message has been
/// acknowledged.
/// </summary>
internal sealed class DeliveryTracker : IDeliverySink
{
    private readonly long _first;
    private readonly int _expected;
    private readonly int[] _seen;
    private readonly Latencies _deliveryLatency;
    private readonly TaskCompletionSource _allAcknowledged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _acknowledged;
    private long _distinct;
    private long _repeated;
    private long _foreign;

    /// <param name="first">The first message number of the phase.</param>
    /// <param name="expected">How many messages the phase sends.</param>
    public DeliveryTracker(long first, int expected)
    {
        _first = first;
        _expected = expected;
        _seen = new int[expected];
        _deliveryLatency = new Latencies(expected);
    }

    public Latencies DeliveryLatency => _deliveryLatency;

    /// <summary>Completes when acknowledgements for all expected messages came back.</summary>
    public Task AllAcknowledged => _allAcknowledged.Task;

    public long Distinct => Interlocked.Read(ref _distinct);

    public long Repeated => Interlocked.Read(ref _repeated);

    /// <summary>Deliveries of messages outside this phase (e.g. a warm-up message delivered again).</summary>
    public long Foreign => Interlocked.Read(ref _foreign);

    public long AcknowledgedCount => Interlocked.Read(ref _acknowledged);

    public void Delivered(ReadOnlySpan<byte> body)
    {
        if (!MessageStamp.TryRead(body, out var number, out var sent) || number < _first || number >= _first + _expected)
        {
            Interlocked.Increment(ref _foreign);
            return;
        }

        var index = number - _first;
        if (Interlocked.Exchange(ref _seen[index], 1) == 0)
        {
            _deliveryLatency.Record(index, sent);
            Interlocked.Increment(ref _distinct);
        }
        else
        {
            Interlocked.Increment(ref _repeated);
        }
    }

    public void Acknowledged(int count)
    {
        // Counting acks rather than matching them keeps the consumers simple; a repeat delivery's
        // ack counts too, so completion also requires every message to have been seen.
        if (Interlocked.Add(ref _acknowledged, count) >= _expected && Distinct >= _expected)
        {
            _allAcknowledged.TrySetResult();
        }
    }
}
