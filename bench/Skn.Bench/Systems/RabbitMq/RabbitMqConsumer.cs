using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Skn.Bench.Harness;

namespace Skn.Bench.Systems.RabbitMq;

/// <summary>
/// One channel for all the consumer's queues, a basic.consume per queue. The client dispatches a
/// channel's deliveries one at a time in delivery-tag order, so the newest tag acknowledges, with
/// multiple=true, everything delivered on the channel before it.
/// </summary>
internal sealed class RabbitMqConsumer(IConnection connection, IReadOnlyList<int> mailboxes) : IMailboxConsumer
{
    /// <summary>Unacknowledged deliveries per queue (basic.qos, per consumer) the broker may have outstanding.</summary>
    public const ushort Prefetch = 256;

    private IChannel? _channel;
    private volatile bool _stopping;

    public async Task RunAsync(IDeliverySink sink, CancellationToken cancellationToken)
    {
        _channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        await _channel.BasicQosAsync(prefetchSize: 0, prefetchCount: Prefetch, global: false, cancellationToken);
        var acks = new RabbitMqAcknowledgements(_channel, sink);
        var consumerTags = new List<string>();
        try
        {
            foreach (var mailbox in mailboxes)
            {
                var consumer = new AsyncEventingBasicConsumer(_channel);
                consumer.ReceivedAsync += (_, delivery) =>
                {
                    // After the run, deliveries still on their way are left unacknowledged (the
                    // broker requeues them when the channel closes) rather than reported late.
                    if (!_stopping)
                    {
                        // The body is only valid during the handler, as is the sink's span.
                        sink.Delivered(delivery.Body.Span);
                        acks.Add(delivery.DeliveryTag);
                    }

                    return Task.CompletedTask;
                };
                consumerTags.Add(await _channel.BasicConsumeAsync(BenchEnvironment.MailboxName(mailbox), autoAck: false, consumer, cancellationToken));
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over: no more deliveries.
            _stopping = true;
            foreach (var tag in consumerTags)
            {
                await _channel.BasicCancelAsync(tag);
            }
        }
        finally
        {
            await acks.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_channel is not null)
        {
            await _channel.DisposeAsync();
        }

        await connection.DisposeAsync();
    }
}
