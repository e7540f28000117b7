using RabbitMQ.Client;

namespace Skn.Bench.Systems.RabbitMq;

/// <summary>Connections to the private node: the default guest user, which RabbitMQ allows from loopback only.</summary>
internal static class RabbitMqConnections
{
    public static Task<IConnection> ConnectAsync(int port, string clientName, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            HostName = "127.0.0.1",
            Port = port,
            ClientProvidedName = clientName,
            // A broker that goes away ends the run; reconnecting would only hide it.
            AutomaticRecoveryEnabled = false,
        };
        return factory.CreateConnectionAsync(cancellationToken);
    }
}
