using System.Runtime.ExceptionServices;
using RabbitMQ.Client;
using Skn.Bench.Harness;

namespace Skn.Bench.Systems.RabbitMq;

/// <summary>
/// Natural batching of a channel's acknowledgements: while one basic.ack is being written, the
/// deliveries that arrive wait; then a single basic.ack with multiple=true and the newest tag covers
/// them all. basic.ack has no reply in AMQP 0-9-1, so "accepted" here means written.
/// </summary>
internal sealed class RabbitMqAcknowledgements(IChannel channel, IDeliverySink sink) : IAsyncDisposable
{
    private readonly object _gate = new();
    private ulong _newestTag;
    private int _count;
    private Task _running = Task.CompletedTask;
    private bool _pumping;
    private ExceptionDispatchInfo? _failure;

    /// <summary>Queues a delivery; tags arrive in increasing order (one dispatcher per channel).</summary>
    public void Add(ulong deliveryTag)
    {
        lock (_gate)
        {
            // A failed ack stops the pump; the consumer learns it here rather than stalling.
            _failure?.Throw();
            _newestTag = deliveryTag;
            _count++;
            if (!_pumping)
            {
                // The flag, not the task's state, says whether a pump will see this tag: the task
                // completes a moment after its last look.
                _pumping = true;
                _running = Task.Run(PumpAsync);
            }
        }
    }

    /// <summary>Waits for the acknowledgement already queued.</summary>
    public async ValueTask DisposeAsync() => await _running;

    private async Task PumpAsync()
    {
        try
        {
            while (true)
            {
                ulong tag;
                int count;
                lock (_gate)
                {
                    if (_count == 0)
                    {
                        _pumping = false;
                        return;
                    }

                    (tag, count) = (_newestTag, _count);
                    _count = 0;
                }

                await channel.BasicAckAsync(tag, multiple: true);
                sink.Acknowledged(count);
            }
        }
        catch (Exception e)
        {
            lock (_gate)
            {
                _failure = ExceptionDispatchInfo.Capture(e);
                _pumping = false;
            }

            throw;
        }
    }
}
