using System.Globalization;
using Skn.Bench.Harness;
using StackExchange.Redis;

namespace Skn.Bench.Systems.Redis;

/// <summary>
/// "redis-streams": a private redis-server with an append-only file fsync'd on every write, a stream
/// per mailbox and one consumer group per stream. XADD's reply means the entry is on disk.
/// </summary>
internal sealed class RedisStreamsSystem : IMailboxSystem
{
    private ServerProcess? _server;
    private int _port;

    public string Name => "redis-streams";

    public ServerProcess Server => _server ?? throw new InvalidOperationException("Not started.");

    public async Task<SystemDescription> StartAsync(BenchEnvironment environment, CancellationToken cancellationToken)
    {
        _port = FreePort.Next();
        // Arguments rather than a config file: everything that matters for durability is on the
        // command line and in the log. save "" turns RDB snapshots off; only the AOF persists.
        _server = ServerProcess.Start(
            "redis-server",
            [
                "--bind", "127.0.0.1",
                "--port", _port.ToString(CultureInfo.InvariantCulture),
                "--dir", environment.DataDirectory,
                "--appendonly", "yes",
                "--appendfsync", "always",
                "--save", "",
                "--protected-mode", "yes",
                "--daemonize", "no",
            ],
            Path.Combine(environment.DataDirectory, "redis-server.log"),
            environment.DataDirectory);
        await _server.WaitForPortAsync(_port, TimeSpan.FromSeconds(30), cancellationToken);

        await using var admin = await RedisConnections.ConnectAsync(_port, "bench-setup", TimeSpan.FromSeconds(10), allowAdmin: true);
        var database = admin.GetDatabase();
        var creates = new List<Task>();
        for (var mailbox = 0; mailbox < environment.Mailboxes; mailbox++)
        {
            // XGROUP CREATE <stream> g $ MKSTREAM: the stream and its group exist before anyone sends.
            creates.Add(database.StreamCreateConsumerGroupAsync(
                RedisConnections.StreamKey(mailbox), RedisConnections.Group, StreamPosition.NewMessages, createStream: true));
        }

        await Task.WhenAll(creates);

        // Read the settings back from the server rather than trusting the command line.
        var server = admin.GetServer("127.0.0.1", _port);
        var info = await server.InfoAsync("server");
        var version = info.SelectMany(group => group).First(pair => pair.Key == "redis_version").Value;
        var config = (await server.ConfigGetAsync("append*")).ToDictionary(pair => pair.Key, pair => pair.Value);
        var save = (await server.ConfigGetAsync("save")).Select(pair => pair.Value).FirstOrDefault() ?? "";
        return new SystemDescription(
            $"Redis {version}",
            [
                $"appendonly {config.GetValueOrDefault("appendonly")}, appendfsync {config.GetValueOrDefault("appendfsync")}: XADD/XACK replies after the AOF fsync (one fsync per event-loop pass)",
                save.Length == 0 ? "no RDB snapshots (save \"\")" : $"RDB snapshots: save {save}",
                "a stream per mailbox, one consumer group; XREADGROUP COUNT 128 BLOCK 1000 over the consumer's streams",
                "acknowledgement = XACK + XDEL of the batch, per stream, pipelined",
            ]);
    }

    public async Task<IMailboxProducer> CreateProducerAsync(int producerIndex, CancellationToken cancellationToken)
    {
        var connection = await RedisConnections.ConnectAsync(_port, $"producer-{producerIndex}", TimeSpan.FromSeconds(10));
        return new RedisStreamsProducer(connection);
    }

    public async Task<IMailboxConsumer> CreateConsumerAsync(int consumerIndex, IReadOnlyList<int> mailboxes, CancellationToken cancellationToken)
    {
        // Reads block on their connection, so acknowledgements need a second one to overlap with them.
        var reads = await RedisConnections.ConnectAsync(_port, $"consumer-{consumerIndex}-reads", RedisStreamsConsumer.ReadTimeout);
        var acks = await RedisConnections.ConnectAsync(_port, $"consumer-{consumerIndex}-acks", TimeSpan.FromSeconds(10));
        return new RedisStreamsConsumer($"consumer-{consumerIndex}", reads, acks, mailboxes);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
