using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Skn.Node.Hosting;

/// <summary>
/// How Kestrel finds connections that are gone without having said so. A consumer whose network
/// vanished (a half-open connection: no FIN, no RST) still owns its stream, and so the envelopes
/// leased to it, until something notices; HTTP/2 keepalive pings are that something. With the
/// defaults a half-open consumer holds its leases for at most about
/// <see cref="NodeOptions.KeepAlivePingDelay"/> + <see cref="NodeOptions.KeepAlivePingTimeout"/>
/// (20 s), far below the lease term, before they are released to the participant's other streams.
/// </summary>
internal static class ConnectionLiveness
{
    public static void Apply(KestrelServerLimits limits, NodeOptions options)
    {
        // Kestrel pings when it has received nothing for the delay, and drops the connection (which
        // ends its streams and releases their deliveries) when the ping is not answered in time.
        limits.Http2.KeepAlivePingDelay = options.KeepAlivePingDelay;
        limits.Http2.KeepAlivePingTimeout = options.KeepAlivePingTimeout;

        // Only connections without an open stream are closed for idleness: a follow stream keeps
        // its connection however long it waits, its heartbeats keep middleboxes from cutting it.
        limits.KeepAliveTimeout = options.IdleConnectionTimeout;
    }
}
