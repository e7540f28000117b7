using System.Globalization;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Skn.Bench.Harness;

namespace Skn.Bench.Systems.Nats;

/// <summary>
/// "nats-jetstream": a private nats-server with JetStream on file storage, one work-queue stream
/// "MAILBOX" (subjects mailbox.*) and one durable pull consumer per mailbox.
/// </summary>
internal sealed class NatsJetStreamSystem : IMailboxSystem
{
    /// <summary>The stream holding every mailbox.</summary>
    public const string StreamName = "MAILBOX";

    private ServerProcess? _server;
    private int _port;

    public string Name => "nats-jetstream";

    public ServerProcess Server => _server ?? throw new InvalidOperationException("Not started.");

    /// <summary>The subject a mailbox's messages are published on.</summary>
    public static string Subject(int mailbox) => $"mailbox.{BenchEnvironment.MailboxName(mailbox)}";

    /// <summary>The durable consumer that drains a mailbox.</summary>
    public static string ConsumerName(int mailbox) => BenchEnvironment.MailboxName(mailbox);

    public async Task<SystemDescription> StartAsync(BenchEnvironment environment, CancellationToken cancellationToken)
    {
        _port = FreePort.Next();
        var storeDirectory = Path.Combine(environment.DataDirectory, "jetstream");
        var configFile = Path.Combine(environment.DataDirectory, "nats-server.conf");
        // No sync_interval: nats-server 2.9.10 rejects the option ("unknown field"; it came with
        // 2.10, where "always" fsyncs every write). This version's file store writes before the
        // PubAck but fsyncs only on a background timer (seen with strace: about every 2 minutes).
        await File.WriteAllTextAsync(
            configFile,
            $$"""
            listen: "127.0.0.1:{{_port.ToString(CultureInfo.InvariantCulture)}}"
            jetstream {
              store_dir: "{{storeDirectory}}"
            }

            """,
            cancellationToken);
        _server = ServerProcess.Start(
            "nats-server", ["-c", configFile], Path.Combine(environment.DataDirectory, "nats-server.log"), environment.DataDirectory);
        await _server.WaitForPortAsync(_port, TimeSpan.FromSeconds(30), cancellationToken);

        await using var connection = await NatsConnections.ConnectAsync(_port, "bench-setup");
        var js = new NatsJSContext(connection);
        await js.CreateStreamAsync(
            new StreamConfig(StreamName, ["mailbox.*"])
            {
                Storage = StreamConfigStorage.File,
                // Work queue: a message is deleted once its consumer acknowledges it.
                Retention = StreamConfigRetention.Workqueue,
            },
            cancellationToken);
        for (var mailbox = 0; mailbox < environment.Mailboxes; mailbox++)
        {
            await js.CreateOrUpdateConsumerAsync(
                StreamName,
                new ConsumerConfig(ConsumerName(mailbox))
                {
                    FilterSubject = Subject(mailbox),
                    AckPolicy = NatsJetStreamConsumer.AckPolicy,
                },
                cancellationToken);
        }

        return new SystemDescription(
            $"nats-server {connection.ServerInfo?.Version ?? "unknown"}",
            [
                "work-queue stream MAILBOX (mailbox.*): a message is deleted when acked; a durable pull consumer per mailbox",
                "file storage; this version cannot fsync per message (sync_interval needs 2.10; 2.9.10 rejects it): the PubAck follows the write, the fsync comes from a background timer (about every 2 minutes): weaker durability than the others",
                NatsJetStreamConsumer.AckDescription,
                $"consume with pull requests of up to {NatsJetStreamConsumer.MaxMessages} messages",
            ]);
    }

    public async Task<IMailboxProducer> CreateProducerAsync(int producerIndex, CancellationToken cancellationToken) =>
        new NatsJetStreamProducer(await NatsConnections.ConnectAsync(_port, $"producer-{producerIndex}"));

    public async Task<IMailboxConsumer> CreateConsumerAsync(int consumerIndex, IReadOnlyList<int> mailboxes, CancellationToken cancellationToken) =>
        new NatsJetStreamConsumer(await NatsConnections.ConnectAsync(_port, $"consumer-{consumerIndex}"), mailboxes);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
