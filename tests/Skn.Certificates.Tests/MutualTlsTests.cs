using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Skn.Certificates.Tests.Support;

namespace Skn.Certificates.Tests;

/// <summary>Real TLS handshakes over loopback with the generated certificates, validated against the pinned development CA.</summary>
public sealed class MutualTlsTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _temp = new();
    private readonly DevelopmentCertificateSet _set;
    private readonly CertificateTrust _trust;
    private readonly ConcurrentQueue<(CertificateUsage Usage, CertificateValidationResult Result)> _validations = new();

    public MutualTlsTests()
    {
        _set = DevelopmentCertificateSet.Ensure(_temp.Path, TestParticipants.Both, ["localhost"], [IPAddress.Loopback]);
        _trust = new CertificateTrust(new X509Certificate2Collection(_set.CaCertificate));
    }

    public void Dispose()
    {
        _set.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task Handshake_GeneratedCertificates_SucceedsAndServerReadsClientOin()
    {
        // Arrange
        using var serverCertificate = _set.LoadServer();
        using var clientCertificate = _set.LoadParticipant(TestParticipants.CreditorOin);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var cts = new CancellationTokenSource(Timeout);

        // Act
        var serverTask = RunServerAsync(listener, serverCertificate, cts.Token);
        var clientTask = RunClientAsync(port, clientCertificate, "localhost", cts.Token);
        await Task.WhenAll(serverTask, clientTask);

        // Assert
        var (clientOin, received) = await serverTask;
        Assert.Equal(TestParticipants.CreditorOin, clientOin);
        Assert.Equal("ping", received);
        Assert.Equal("pong", await clientTask);
        Assert.Equal(2, _validations.Count);
        Assert.All(_validations, v => Assert.True(v.Result.IsValid, v.Result.Description));
    }

    [Fact]
    public async Task Handshake_ClientCertificateFromOtherCa_ServerRejects()
    {
        // Arrange
        using var serverCertificate = _set.LoadServer();
        using var otherCa = DevelopmentCertificateAuthority.LoadOrCreate(_temp.Combine("other-ca"));
        using var foreignClient = otherCa.IssueParticipantCertificate(TestParticipants.GemeenteOin, TestParticipants.GemeenteName);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var cts = new CancellationTokenSource(Timeout);

        // Act
        var serverTask = RunServerAsync(listener, serverCertificate, cts.Token);
        var clientTask = RunClientAsync(port, foreignClient, "localhost", cts.Token);
        var serverException = await Record.ExceptionAsync(() => serverTask);
        await Record.ExceptionAsync(() => clientTask); // the client may or may not notice, depending on the TLS version

        // Assert
        Assert.IsType<AuthenticationException>(serverException);
        var (_, result) = Assert.Single(_validations, v => v.Usage == CertificateUsage.ClientAuth);
        Assert.Equal(CertificateProblem.UntrustedIssuer, result.Problem);
    }

    [Fact]
    public async Task Handshake_ServerPresentsParticipantCertificate_ClientRejects()
    {
        // Arrange: a participant certificate lacks serverAuth, so it must not pass as the node.
        using var wrongServerCertificate = _set.LoadParticipant(TestParticipants.GemeenteOin);
        using var clientCertificate = _set.LoadParticipant(TestParticipants.CreditorOin);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var cts = new CancellationTokenSource(Timeout);

        // Act
        var serverTask = RunServerAsync(listener, wrongServerCertificate, cts.Token);
        var clientException = await Record.ExceptionAsync(() => RunClientAsync(port, clientCertificate, "localhost", cts.Token));
        await Record.ExceptionAsync(() => serverTask);

        // Assert
        Assert.IsType<AuthenticationException>(clientException);
        var (_, result) = Assert.Single(_validations, v => v.Usage == CertificateUsage.ServerAuth);
        Assert.Equal(CertificateProblem.WrongUsage, result.Problem);
    }

    private async Task<(string? ClientOin, string Received)> RunServerAsync(
        TcpListener listener, X509Certificate2 serverCertificate, CancellationToken cancellationToken)
    {
        using var tcp = await listener.AcceptTcpClientAsync(cancellationToken);
        await using var ssl = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        await ssl.AuthenticateAsServerAsync(
            new SslServerAuthenticationOptions
            {
                ServerCertificate = serverCertificate,
                ClientCertificateRequired = true,
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                    Accept(certificate, chain, errors, CertificateUsage.ClientAuth),
            },
            cancellationToken);

        var remote = ssl.RemoteCertificate ?? throw new InvalidOperationException("No client certificate.");
        using var clientCertificate = X509CertificateLoader.LoadCertificate(remote.GetRawCertData());
        var clientOin = ParticipantIdentity.GetOin(clientCertificate);

        var buffer = new byte[4];
        await ssl.ReadExactlyAsync(buffer, cancellationToken);
        await ssl.WriteAsync("pong"u8.ToArray(), cancellationToken);
        await ssl.FlushAsync(cancellationToken);
        return (clientOin, System.Text.Encoding.ASCII.GetString(buffer));
    }

    private async Task<string> RunClientAsync(
        int port, X509Certificate2 clientCertificate, string targetHost, CancellationToken cancellationToken)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
        await using var ssl = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        await ssl.AuthenticateAsClientAsync(
            new SslClientAuthenticationOptions
            {
                TargetHost = targetHost,
                ClientCertificates = new X509CertificateCollection { clientCertificate },
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                    Accept(certificate, chain, errors, CertificateUsage.ServerAuth),
            },
            cancellationToken);

        await ssl.WriteAsync("ping"u8.ToArray(), cancellationToken);
        await ssl.FlushAsync(cancellationToken);
        var buffer = new byte[4];
        await ssl.ReadExactlyAsync(buffer, cancellationToken);
        return System.Text.Encoding.ASCII.GetString(buffer);
    }

    /// <summary>
    /// The operating system does not know the development CA, so its chain verdict is replaced by
    /// <see cref="CertificateTrust"/>; every other policy error (missing certificate, host name mismatch) stays fatal.
    /// </summary>
    private bool Accept(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors, CertificateUsage usage)
    {
        if (certificate is null)
        {
            return false;
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        var result = _trust.Validate(leaf, chain?.ChainPolicy.ExtraStore, usage);
        _validations.Enqueue((usage, result));
        return result.IsValid && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None;
    }
}
