using System.Runtime.ExceptionServices;
using Skn.Bench.Harness;
using StackExchange.Redis;

namespace Skn.Bench.Systems.Redis;

/// <summary>
/// Natural batching of a consumer's acknowledgements: while one batch is on its way, new ids wait;
/// when it is done they all go next. A batch is XACK + XDEL per stream, pipelined on the consumer's
/// acknowledgement connection, so Redis handles it in one event-loop pass and one AOF fsync.
/// </summary>
internal sealed class RedisAcknowledgements(IDatabase database, RedisKey[] streams, IDeliverySink sink) : IAsyncDisposable
{
    private readonly object _gate = new();
    private List<RedisValue>[] _waiting = NewLists(streams.Length);
    private int _count;
    private Task _running = Task.CompletedTask;
    private bool _pumping;
    private ExceptionDispatchInfo? _failure;

    /// <summary>Queues the id of an entry of stream <paramref name="slot"/> for acknowledgement.</summary>
    public void Add(int slot, RedisValue id)
    {
        lock (_gate)
        {
            _waiting[slot].Add(id);
            _count++;
            // A failed batch stops the pump; the consumer learns it here rather than stalling.
            _failure?.Throw();
            if (!_pumping)
            {
                // The flag, not the task's state, says whether a pump will see this id: the task
                // completes a moment after its last look at the lists.
                _pumping = true;
                _running = Task.Run(PumpAsync);
            }
        }
    }

    /// <summary>Waits for the batches already queued.</summary>
    public async ValueTask DisposeAsync() => await _running;

    private static List<RedisValue>[] NewLists(int count) => Enumerable.Range(0, count).Select(_ => new List<RedisValue>()).ToArray();

    private async Task PumpAsync()
    {
        try
        {
            while (true)
            {
                List<RedisValue>[] batch;
                int count;
                lock (_gate)
                {
                    if (_count == 0)
                    {
                        _pumping = false;
                        return;
                    }

                    (batch, count) = (_waiting, _count);
                    (_waiting, _count) = (NewLists(streams.Length), 0);
                }

                var replies = new List<Task>();
                for (var slot = 0; slot < batch.Length; slot++)
                {
                    if (batch[slot].Count > 0)
                    {
                        var ids = batch[slot].ToArray();
                        replies.Add(database.StreamAcknowledgeAsync(streams[slot], RedisConnections.Group, ids));
                        replies.Add(database.StreamDeleteAsync(streams[slot], ids));
                    }
                }

                await Task.WhenAll(replies);
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
