using RabbitMQ.Client;
using Skn.Bench.Harness;

namespace Skn.Bench.Systems.RabbitMq;

/// <summary>
/// A channel's acknowledgements, naturally batched: a single basic.ack with multiple=true and the
/// newest tag covers the whole batch (tags arrive in increasing order, one dispatcher per channel).
/// basic.ack has no reply in AMQP 0-9-1, so "accepted" here means written.
/// </summary>
internal sealed class RabbitMqAcknowledgements(IChannel channel, IDeliverySink sink) : IAsyncDisposable
{
    private readonly NaturalBatcher<ulong> _batcher = new(tags => channel.BasicAckAsync(tags[^1], multiple: true).AsTask(), sink);

    public void Add(ulong deliveryTag) => _batcher.Add(deliveryTag);

    public ValueTask DisposeAsync() => _batcher.DisposeAsync();
}
