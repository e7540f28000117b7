using System.Net.Sockets;
using System.Text;
using Grpc.Core;
using Grpc.Net.Client;
using Skn.V1;

namespace Skn.Reliability.Tests.Authorization;

/// <summary>
/// The exchange speaks HTTP/2 over TLS only: plaintext HTTP/2 (h2c) to its port gets no gRPC answer,
/// and nothing sent that way is stored. (TLS without a client certificate is the NoCertificate
/// column of <see cref="AuthorizationMatrixTests"/>.)
/// </summary>
public sealed class TransportRefusalTests(MatrixNode fixture) : IClassFixture<MatrixNode>
{
    [Fact]
    public async Task PlaintextHttp2_ToTheTlsPort_FailsAndStoresNothing()
    {
        // Arrange: a gRPC client speaking h2c (prior knowledge) to the node's TLS port.
        var address = new UriBuilder(fixture.Node.Address) { Scheme = "http" }.Uri;
        using var channel = GrpcChannel.ForAddress(address);
        var envelope = Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting);
        envelope.SenderOin = Demo.Gemeente;

        // Act
        var send = await Assert.ThrowsAsync<RpcException>(() =>
            new ExchangeService.ExchangeServiceClient(channel).SendAsync(new SendRequest { Envelope = envelope }, Demo.Call).ResponseAsync);
        var list = await Assert.ThrowsAsync<RpcException>(() =>
            new DirectoryService.DirectoryServiceClient(channel).ListParticipantsAsync(new ListParticipantsRequest(), Demo.Call).ResponseAsync);

        // Assert: the connection fails on the client's side (a status the client made up carries the
        // transport's exception; one the node sent has none), and no envelope was stored.
        Assert.All(new[] { send, list }, ex =>
        {
            Assert.Contains(ex.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Internal });
            Assert.NotNull(ex.Status.DebugException);
        });
        Assert.Null(await fixture.Node.Store.FindAsync(envelope.MessageId, CancellationToken.None));
    }

    [Fact]
    public async Task Http2Preface_WithoutTls_ConnectionClosedWithoutAnHttp2Answer()
    {
        // Arrange: the raw HTTP/2 client preface and an empty SETTINGS frame, in the clear.
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", fixture.Node.Address.Port);
        var stream = tcp.GetStream();
        byte[] settings = [0, 0, 0, 4, 0, 0, 0, 0, 0];

        // Act
        await stream.WriteAsync(Encoding.ASCII.GetBytes("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n").Concat(settings).ToArray());
        var buffer = new byte[256];
        var received = new List<byte>();
        using var timeout = new CancellationTokenSource(Demo.Timeout);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.AddRange(buffer.Take(read));
            }
        }
        catch (IOException)
        {
            // Reset by the server: refused as well.
        }

        // Assert: the TLS listener closed the connection; whatever it sent is not an HTTP/2 SETTINGS frame.
        Assert.False(received.Count >= 9 && received[3] == 4, $"The node answered plaintext HTTP/2: {Convert.ToHexString(received.ToArray())}");
    }
}
