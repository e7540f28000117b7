using Google.Protobuf;
using Grpc.Net.Client;
using Skn.Bench.Harness;
using Skn.V1;

namespace Skn.Bench.Systems.Exchange;

/// <summary>
/// A debt counsellor's system sending Saldoverzoeken as fast as the server confirms them: a new
/// UUID and conversation per message, the opaque body as sealed content. Send returns once the
/// envelope is durable (the node commits, and fsyncs, before it answers).
/// </summary>
internal sealed class ExchangeProducer(ExchangeEndpoint endpoint, string senderOin, IReadOnlyList<string> mailboxOins) : IMailboxProducer
{
    private readonly GrpcChannel _channel = endpoint.OpenChannel(senderOin);
    private ExchangeService.ExchangeServiceClient? _client;

    public async Task SendAsync(int mailbox, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        _client ??= ExchangeEndpoint.Client(_channel);

        // The caller keeps the buffer until this call returns, by which time it is serialized.
        var envelope = NewSaldoverzoek(mailboxOins[mailbox], UnsafeByteOperations.UnsafeWrap(body));
        await _client.SendAsync(new SendRequest { Envelope = envelope }, endpoint.CallOptionsFor(senderOin, cancellationToken));
    }

    /// <summary>A Saldoverzoek envelope: a new UUID and conversation, the opaque body as sealed content.</summary>
    public static Envelope NewSaldoverzoek(string recipientOin, ByteString sealedContent) => new()
    {
        MessageId = Guid.NewGuid().ToString(),
        ConversationId = Guid.NewGuid().ToString(),
        Type = BerichtType.Saldoverzoek,
        RecipientOin = recipientOin,
        SealedContent = sealedContent,
    };

    public ValueTask DisposeAsync()
    {
        _channel.Dispose();
        return ValueTask.CompletedTask;
    }
}
