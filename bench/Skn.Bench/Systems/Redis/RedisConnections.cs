using Skn.Bench.Harness;
using StackExchange.Redis;

namespace Skn.Bench.Systems.Redis;

/// <summary>
/// How every client of the private redis-server connects: one multiplexer per role, so producers and
/// consumers never share a socket (a blocking XREADGROUP would hold up anything queued behind it).
/// </summary>
internal static class RedisConnections
{
    /// <summary>The consumer group every mailbox stream has; one group, each stream read by one consumer.</summary>
    public const string Group = "g";

    /// <summary>The one field of a stream entry, holding the body.</summary>
    public const string BodyField = "d";

    /// <summary>Opens a multiplexer to 127.0.0.1:<paramref name="port"/>.</summary>
    /// <param name="timeout">
    /// Sync and async timeout: for a connection carrying XREADGROUP BLOCK it must exceed the block
    /// time, or the client would fail a read that is only waiting for messages.
    /// </param>
    public static Task<ConnectionMultiplexer> ConnectAsync(int port, string clientName, TimeSpan timeout, bool allowAdmin = false)
    {
        var options = new ConfigurationOptions
        {
            EndPoints = { { "127.0.0.1", port } },
            ClientName = clientName,
            AbortOnConnectFail = true,
            AllowAdmin = allowAdmin,
            // RESP2 keeps XREADGROUP's reply a plain nested array, which the consumer parses.
            Protocol = RedisProtocol.Resp2,
            SyncTimeout = (int)timeout.TotalMilliseconds,
            AsyncTimeout = (int)timeout.TotalMilliseconds,
            ConnectTimeout = 10_000,
        };
        return ConnectionMultiplexer.ConnectAsync(options);
    }

    /// <summary>The stream key of a mailbox.</summary>
    public static RedisKey StreamKey(int mailbox) => BenchEnvironment.MailboxName(mailbox);
}
