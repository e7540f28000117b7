using System.Globalization;
using NATS.Client.Core;

namespace Skn.Bench.Systems.Nats;

/// <summary>Connections to the private nats-server; each producer and consumer opens its own.</summary>
internal static class NatsConnections
{
    public static async Task<NatsConnection> ConnectAsync(int port, string name)
    {
        var connection = new NatsConnection(new NatsOpts
        {
            Url = $"nats://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            Name = name,
        });
        try
        {
            // Connect now, so a failure shows here and ServerInfo is known.
            await connection.ConnectAsync();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
