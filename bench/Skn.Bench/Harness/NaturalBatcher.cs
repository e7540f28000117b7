using System.Runtime.ExceptionServices;

namespace Skn.Bench.Harness;

/// <summary>
/// Natural batching of acknowledgements, shared by every system's consumer: while one flush is in
/// flight, new items wait; when it completes, all of them go in the next flush. Under load a flush
/// carries many items; when idle, each goes at once. After a flush the sink hears how many it covered.
/// </summary>
/// <typeparam name="T">What a system acknowledges by: a delivery token, a tag, a stream entry id.</typeparam>
internal sealed class NaturalBatcher<T>(Func<List<T>, Task> flush, IDeliverySink sink) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private List<T> _waiting = [];
    private Task _running = Task.CompletedTask;
    private bool _pumping;
    private ExceptionDispatchInfo? _failure;

    public void Add(T item)
    {
        lock (_gate)
        {
            // A failed flush stops the pump; the consumer learns it here rather than stalling.
            _failure?.Throw();
            _waiting.Add(item);
            if (!_pumping)
            {
                // The flag, not the task's state, says whether a pump will see this item: the task
                // completes a moment after its last look at the list.
                _pumping = true;
                _running = Task.Run(PumpAsync);
            }
        }
    }

    /// <summary>Waits for the flushes already queued (and surfaces a failed one).</summary>
    public async ValueTask DisposeAsync() => await _running;

    private async Task PumpAsync()
    {
        try
        {
            while (true)
            {
                List<T> batch;
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

                await flush(batch);
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
