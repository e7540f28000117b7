using NATS.Client.JetStream;
using Skn.Bench.Harness;

namespace Skn.Bench.Systems.Nats;

/// <summary>
/// A consumer's acknowledgements, naturally batched. A work-queue stream only takes AckPolicy
/// Explicit (2.9.10 refuses All: "workqueue stream requires explicit ack"), so a batch is one ack per
/// message, written back to back and awaited together. Double acks make each a round trip, so
/// Acknowledged follows the server's replies.
/// </summary>
internal sealed class NatsAcknowledgements(IDeliverySink sink) : IAsyncDisposable
{
    private static readonly AckOpts DoubleAck = new() { DoubleAck = true };

    private readonly NaturalBatcher<INatsJSMsg<byte[]>> _batcher =
        new(batch => Task.WhenAll(batch.Select(message => message.AckAsync(DoubleAck).AsTask())), sink);

    public void Add(INatsJSMsg<byte[]> message) => _batcher.Add(message);

    public ValueTask DisposeAsync() => _batcher.DisposeAsync();
}
