using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf;
using Skn.Certificates;
using Skn.V1;

namespace Skn.Integration.Tests.Operator;

/// <summary>What the operator sees of the traffic: type, parties, times and outcome, never content.</summary>
public sealed class OperatorTrafficTests
{
    [Fact]
    public async Task ListTraffic_OnTheWire_CarriesNoSealedContentBytes()
    {
        // Arrange: a bericht whose sealed content is a recognisable pattern.
        await using var node = await TestNode.StartAsync();
        var pattern = Demo.Marker();
        var sent = await node.Exchange(Demo.Gemeente).SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting, content: pattern));

        // Act: the listing as raw gRPC over HTTP/2, so the check sees the very bytes the node sent.
        var body = await RawCallAsync(node, "/skn.v1.OperatorService/ListTraffic", new ListTrafficRequest());

        // Assert: no byte run of the content, and the metadata is there.
        Assert.Equal(-1, body.AsSpan().IndexOf(pattern.AsSpan(0, 16)));
        Assert.NotEqual(-1, body.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(Demo.Gemeente)));
        Assert.NotEqual(-1, body.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(Demo.Woonstichting)));
        Assert.Equal(0, body[0]);
        var length = BinaryPrimitives.ReadInt32BigEndian(body.AsSpan(1, 4));
        var response = ListTrafficResponse.Parser.ParseFrom(body.AsSpan(5, length));
        var entry = Assert.Single(response.Entries);
        Assert.Equal((sent.MessageId, BerichtType.Saldoverzoek, Demo.Gemeente, Demo.Woonstichting, EnvelopeState.Pending),
            (entry.MessageId, entry.Type, entry.SenderOin, entry.RecipientOin, entry.State));
    }

    [Fact]
    public async Task ListTraffic_Filters_ByParticipantTypeStateAndPages()
    {
        // Arrange: three berichten between different parties, one acknowledged.
        await using var node = await TestNode.StartAsync();
        var gemeente = node.Exchange(Demo.Gemeente);
        var toWoon = await gemeente.SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting));
        var toEnergie = await gemeente.SendAsync(Demo.Envelope(BerichtType.Kennisgeving, Demo.EnergieNoord));
        var fromKrediet = await node.Exchange(Demo.Kredietbank).SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.EnergieNoord));
        await node.Exchange(Demo.Woonstichting).FetchAndAckAllAsync(16);
        var client = node.Operator();

        // Act
        var energie = await client.ListTrafficAsync(new ListTrafficRequest { ParticipantOin = Demo.EnergieNoord }, Demo.Call);
        var saldo = await client.ListTrafficAsync(new ListTrafficRequest { BerichtTypes = { BerichtType.Saldoverzoek } }, Demo.Call);
        var acknowledged = await client.ListTrafficAsync(new ListTrafficRequest { States = { EnvelopeState.Acknowledged } }, Demo.Call);
        var first = await client.ListTrafficAsync(new ListTrafficRequest { PageSize = 2 }, Demo.Call);
        var second = await client.ListTrafficAsync(new ListTrafficRequest { PageSize = 2, PageToken = first.NextPageToken }, Demo.Call);

        // Assert: newest first everywhere.
        Assert.Equal([fromKrediet.MessageId, toEnergie.MessageId], energie.Entries.Select(e => e.MessageId));
        Assert.Equal([fromKrediet.MessageId, toWoon.MessageId], saldo.Entries.Select(e => e.MessageId));
        Assert.Equal([toWoon.MessageId], acknowledged.Entries.Select(e => e.MessageId));
        Assert.NotNull(acknowledged.Entries[0].OutcomeTime);
        Assert.Equal([fromKrediet.MessageId, toEnergie.MessageId], first.Entries.Select(e => e.MessageId));
        Assert.Equal([toWoon.MessageId], second.Entries.Select(e => e.MessageId));
        Assert.Equal("", second.NextPageToken);
    }

    /// <summary>One unary gRPC call by hand: a length-prefixed request, the response body as received.</summary>
    private static async Task<byte[]> RawCallAsync(TestNode node, string path, IMessage request)
    {
        var ca = node.CaCertificate;
        using var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = new X509CertificateCollection { node.OperatorCertificate },
                RemoteCertificateValidationCallback = (_, server, _, _) =>
                    server is X509Certificate2 certificate
                    && new CertificateTrust(new X509Certificate2Collection(ca)).Validate(certificate, null, CertificateUsage.ServerAuth).IsValid,
            },
        };
        using var http = new HttpClient(handler);
        var payload = request.ToByteArray();
        var frame = new byte[5 + payload.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1, 4), payload.Length);
        payload.CopyTo(frame, 5);
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(node.Address, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(frame),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        message.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        using var response = await http.SendAsync(message).WaitAsync(Demo.Timeout);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsByteArrayAsync().WaitAsync(Demo.Timeout);
        Assert.Equal("0", response.TrailingHeaders.GetValues("grpc-status").Single());
        return body;
    }
}
