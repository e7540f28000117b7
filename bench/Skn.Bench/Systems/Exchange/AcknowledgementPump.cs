using Skn.Bench.Harness;
using Skn.V1;

namespace Skn.Bench.Systems.Exchange;

/// <summary>
/// One mailbox's acknowledgements, naturally batched: a batch is one Acknowledge call (1,000 tokens
/// at most each), so under load many acknowledgements share one transaction and one fsync on the node.
/// </summary>
internal sealed class AcknowledgementPump(ExchangeService.ExchangeServiceClient client, ExchangeEndpoint endpoint, string oin, IDeliverySink sink) : IAsyncDisposable
{
    private const int MaxTokensPerCall = 1000;

    private readonly NaturalBatcher<string> _batcher = new(tokens => FlushAsync(client, endpoint, oin, tokens), sink);

    public void Add(string token) => _batcher.Add(token);

    public ValueTask DisposeAsync() => _batcher.DisposeAsync();

    private static async Task FlushAsync(ExchangeService.ExchangeServiceClient client, ExchangeEndpoint endpoint, string oin, List<string> tokens)
    {
        foreach (var chunk in tokens.Chunk(MaxTokensPerCall))
        {
            var request = new AcknowledgeRequest();
            request.DeliveryTokens.AddRange(chunk);
            await client.AcknowledgeAsync(request, endpoint.CallOptionsFor(oin, CancellationToken.None));
        }
    }
}
