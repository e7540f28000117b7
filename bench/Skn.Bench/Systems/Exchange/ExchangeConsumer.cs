using Grpc.Core;
using Grpc.Net.Client;
using Skn.Bench.Harness;
using Skn.V1;

namespace Skn.Bench.Systems.Exchange;

/// <summary>
/// A creditor's system draining its mailboxes: one FetchPending follow stream per mailbox, each
/// with its own acknowledgement pump. With TLS every mailbox needs its own connection (the
/// certificate is the identity); over h2c the consumer's mailboxes share one.
/// </summary>
internal sealed class ExchangeConsumer : IMailboxConsumer
{
    /// <summary>The stream's credit: deliveries outstanding before acknowledgements come back.</summary>
    public const int MaxInFlight = 256;

    private readonly ExchangeEndpoint _endpoint;
    private readonly IReadOnlyList<string> _oins;
    private readonly List<GrpcChannel> _channels = [];

    public ExchangeConsumer(ExchangeEndpoint endpoint, IReadOnlyList<string> mailboxOins)
    {
        _endpoint = endpoint;
        _oins = mailboxOins;
    }

    public Task RunAsync(IDeliverySink sink, CancellationToken cancellationToken)
    {
        GrpcChannel? shared = null;
        var streams = new List<Task>();
        foreach (var oin in _oins)
        {
            GrpcChannel channel;
            if (_endpoint.UsesTls)
            {
                channel = _endpoint.OpenChannel(oin);
                _channels.Add(channel);
            }
            else
            {
                if (shared is null)
                {
                    shared = _endpoint.OpenChannel(oin);
                    _channels.Add(shared);
                }

                channel = shared;
            }

            var client = ExchangeEndpoint.Client(channel);
            streams.Add(Task.Run(() => DrainAsync(client, oin, sink, cancellationToken), CancellationToken.None));
        }

        return Task.WhenAll(streams);
    }

    public ValueTask DisposeAsync()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private async Task DrainAsync(ExchangeService.ExchangeServiceClient client, string oin, IDeliverySink sink, CancellationToken cancellationToken)
    {
        var acks = new AcknowledgementPump(client, _endpoint, oin, sink);
        try
        {
            using var call = client.FetchPending(
                new FetchPendingRequest { Follow = true, MaxInFlight = MaxInFlight },
                _endpoint.CallOptionsFor(oin, cancellationToken));
            await foreach (var response in call.ResponseStream.ReadAllAsync(cancellationToken))
            {
                if (response.EventCase == FetchPendingResponse.EventOneofCase.Delivery)
                {
                    sink.Delivered(response.Delivery.Envelope.SealedContent.Span);
                    acks.Add(response.Delivery.DeliveryToken);
                }
            }
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is OperationCanceledException or RpcException)
        {
            // The run is over.
        }
        finally
        {
            await acks.DisposeAsync();
        }
    }
}
