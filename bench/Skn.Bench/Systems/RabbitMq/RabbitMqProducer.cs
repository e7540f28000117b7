using RabbitMQ.Client;
using Skn.Bench.Harness;

namespace Skn.Bench.Systems.RabbitMq;

/// <summary>
/// Publishes to the mailbox's queue through the default exchange on a channel with confirm
/// tracking: BasicPublishAsync completes when the broker's confirm arrives (and throws on a nack).
/// </summary>
internal sealed class RabbitMqProducer : IMailboxProducer
{
    private static readonly BasicProperties Persistent = new() { DeliveryMode = DeliveryModes.Persistent };

    private readonly IConnection _connection;
    private readonly IChannel _channel;

    private RabbitMqProducer(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public static async Task<RabbitMqProducer> CreateAsync(IConnection connection, CancellationToken cancellationToken)
    {
        var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken);
        return new RabbitMqProducer(connection, channel);
    }

    public async Task SendAsync(int mailbox, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        await _channel.BasicPublishAsync(
            exchange: "", routingKey: BenchEnvironment.MailboxName(mailbox), mandatory: false, basicProperties: Persistent, body: body, cancellationToken: cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
