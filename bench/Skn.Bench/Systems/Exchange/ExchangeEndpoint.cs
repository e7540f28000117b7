using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using Skn.Certificates;
using Skn.V1;

namespace Skn.Bench.Systems.Exchange;

/// <summary>
/// How the benchmark reaches a server that speaks the Skn exchange contract: the node over mutual
/// TLS, or the node or the in-memory mailbox over h2c. With TLS the participant is the client
/// certificate, so every participant needs its own connection; over h2c the participant is named
/// by the "skn-benchmark-oin" header and calls of several participants share one connection.
/// </summary>
internal sealed class ExchangeEndpoint(int port, ExchangeTls? tls)
{
    /// <summary>The header a plaintext benchmark server takes the caller's OIN from.</summary>
    public const string BenchmarkOinHeader = "skn-benchmark-oin";

    public bool UsesTls => tls is not null;

    /// <summary>A connection for <paramref name="oin"/>'s calls (with its certificate when TLS is on).</summary>
    public GrpcChannel OpenChannel(string oin)
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        };
        if (tls is not null)
        {
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = new X509CertificateCollection { tls.ClientCertificate(oin) },
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0
                    && certificate is X509Certificate2 server
                    && tls.Trust.Validate(server, null, CertificateUsage.ServerAuth).IsValid,
            };
        }

        return GrpcChannel.ForAddress(
            $"{(tls is null ? "http" : "https")}://127.0.0.1:{port}",
            new GrpcChannelOptions { HttpHandler = handler, MaxReceiveMessageSize = 16 * 1024 * 1024 });
    }

    /// <summary>Call options that name <paramref name="oin"/> where the transport does not (h2c).</summary>
    public CallOptions CallOptionsFor(string oin, CancellationToken cancellationToken) =>
        new(headers: tls is null ? new Metadata { { BenchmarkOinHeader, oin } } : null, cancellationToken: cancellationToken);

    public static ExchangeService.ExchangeServiceClient Client(GrpcChannel channel) => new(channel);
}

/// <summary>The TLS material of a benchmark run: the trust anchor and each participant's certificate.</summary>
internal sealed class ExchangeTls(CertificateTrust trust, Func<string, X509Certificate2> clientCertificate)
{
    public CertificateTrust Trust { get; } = trust;

    public X509Certificate2 ClientCertificate(string oin) => clientCertificate(oin);
}
