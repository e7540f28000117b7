using NATS.Client.Core;
using NATS.Client.JetStream;
using Skn.Bench.Harness;

namespace Skn.Bench.Systems.Nats;

/// <summary>Publishes through JetStream and waits for the stream's PubAck (the message is stored).</summary>
internal sealed class NatsJetStreamProducer(NatsConnection connection) : IMailboxProducer
{
    private readonly NatsJSContext _js = new(connection);

    public async Task SendAsync(int mailbox, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var ack = await _js.PublishAsync(NatsJetStreamSystem.Subject(mailbox), body, cancellationToken: cancellationToken);
        ack.EnsureSuccess();
    }

    public async ValueTask DisposeAsync() => await connection.DisposeAsync();
}
