using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using Skn.Certificates;

namespace Skn.TestUtilities;

/// <summary>Channels to a <see cref="TestNode"/> through a <see cref="TcpFaultProxy"/>, with the same TLS as the node's own test channels.</summary>
public static class ProxiedChannels
{
    /// <summary>
    /// A new channel (its own connection, not cached) for the participant, through the proxy. The
    /// caller disposes it. Keepalive is left off, so only what the test does to the proxy ends it.
    /// </summary>
    public static GrpcChannel ChannelThrough(this TestNode node, TcpFaultProxy proxy, string oin)
    {
        var ca = node.CaCertificate;
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = new X509CertificateCollection { node.ParticipantCertificate(oin) },

                // Pin the development CA, as TestNode's channels do.
                RemoteCertificateValidationCallback = (_, serverCertificate, _, _) =>
                    serverCertificate is X509Certificate2 server
                    && new CertificateTrust(new X509Certificate2Collection(ca)).Validate(server, null, CertificateUsage.ServerAuth).IsValid,
            },
        };
        return GrpcChannel.ForAddress(proxy.Address, new GrpcChannelOptions { HttpHandler = handler });
    }
}
