using Skn.Sdk;

namespace Skn.Sdk.Tests.EndToEnd;

/// <summary>SDK clients for the demo participants of a <see cref="TestNode"/>, configured as a vendor would.</summary>
internal static class Clients
{
    public static SknClient For(TestNode node, string oin, Action<SknClientOptions>? configure = null)
    {
        var options = new SknClientOptions
        {
            Address = node.Address,
            Certificate = node.ParticipantCertificate(oin),
            TimeProvider = node.Time,
            RequestTimeout = TimeSpan.FromSeconds(20),
        };
        options.TrustAnchors.Add(node.CaCertificate);
        options.Retry.InitialBackoff = TimeSpan.FromMilliseconds(50);
        options.Retry.MaxBackoff = TimeSpan.FromMilliseconds(500);
        configure?.Invoke(options);
        return new SknClient(options);
    }

    /// <summary>Drains the mailbox without follow: every bericht that opens, acknowledged after collecting.</summary>
    public static async Task<List<ReceivedMessage>> ReceiveAllAsync(this SknClient client, FetchOptions? options = null)
    {
        using var timeout = new CancellationTokenSource(Demo.Timeout);
        var received = new List<ReceivedMessage>();
        await foreach (var message in client.FetchAsync(options, timeout.Token))
        {
            received.Add(message);
            Assert.Equal(V1.AcknowledgeOutcome.Acknowledged, await message.AcknowledgeAsync(timeout.Token));
        }

        return received;
    }

    /// <summary>Receives exactly one bericht, of the expected type, and acknowledges it.</summary>
    public static async Task<ReceivedMessage> ReceiveSingleAsync<T>(this SknClient client)
        where T : Google.Protobuf.IMessage<T>
    {
        var received = await client.ReceiveAllAsync();
        var message = Assert.Single(received);
        Assert.IsType<T>(message.Bericht);
        return message;
    }
}
