using Skn.Bench.Harness;
using Skn.Bench.Systems.Exchange;
using Skn.Bench.Systems.Skn;

namespace Skn.Bench.Systems.Memory;

/// <summary>
/// "grpc-memory": the same RPC shapes as the node over h2c, served from memory by this program in a
/// child process (so its memory is measured like every other server's). The ceiling of this transport here.
/// </summary>
internal sealed class MemoryMailboxSystem(BenchParticipants participants) : IMailboxSystem
{
    private ServerProcess? _server;
    private ExchangeEndpoint? _endpoint;

    public string Name => "grpc-memory";

    public ServerProcess Server => _server ?? throw new InvalidOperationException("Not started.");

    public async Task<SystemDescription> StartAsync(BenchEnvironment environment, CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        var self = typeof(MemoryMailboxSystem).Assembly.Location;
        _server = ServerProcess.Start(
            "dotnet",
            [self, "serve-memory", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            Path.Combine(environment.DataDirectory, "grpc-memory.log"),
            environment.DataDirectory);
        await _server.WaitForPortAsync(port, TimeSpan.FromSeconds(30), cancellationToken);
        _endpoint = new ExchangeEndpoint(port, tls: null);
        return new SystemDescription(
            $"in-memory ExchangeService (this benchmark), .NET {Environment.Version}",
            ["h2c on loopback; a queue per recipient in memory; no checks, no disk: not durable", "FetchPending follow with credit, batched Acknowledge: the node's RPC shapes"]);
    }

    public Task<IMailboxProducer> CreateProducerAsync(int producerIndex, CancellationToken cancellationToken) =>
        Task.FromResult<IMailboxProducer>(new ExchangeProducer(_endpoint!, participants.ProducerOins[producerIndex], participants.MailboxOins));

    public Task<IMailboxConsumer> CreateConsumerAsync(int consumerIndex, IReadOnlyList<int> mailboxes, CancellationToken cancellationToken) =>
        Task.FromResult<IMailboxConsumer>(new ExchangeConsumer(_endpoint!, mailboxes.Select(m => participants.MailboxOins[m]).ToArray()));

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
