using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Skn.TestUtilities;

/// <summary>
/// A TCP proxy on 127.0.0.1 in front of a node, which a test can break the ways networks break: cut
/// every connection abruptly (<see cref="CutAll"/>: a reset, as when a consumer's host or link dies),
/// make the open ones go silent while their sockets stay open (<see cref="SilenceAll"/>: a half-open
/// connection, as when a NAT or firewall forgets it), or cut connections that carried nothing for a
/// while (<see cref="IdleTimeout"/>: what load balancers and proxies do to idle streams). It forwards
/// bytes only, so TLS runs end to end between client and node: clients address it as
/// <c>https://localhost:{Port}</c>, a name the node's certificate carries.
/// </summary>
public sealed class TcpFaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Link, byte> _links = new();
    private readonly Task _accepting;
    private readonly Task _idleWatch;
    private int _accepted;

    private TcpFaultProxy(Uri target, TimeSpan? idleTimeout)
    {
        _target = new IPEndPoint(IPAddress.Loopback, target.Port);
        IdleTimeout = idleTimeout;
        _listener.Start();
        _accepting = AcceptAsync(_stop.Token);
        _idleWatch = WatchIdleAsync(_stop.Token);
    }

    /// <summary>Starts a proxy to the node at <paramref name="target"/> (its port on 127.0.0.1).</summary>
    /// <param name="idleTimeout">Cut a connection after this long without a byte in either direction; null never.</param>
    public static TcpFaultProxy Start(Uri target, TimeSpan? idleTimeout = null) => new(target, idleTimeout);

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The address clients use to reach the node through the proxy.</summary>
    public Uri Address => new($"https://localhost:{Port}");

    /// <summary>Connections accepted so far: a client that reconnected shows up as more than one.</summary>
    public int AcceptedConnections => Volatile.Read(ref _accepted);

    /// <summary>Connections the proxy still holds open (silenced ones included).</summary>
    public int OpenConnections => _links.Count;

    public TimeSpan? IdleTimeout { get; }

    /// <summary>Connections cut because they were idle for <see cref="IdleTimeout"/>.</summary>
    public int IdleCuts { get; private set; }

    /// <summary>Resets every open connection on both sides (RST, not FIN): neither end gets a goodbye.</summary>
    public void CutAll()
    {
        foreach (var link in _links.Keys)
        {
            link.Reset();
        }
    }

    /// <summary>
    /// Stops forwarding on every open connection, both ways, and keeps its sockets open, so neither
    /// end learns anything from TCP. Connections made afterwards are forwarded normally, as after a
    /// NAT lost its mapping.
    /// </summary>
    public void SilenceAll()
    {
        foreach (var link in _links.Keys)
        {
            link.Silence();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        CutAll();
        await Task.WhenAll(_accepting, _idleWatch).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _accepted);
            _ = ForwardAsync(client, cancellationToken);
        }
    }

    private async Task ForwardAsync(Socket client, CancellationToken cancellationToken)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        try
        {
            await server.ConnectAsync(_target, cancellationToken);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException)
        {
            client.Dispose();
            server.Dispose();
            return;
        }

        var link = new Link(client, server);
        _links[link] = 0;
        try
        {
            await link.RunAsync();
        }
        finally
        {
            _links.TryRemove(link, out _);
            link.Dispose();
        }
    }

    private async Task WatchIdleAsync(CancellationToken cancellationToken)
    {
        if (IdleTimeout is not { } idle)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                foreach (var link in _links.Keys.Where(l => l.IdleFor >= idle))
                {
                    IdleCuts++;
                    link.Reset();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The proxy is being disposed.
        }
    }

    /// <summary>One proxied connection: the client's socket, the node's, and a pump each way.</summary>
    private sealed class Link(Socket client, Socket server) : IDisposable
    {
        // Completed never: a silenced pump parks on it until the link is reset or disposed.
        private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _lastActivity = Environment.TickCount64;
        private volatile bool _silenced;

        public TimeSpan IdleFor => TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref _lastActivity));

        public Task RunAsync() => Task.WhenAll(PumpAsync(client, server), PumpAsync(server, client));

        public void Silence() => _silenced = true;

        public void Reset()
        {
            // Linger on with a zero timeout makes Close send RST instead of FIN.
            foreach (var socket in new[] { client, server })
            {
                try
                {
                    socket.LingerState = new LingerOption(true, 0);
                    socket.Close();
                }
                catch (ObjectDisposedException)
                {
                    // Already closed by the other pump.
                }
            }

            _closed.TrySetResult();
        }

        public void Dispose()
        {
            _closed.TrySetResult();
            client.Dispose();
            server.Dispose();
        }

        private async Task PumpAsync(Socket from, Socket to)
        {
            var buffer = new byte[16 * 1024];
            try
            {
                while (true)
                {
                    var read = await from.ReceiveAsync(buffer, SocketFlags.None);
                    if (_silenced)
                    {
                        // Swallow what came and read no more: the sender's bytes vanish as on a dead
                        // path, and TCP tells neither end anything.
                        await _closed.Task;
                        return;
                    }

                    if (read == 0)
                    {
                        to.Shutdown(SocketShutdown.Send);
                        return;
                    }

                    await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
                    Interlocked.Exchange(ref _lastActivity, Environment.TickCount64);
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // The link was reset or the other side went away: the other pump ends the same way.
                Reset();
            }
        }
    }
}
