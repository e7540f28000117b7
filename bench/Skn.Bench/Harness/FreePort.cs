using System.Net;
using System.Net.Sockets;

namespace Skn.Bench.Harness;

/// <summary>Finds a free TCP port on 127.0.0.1 for a server the benchmark starts.</summary>
public static class FreePort
{
    /// <summary>A port nothing listens on right now (the OS picks it).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
