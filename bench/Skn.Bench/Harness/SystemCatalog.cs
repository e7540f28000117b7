using Skn.Bench.Systems.Memory;
using Skn.Bench.Systems.Nats;
using Skn.Bench.Systems.RabbitMq;
using Skn.Bench.Systems.Redis;
using Skn.Bench.Systems.Skn;

namespace Skn.Bench.Harness;

/// <summary>The systems the mailbox benchmark knows, by report name, in report order.</summary>
internal static class SystemCatalog
{
    public static readonly string[] All = ["grpc-memory", "skn-h2c", "skn-mtls", "redis-streams", "rabbitmq", "nats-jetstream"];

    /// <summary>What the CI smoke run measures: the node only.</summary>
    public static readonly string[] Smoke = ["skn-h2c", "skn-mtls"];

    public static IMailboxSystem Create(string name, BenchParticipants participants) => name switch
    {
        "grpc-memory" => new MemoryMailboxSystem(participants),
        "skn-h2c" => new SknNodeSystem(mutualTls: false, participants),
        "skn-mtls" => new SknNodeSystem(mutualTls: true, participants),
        "redis-streams" => new RedisStreamsSystem(),
        "rabbitmq" => new RabbitMqSystem(),
        "nats-jetstream" => new NatsJetStreamSystem(),
        _ => throw new ArgumentException($"Unknown system '{name}'; known: {string.Join(", ", All)}.", nameof(name)),
    };
}
