using System.Net;
using System.Net.Sockets;

namespace Skn.Reliability.Tests.Infrastructure;

/// <summary>A TCP port on 127.0.0.1 that nothing listens on right now (the OS picks it).</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
