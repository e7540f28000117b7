using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using Skn.Certificates;
using Skn.V1;

namespace Skn.Sdk.Transport;

/// <summary>
/// The one HTTP/2 channel to the node: mutual TLS with the participant's certificate, the node's
/// certificate checked against the pinned trust anchors only (and its name against the address),
/// HTTP/2 keepalive pings so half-open connections are noticed.
/// </summary>
internal sealed class NodeConnection : IDisposable
{
    private readonly GrpcChannel _channel;

    public NodeConnection(SknClientOptions options)
    {
        // The real clock, whatever clock the client is given: TLS validity is about the real world.
        var trust = new CertificateTrust(options.TrustAnchors);
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            KeepAlivePingDelay = options.KeepAlivePingDelay,
            KeepAlivePingTimeout = options.KeepAlivePingTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = new X509CertificateCollection { options.Certificate! },
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                    (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) == 0
                    && certificate is X509Certificate2 server
                    && trust.Validate(server, ExtraCertificates(chain), CertificateUsage.ServerAuth).IsValid,
            },
        };

        _channel = GrpcChannel.ForAddress(options.Address!, new GrpcChannelOptions
        {
            HttpHandler = handler,
            MaxReceiveMessageSize = options.MaxMessageSize,
            MaxSendMessageSize = options.MaxMessageSize,
            LoggerFactory = options.LoggerFactory,
        });
        Exchange = new ExchangeService.ExchangeServiceClient(_channel);
        Directory = new DirectoryService.DirectoryServiceClient(_channel);
    }

    public ExchangeService.ExchangeServiceClient Exchange { get; }

    public DirectoryService.DirectoryServiceClient Directory { get; }

    public void Dispose() => _channel.Dispose();

    private static X509Certificate2Collection? ExtraCertificates(X509Chain? chain)
    {
        if (chain is null || chain.ChainElements.Count <= 1)
        {
            return null;
        }

        var extra = new X509Certificate2Collection();
        for (var i = 1; i < chain.ChainElements.Count; i++)
        {
            extra.Add(chain.ChainElements[i].Certificate);
        }

        return extra;
    }
}
