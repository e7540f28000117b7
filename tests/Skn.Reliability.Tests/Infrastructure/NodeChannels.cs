using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using Skn.Certificates;

namespace Skn.Reliability.Tests.Infrastructure;

/// <summary>
/// gRPC channels to a node process with the development certificates it wrote to its data folder:
/// the client pins the node's development CA and presents a participant's certificate.
/// </summary>
public static class NodeChannels
{
    public static string CertificatesDirectory(string dataDirectory) => Path.Combine(dataDirectory, "certs");

    public static X509Certificate2 ParticipantCertificate(string dataDirectory, string oin) =>
        PemFiles.LoadCertificate(
            Path.Combine(CertificatesDirectory(dataDirectory), "participants", oin + ".pem"),
            Path.Combine(CertificatesDirectory(dataDirectory), "participants", oin + "-key.pem"));

    /// <summary>A channel presenting <paramref name="oin"/>'s certificate (none when null).</summary>
    public static GrpcChannel Create(Uri address, string dataDirectory, string? oin) =>
        Create(address, dataDirectory, oin is null ? null : ParticipantCertificate(dataDirectory, oin));

    public static GrpcChannel Create(Uri address, string dataDirectory, X509Certificate2? clientCertificate)
    {
        var ca = PemFiles.LoadCertificate(Path.Combine(CertificatesDirectory(dataDirectory), "ca.pem"));
        var trust = new CertificateTrust(new X509Certificate2Collection(ca));
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            SslOptions = new SslClientAuthenticationOptions
            {
                // Pin the development CA: trust exactly the node's issuer, never "anything".
                RemoteCertificateValidationCallback = (_, server, _, _) =>
                    server is X509Certificate2 certificate && trust.Validate(certificate, null, CertificateUsage.ServerAuth).IsValid,
            },
        };
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = new X509CertificateCollection { clientCertificate };
        }

        return GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = handler,
            MaxReceiveMessageSize = 16 * 1024 * 1024,
            MaxSendMessageSize = 16 * 1024 * 1024,
        });
    }
}
