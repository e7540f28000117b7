using System.Runtime.ExceptionServices;
using NATS.Client.JetStream;
using Skn.Bench.Harness;

namespace Skn.Bench.Systems.Nats;

/// <summary>
/// Natural batching of a consumer's acknowledgements: while one round is in flight, new messages
/// wait; then all of them are acked together. A work-queue stream only takes AckPolicy Explicit
/// (2.9.10 refuses All: "workqueue stream requires explicit ack"), so a round is one ack per
/// message, written back to back and awaited together. Double acks make each a round trip, so
/// Acknowledged follows the server's replies.
/// </summary>
internal sealed class NatsAcknowledgements(IDeliverySink sink) : IAsyncDisposable
{
    private static readonly AckOpts DoubleAck = new() { DoubleAck = true };

    private readonly object _gate = new();
    private List<INatsJSMsg<byte[]>> _waiting = [];
    private Task _running = Task.CompletedTask;
    private bool _pumping;
    private ExceptionDispatchInfo? _failure;

    public void Add(INatsJSMsg<byte[]> message)
    {
        lock (_gate)
        {
            // A failed ack stops the pump; the consumer learns it here rather than stalling.
            _failure?.Throw();
            _waiting.Add(message);
            if (!_pumping)
            {
                // The flag, not the task's state, says whether a pump will see this message: the
                // task completes a moment after its last look.
                _pumping = true;
                _running = Task.Run(PumpAsync);
            }
        }
    }

    /// <summary>Waits for the acknowledgements already queued.</summary>
    public async ValueTask DisposeAsync() => await _running;

    private async Task PumpAsync()
    {
        try
        {
            var replies = new List<Task>();
            while (true)
            {
                List<INatsJSMsg<byte[]>> batch;
                lock (_gate)
                {
                    if (_waiting.Count == 0)
                    {
                        _pumping = false;
                        return;
                    }

                    batch = _waiting;
                    _waiting = [];
                }

                replies.Clear();
                foreach (var message in batch)
                {
                    replies.Add(message.AckAsync(DoubleAck).AsTask());
                }

                await Task.WhenAll(replies);
                sink.Acknowledged(batch.Count);
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
