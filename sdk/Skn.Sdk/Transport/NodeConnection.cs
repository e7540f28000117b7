using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using Skn.Certificates;
using Skn.V1;

namespace Skn.Sdk.Transport;

/// <summary>
/// The HTTP/2 channel to the node: mutual TLS with the participant's certificate, the node's
/// certificate checked against the pinned trust anchors only (and its name against the address),
/// HTTP/2 keepalive pings so half-open connections are noticed. A channel found dead can be
/// abandoned: the next call opens a fresh one (see <see cref="Abandon"/>).
/// </summary>
internal sealed class NodeConnection : IDisposable
{
    private readonly SknClientOptions _options;
    private readonly CertificateTrust _trust;
    private readonly Lock _lock = new();
    private readonly List<GrpcChannel> _retired = [];
    private Generation _current;
    private bool _disposed;

    public NodeConnection(SknClientOptions options)
    {
        _options = options;

        // The real clock, whatever clock the client is given: TLS validity is about the real world.
        _trust = new CertificateTrust(options.TrustAnchors);
        _current = Open();
    }

    /// <summary>The exchange client of the current channel; take it once per call or stream.</summary>
    public ExchangeService.ExchangeServiceClient Exchange => Volatile.Read(ref _current).Exchange;

    /// <summary>The directory client of the current channel.</summary>
    public DirectoryService.DirectoryServiceClient Directory => Volatile.Read(ref _current).Directory;

    /// <summary>
    /// Gives up the channel that <paramref name="seen"/> belongs to, when it is still the current one:
    /// the next call opens a new TCP connection. Cancelling a call is not enough on a half-open
    /// connection: a new call would be multiplexed onto the same dead socket and hang there until
    /// keepalive gives up on it. Several streams that find the same channel dead replace it once.
    /// </summary>
    /// <returns>True when this call replaced the channel.</returns>
    public bool Abandon(ExchangeService.ExchangeServiceClient seen)
    {
        GrpcChannel old;
        lock (_lock)
        {
            if (_disposed || !ReferenceEquals(_current.Exchange, seen))
            {
                return false;
            }

            old = _current.Channel;
            _retired.Add(old);
            Volatile.Write(ref _current, Open());
        }

        // Not disposed at once: calls on the old channel's other, healthy connections get the
        // length of their own deadline to finish; by then every call begun on it is over or dead.
        _ = Task.Delay(_options.RequestTimeout).ContinueWith(_ => Retire(old), TaskScheduler.Default);
        return true;
    }

    public void Dispose()
    {
        List<GrpcChannel> channels;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            channels = [.. _retired, _current.Channel];
            _retired.Clear();
        }

        channels.ForEach(c => c.Dispose());
    }

    private void Retire(GrpcChannel channel)
    {
        lock (_lock)
        {
            if (!_retired.Remove(channel))
            {
                return; // Disposed with the connection already.
            }
        }

        channel.Dispose();
    }

    private Generation Open()
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            KeepAlivePingDelay = _options.KeepAlivePingDelay,
            KeepAlivePingTimeout = _options.KeepAlivePingTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = new X509CertificateCollection { _options.Certificate! },
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                    (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) == 0
                    && certificate is X509Certificate2 server
                    && _trust.Validate(server, ExtraCertificates(chain), CertificateUsage.ServerAuth).IsValid,
            },
        };

        // The channel owns the handler it is given and disposes it with itself, closing its sockets.
        var channel = GrpcChannel.ForAddress(_options.Address!, new GrpcChannelOptions
        {
            HttpHandler = handler,
            MaxReceiveMessageSize = _options.MaxMessageSize,
            MaxSendMessageSize = _options.MaxMessageSize,
            LoggerFactory = _options.LoggerFactory,
        });
        return new Generation(channel, new ExchangeService.ExchangeServiceClient(channel), new DirectoryService.DirectoryServiceClient(channel));
    }

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

    /// <summary>One channel and the clients made on it, swapped as a whole.</summary>
    private sealed record Generation(
        GrpcChannel Channel,
        ExchangeService.ExchangeServiceClient Exchange,
        DirectoryService.DirectoryServiceClient Directory);
}
