using Skn.Bench.Harness;
using StackExchange.Redis;

namespace Skn.Bench.Systems.Redis;

/// <summary>Sends with XADD &lt;stream&gt; * d &lt;body&gt;; with appendfsync always the reply comes after the fsync.</summary>
internal sealed class RedisStreamsProducer(ConnectionMultiplexer connection) : IMailboxProducer
{
    private readonly IDatabase _database = connection.GetDatabase();

    public Task SendAsync(int mailbox, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        // The client has no cancellation of a sent command; WaitAsync only stops waiting for it.
        _database.StreamAddAsync(RedisConnections.StreamKey(mailbox), RedisConnections.BodyField, body).WaitAsync(cancellationToken);

    public async ValueTask DisposeAsync() => await connection.DisposeAsync();
}
