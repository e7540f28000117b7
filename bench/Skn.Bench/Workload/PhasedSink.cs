using Skn.Bench.Harness;

namespace Skn.Bench.Workload;

/// <summary>
/// The sink the consumers keep for the whole run; it forwards to the tracker of the current phase
/// (warm-up, then measured), so consumers need not be restarted between phases.
/// </summary>
internal sealed class PhasedSink(DeliveryTracker first) : IDeliverySink
{
    private volatile DeliveryTracker _current = first;

    public void Switch(DeliveryTracker next) => _current = next;

    public void Delivered(ReadOnlySpan<byte> body) => _current.Delivered(body);

    public void Acknowledged(int count) => _current.Acknowledged(count);
}
