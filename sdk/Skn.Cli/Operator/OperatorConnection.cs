using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using Skn.Certificates;
using Skn.Cli.Errors;
using Skn.Cli.Profiles;
using Skn.V1;

namespace Skn.Cli.Operator;

/// <summary>
/// The operator's connection: the generated OperatorService client over mutual TLS with the
/// profile's certificate, pinned to the profile's CA as the SDK pins it. The SDK client is for
/// participants; the operator's calls are few and plain, so the CLI calls the contract directly.
/// </summary>
internal sealed class OperatorConnection : IDisposable
{
    /// <summary>How long one operator call may take before the CLI gives up.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    private readonly GrpcChannel _channel;

    private OperatorConnection(GrpcChannel channel)
    {
        _channel = channel;
        Client = new OperatorService.OperatorServiceClient(channel);
    }

    public OperatorService.OperatorServiceClient Client { get; }

    /// <summary>A deadline for one call.</summary>
    public static DateTime Deadline => DateTime.UtcNow.Add(CallTimeout);

    /// <summary>Opens the connection of a profile; no call is made yet.</summary>
    /// <exception cref="UsageException">A file of the profile is missing, or its address is wrong.</exception>
    public static OperatorConnection Create(string profileName, Profile profile)
    {
        if (!Uri.TryCreate(profile.Node, UriKind.Absolute, out var address) || address.Scheme != Uri.UriSchemeHttps)
        {
            throw new UsageException($"profile '{profileName}': node address '{profile.Node}' is not an https:// address");
        }

        foreach (var (what, path) in new[] { ("certificate", profile.Certificate), ("key", profile.Key), ("CA", profile.Ca) })
        {
            if (!File.Exists(path))
            {
                throw new UsageException($"profile '{profileName}': {what} file {path} does not exist");
            }
        }

        var certificate = PemFiles.LoadCertificate(profile.Certificate, profile.Key);
        var trust = new CertificateTrust(PemFiles.LoadCertificates(profile.Ca));
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = new X509CertificateCollection { certificate },
                RemoteCertificateValidationCallback = (_, server, _, errors) =>
                    (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) == 0
                    && server is X509Certificate2 serverCertificate
                    && trust.Validate(serverCertificate, null, CertificateUsage.ServerAuth).IsValid,
            },
        };
        return new OperatorConnection(GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler }));
    }

    public void Dispose() => _channel.Dispose();
}
