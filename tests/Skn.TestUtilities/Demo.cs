using Google.Protobuf;
using Grpc.Core;
using Skn.V1;

namespace Skn.TestUtilities;

/// <summary>The demo participants the node writes on first start, and helpers to build envelopes.</summary>
public static class Demo
{
    public const string Gemeente = "00000099000000000101";
    public const string Kredietbank = "00000099000000000102";
    public const string Woonstichting = "00000099000000000201";
    public const string EnergieNoord = "00000099000000000202";
    public const string Belasting = "00000099000000000203";
    public const string Suspended = "00000099000000000204";

    /// <summary>The demo operator (beheerder): not a participant.</summary>
    public const string Operator = "00000099000000000901";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>A new envelope; the sealed content is an opaque marker the test can look for later.</summary>
    public static Envelope Envelope(BerichtType type, string recipient, string? inReplyTo = null, string? conversationId = null, byte[]? content = null) => new()
    {
        MessageId = Guid.NewGuid().ToString(),
        Type = type,
        RecipientOin = recipient,
        InReplyTo = inReplyTo ?? "",
        ConversationId = conversationId ?? (inReplyTo is null ? Guid.NewGuid().ToString() : ""),
        DefinitionVersion = "1.0",
        SealedContent = ByteString.CopyFrom(content ?? Marker()),
    };

    /// <summary>64 random bytes: distinctive enough to search a database file for.</summary>
    public static byte[] Marker()
    {
        var bytes = new byte[64];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    public static CallOptions Call => new(deadline: DateTime.UtcNow.Add(Timeout));

    public static async Task<Envelope> SendAsync(this ExchangeService.ExchangeServiceClient client, Envelope envelope) =>
        (await client.SendAsync(new SendRequest { Envelope = envelope }, Call)).Envelope;

    /// <summary>Fetches without follow until the backlog is drained.</summary>
    public static async Task<List<Delivery>> FetchAllAsync(this ExchangeService.ExchangeServiceClient client, int maxInFlight = 256)
    {
        using var call = client.FetchPending(new FetchPendingRequest { MaxInFlight = maxInFlight }, Call);
        var deliveries = new List<Delivery>();
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            if (response.Delivery is not null)
            {
                deliveries.Add(response.Delivery);
            }
        }

        return deliveries;
    }

    /// <summary>Fetches without follow, acknowledging each delivery at once, until the backlog is drained.</summary>
    public static async Task<(List<Delivery> Deliveries, int MaxUnacknowledged)> FetchAndAckAllAsync(this ExchangeService.ExchangeServiceClient client, int maxInFlight)
    {
        using var call = client.FetchPending(new FetchPendingRequest { MaxInFlight = maxInFlight }, Call);
        var deliveries = new List<Delivery>();
        var unacknowledged = 0;
        var max = 0;
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            if (response.Delivery is null)
            {
                continue;
            }

            deliveries.Add(response.Delivery);
            max = Math.Max(max, ++unacknowledged);
            var ack = await client.AckAsync(response.Delivery);
            Assert.Equal(AcknowledgeOutcome.Acknowledged, ack.Results[0].Outcome);
            unacknowledged--;
        }

        return (deliveries, max);
    }

    /// <summary>Reads a follow stream up to its next delivery, skipping heartbeats.</summary>
    public static async Task<Delivery> NextDeliveryAsync(this AsyncServerStreamingCall<FetchPendingResponse> call)
    {
        while (await call.ResponseStream.MoveNext().WaitAsync(Timeout))
        {
            if (call.ResponseStream.Current.Delivery is { } delivery)
            {
                return delivery;
            }
        }

        throw new InvalidOperationException("The stream ended without a delivery.");
    }

    public static async Task<AcknowledgeResponse> AckAsync(this ExchangeService.ExchangeServiceClient client, params Delivery[] deliveries)
    {
        var request = new AcknowledgeRequest();
        request.DeliveryTokens.AddRange(deliveries.Select(d => d.DeliveryToken));
        return await client.AcknowledgeAsync(request, Call);
    }
}
