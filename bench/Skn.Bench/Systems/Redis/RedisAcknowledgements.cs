using Skn.Bench.Harness;
using StackExchange.Redis;

namespace Skn.Bench.Systems.Redis;

/// <summary>
/// A consumer's acknowledgements, naturally batched. A batch is XACK + XDEL per stream, pipelined on
/// the consumer's acknowledgement connection, so Redis handles it in one event-loop pass and one AOF fsync.
/// </summary>
internal sealed class RedisAcknowledgements(IDatabase database, RedisKey[] streams, IDeliverySink sink) : IAsyncDisposable
{
    private readonly NaturalBatcher<(int Slot, RedisValue Id)> _batcher = new(batch => FlushAsync(database, streams, batch), sink);

    /// <summary>Queues the id of an entry of stream <paramref name="slot"/> for acknowledgement.</summary>
    public void Add(int slot, RedisValue id) => _batcher.Add((slot, id));

    public ValueTask DisposeAsync() => _batcher.DisposeAsync();

    private static Task FlushAsync(IDatabase database, RedisKey[] streams, List<(int Slot, RedisValue Id)> batch)
    {
        var replies = new List<Task>();
        foreach (var stream in batch.GroupBy(entry => entry.Slot))
        {
            var ids = stream.Select(entry => entry.Id).ToArray();
            replies.Add(database.StreamAcknowledgeAsync(streams[stream.Key], RedisConnections.Group, ids));
            replies.Add(database.StreamDeleteAsync(streams[stream.Key], ids));
        }

        return Task.WhenAll(replies);
    }
}
