using Skn.Bench.Harness;
using StackExchange.Redis;

namespace Skn.Bench.Systems.Redis;

/// <summary>
/// Drains the consumer's streams with one blocking XREADGROUP over all of them at a time, reports
/// each entry on receipt and hands its id to <see cref="RedisAcknowledgements"/>.
/// </summary>
internal sealed class RedisStreamsConsumer : IMailboxConsumer
{
    /// <summary>Entries per stream per read.</summary>
    public const int Count = 128;

    /// <summary>How long a read waits for new entries; bounds how late RunAsync notices cancellation.</summary>
    public const int BlockMilliseconds = 1000;

    /// <summary>The read connection's timeouts: well beyond the block time.</summary>
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    private readonly ConnectionMultiplexer _reads;
    private readonly ConnectionMultiplexer _acks;
    private readonly RedisKey[] _streams;
    private readonly Dictionary<string, int> _slots = [];
    private readonly object[] _arguments;

    public RedisStreamsConsumer(string name, ConnectionMultiplexer reads, ConnectionMultiplexer acks, IReadOnlyList<int> mailboxes)
    {
        _reads = reads;
        _acks = acks;
        _streams = mailboxes.Select(RedisConnections.StreamKey).ToArray();
        for (var slot = 0; slot < _streams.Length; slot++)
        {
            _slots[_streams[slot]!] = slot;
        }

        // XREADGROUP GROUP g <name> COUNT 128 BLOCK 1000 STREAMS <s1> ... <sn> > ... >
        // ("> " = entries never delivered to this group). The client has no blocking stream read of
        // its own, hence the raw command on a connection nothing else uses.
        var arguments = new List<object> { "GROUP", RedisConnections.Group, name, "COUNT", Count, "BLOCK", BlockMilliseconds, "STREAMS" };
        arguments.AddRange(_streams.Select(stream => (object)stream));
        arguments.AddRange(_streams.Select(_ => (object)">"));
        _arguments = [.. arguments];
    }

    public async Task RunAsync(IDeliverySink sink, CancellationToken cancellationToken)
    {
        var database = _reads.GetDatabase();
        var acks = new RedisAcknowledgements(_acks.GetDatabase(), _streams, sink);
        try
        {
            // No cancellation inside a read: it returns within the block time anyway, and abandoning
            // it would leave the connection mid-command.
            while (!cancellationToken.IsCancellationRequested)
            {
                var reply = await database.ExecuteAsync("XREADGROUP", _arguments);
                Deliver(reply, sink, acks);
            }
        }
        finally
        {
            // Lets the last batch finish (and surfaces a failed one).
            await acks.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _reads.DisposeAsync();
        await _acks.DisposeAsync();
    }

    /// <summary>
    /// The RESP2 reply: nil when the block time passed, else [[stream, [[id, [field, value]], ...]], ...].
    /// </summary>
    private void Deliver(RedisResult reply, IDeliverySink sink, RedisAcknowledgements acks)
    {
        if (reply.IsNull)
        {
            return;
        }

        foreach (var stream in (RedisResult[])reply!)
        {
            var parts = (RedisResult[])stream!;
            var slot = _slots[(string)parts[0]!];
            foreach (var entry in (RedisResult[])parts[1]!)
            {
                var fields = (RedisResult[])entry[1]!;
                var body = (RedisValue)fields[1];
                sink.Delivered(((ReadOnlyMemory<byte>)body).Span);
                acks.Add(slot, (RedisValue)entry[0]);
            }
        }
    }
}
