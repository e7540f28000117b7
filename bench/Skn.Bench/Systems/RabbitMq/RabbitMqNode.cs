using System.Globalization;
using Skn.Bench.Harness;

namespace Skn.Bench.Systems.RabbitMq;

/// <summary>
/// A private RabbitMQ node: its own epmd and broker on free loopback ports, every file (config,
/// Mnesia, message store, logs, Erlang cookie) under the data folder. The packaged system service
/// and its paths are never touched.
/// </summary>
internal sealed class RabbitMqNode : IAsyncDisposable
{
    // The script under /usr/lib, not /usr/sbin's wrapper, which switches to the rabbitmq user and the
    // system's paths.
    private const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    private readonly ServerProcess _epmd;

    private RabbitMqNode(ServerProcess epmd, ServerProcess broker, int amqpPort, string nodeName)
    {
        _epmd = epmd;
        Broker = broker;
        AmqpPort = amqpPort;
        NodeName = nodeName;
    }

    /// <summary>The broker's process tree (start script, beam.smp and its helpers).</summary>
    public ServerProcess Broker { get; }

    public int AmqpPort { get; }

    public string NodeName { get; }

    public static async Task<RabbitMqNode> StartAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var amqpPort = FreePort.Next();
        var distPort = FreePort.Next();
        var epmdPort = FreePort.Next();
        var nodeName = $"bench{amqpPort}@localhost";

        // Erlang starts a missing epmd with -daemon, which leaves the broker's process tree and would
        // outlive the run. Started here in the foreground it is ours to stop, and the broker finds it
        // through ERL_EPMD_PORT.
        var epmd = ServerProcess.Start(
            "epmd",
            ["-address", "127.0.0.1", "-port", Invariant(epmdPort)],
            Path.Combine(dataDirectory, "epmd.log"),
            dataDirectory);
        RabbitMqNode? node = null;
        try
        {
            await epmd.WaitForPortAsync(epmdPort, TimeSpan.FromSeconds(10), cancellationToken);

            var configFile = Path.Combine(dataDirectory, "rabbitmq.conf");
            var advancedConfigFile = Path.Combine(dataDirectory, "advanced.config");
            var pluginsFile = Path.Combine(dataDirectory, "enabled_plugins");
            var envFile = Path.Combine(dataDirectory, "rabbitmq-env.conf");
            await File.WriteAllTextAsync(configFile, $"listeners.tcp.default = 127.0.0.1:{Invariant(amqpPort)}\n", cancellationToken);
            await File.WriteAllTextAsync(advancedConfigFile, "[].\n", cancellationToken);
            // No plugins at all (no management UI): only the broker is measured.
            await File.WriteAllTextAsync(pluginsFile, "[].\n", cancellationToken);
            // Empty, so /etc/rabbitmq/rabbitmq-env.conf is not read.
            await File.WriteAllTextAsync(envFile, "", cancellationToken);

            var environment = new Dictionary<string, string>
            {
                ["HOME"] = dataDirectory, // the Erlang cookie goes here
                ["RABBITMQ_NODENAME"] = nodeName,
                ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
                ["RABBITMQ_NODE_PORT"] = Invariant(amqpPort),
                ["RABBITMQ_DIST_PORT"] = Invariant(distPort),
                ["RABBITMQ_MNESIA_BASE"] = Path.Combine(dataDirectory, "mnesia"),
                ["RABBITMQ_LOG_BASE"] = Path.Combine(dataDirectory, "log"),
                ["RABBITMQ_CONFIG_FILE"] = configFile,
                ["RABBITMQ_ADVANCED_CONFIG_FILE"] = advancedConfigFile,
                ["RABBITMQ_ENABLED_PLUGINS_FILE"] = pluginsFile,
                ["RABBITMQ_CONF_ENV_FILE"] = envFile,
                ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
                ["ERL_EPMD_PORT"] = Invariant(epmdPort),
                // Never spawn a daemon epmd; keep the distribution port on loopback too.
                ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-start_epmd false -kernel inet_dist_use_interface {127,0,0,1}",
            };
            var broker = ServerProcess.Start(ServerScript, [], Path.Combine(dataDirectory, "rabbitmq-server.log"), dataDirectory, environment);
            node = new RabbitMqNode(epmd, broker, amqpPort, nodeName);

            // Boot takes several seconds; the AMQP listener opens once the broker is ready.
            await broker.WaitForPortAsync(amqpPort, TimeSpan.FromSeconds(120), cancellationToken);
            return node;
        }
        catch
        {
            if (node is not null)
            {
                await node.DisposeAsync();
            }
            else
            {
                await epmd.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>Stops the broker (SIGTERM lets it shut down cleanly, SIGKILL after 30 s), then epmd.</summary>
    public async ValueTask DisposeAsync()
    {
        await Broker.StopAsync(TimeSpan.FromSeconds(30));
        await Broker.DisposeAsync();
        await _epmd.DisposeAsync();
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
