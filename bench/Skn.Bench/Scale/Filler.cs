using Google.Protobuf;
using Skn.Bench.Systems.Exchange;
using Skn.V1;

namespace Skn.Bench.Scale;

/// <summary>Fills the node with pending envelopes quickly: BatchSend of 500 from several counsellors at once.</summary>
internal static class Filler
{
    private const int BatchSize = 500;

    public static async Task FillAsync(
        ExchangeEndpoint endpoint, IReadOnlyList<string> producers, IReadOnlyList<string> mailboxes, int count, CancellationToken cancellationToken)
    {
        var body = new byte[2048];
        Random.Shared.NextBytes(body);
        var content = ByteString.CopyFrom(body);
        long next = 0;
        await Task.WhenAll(producers.Select(oin => Task.Run(async () =>
        {
            using var channel = endpoint.OpenChannel(oin);
            var client = ExchangeEndpoint.Client(channel);
            while (true)
            {
                var first = Interlocked.Add(ref next, BatchSize) - BatchSize;
                if (first >= count)
                {
                    return;
                }

                var request = new BatchSendRequest();
                for (var k = first; k < Math.Min(count, first + BatchSize); k++)
                {
                    request.Requests.Add(new SendRequest { Envelope = ExchangeProducer.NewSaldoverzoek(mailboxes[(int)(k % mailboxes.Count)], content) });
                }

                var response = await client.BatchSendAsync(request, endpoint.CallOptionsFor(oin, cancellationToken));
                var failed = response.Results.FirstOrDefault(r => r.ResultCase == SendResult.ResultOneofCase.Failure);
                if (failed is not null)
                {
                    throw new InvalidOperationException($"The fill was refused: {failed.Failure.Message}");
                }
            }
        }, cancellationToken)));
    }
}
