using System.Diagnostics;
using Grpc.Core;
using Skn.Bench.Systems.Exchange;
using Skn.V1;

namespace Skn.Bench.Scale;

/// <summary>Opens a FetchPending on a full mailbox and times its first delivery; the stream is then closed (its leases released).</summary>
internal static class FirstDeliveryProbe
{
    public static async Task<double> MillisecondsAsync(ExchangeEndpoint endpoint, string mailboxOin, CancellationToken cancellationToken)
    {
        using var channel = endpoint.OpenChannel(mailboxOin);
        var client = ExchangeEndpoint.Client(channel);

        // Connect first, so that the probe times the node, not the TCP (and TLS) handshake.
        await channel.ConnectAsync(cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var clock = Stopwatch.StartNew();
        using var call = client.FetchPending(new FetchPendingRequest { Follow = false, MaxInFlight = 16 }, endpoint.CallOptionsFor(mailboxOin, stop.Token));
        try
        {
            await foreach (var response in call.ResponseStream.ReadAllAsync(stop.Token))
            {
                if (response.EventCase == FetchPendingResponse.EventOneofCase.Delivery)
                {
                    return clock.Elapsed.TotalMilliseconds;
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
        }

        throw new InvalidOperationException($"Mailbox {mailboxOin} had nothing to deliver.");
    }
}
