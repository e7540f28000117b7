using System.Text;
using RabbitMQ.Client;
using Skn.Bench.Harness;

namespace Skn.Bench.Systems.RabbitMq;

/// <summary>
/// "rabbitmq": a private RabbitMQ node with a durable classic queue per mailbox. Messages are
/// persistent and published with confirms: the broker confirms after writing them to disk.
/// </summary>
internal sealed class RabbitMqSystem : IMailboxSystem
{
    private RabbitMqNode? _node;

    public string Name => "rabbitmq";

    public ServerProcess Server => _node?.Broker ?? throw new InvalidOperationException("Not started.");

    public async Task<SystemDescription> StartAsync(BenchEnvironment environment, CancellationToken cancellationToken)
    {
        _node = await RabbitMqNode.StartAsync(environment.DataDirectory, cancellationToken);

        await using var connection = await RabbitMqConnections.ConnectAsync(_node.AmqpPort, "bench-setup", cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        for (var mailbox = 0; mailbox < environment.Mailboxes; mailbox++)
        {
            // Durable, not exclusive, not auto-deleted; no x-queue-type argument: a classic queue.
            await channel.QueueDeclareAsync(
                BenchEnvironment.MailboxName(mailbox), durable: true, exclusive: false, autoDelete: false, arguments: null, cancellationToken: cancellationToken);
        }

        var version = connection.ServerProperties?.TryGetValue("version", out var value) == true && value is byte[] bytes
            ? Encoding.UTF8.GetString(bytes)
            : "unknown";
        return new SystemDescription(
            $"RabbitMQ {version}",
            [
                "durable classic queue per mailbox, persistent messages (delivery mode 2)",
                "publisher confirms: a classic queue confirms a persistent message only after fsync; each queue batches its own, so spread over 50 queues that is close to one fsync per message",
                $"consumers: one channel each, prefetch {RabbitMqConsumer.Prefetch} per queue, manual acks with multiple=true, batched while the previous one is being written",
                "AMQP 0-9-1 acks have no reply: an acknowledgement counts as accepted once written to the socket",
                "no plugins; private epmd and node on loopback ports, data in the run's folder",
            ]);
    }

    public async Task<IMailboxProducer> CreateProducerAsync(int producerIndex, CancellationToken cancellationToken)
    {
        var connection = await RabbitMqConnections.ConnectAsync(Port, $"producer-{producerIndex}", cancellationToken);
        return await RabbitMqProducer.CreateAsync(connection, cancellationToken);
    }

    public async Task<IMailboxConsumer> CreateConsumerAsync(int consumerIndex, IReadOnlyList<int> mailboxes, CancellationToken cancellationToken)
    {
        var connection = await RabbitMqConnections.ConnectAsync(Port, $"consumer-{consumerIndex}", cancellationToken);
        return new RabbitMqConsumer(connection, mailboxes);
    }

    public async ValueTask DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }

    private int Port => _node?.AmqpPort ?? throw new InvalidOperationException("Not started.");
}
