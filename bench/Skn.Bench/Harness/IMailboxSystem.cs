namespace Skn.Bench.Harness;

/// <summary>
/// One system under test in the mailbox workload: a server process it starts on 127.0.0.1 with a
/// fresh data folder, and clients that send to and drain 50 mailboxes. Every system answers the same
/// calls, so the workload code is the same for all of them.
/// </summary>
public interface IMailboxSystem : IAsyncDisposable
{
    /// <summary>The name in the report, e.g. "skn-mtls" or "redis-streams".</summary>
    string Name { get; }

    /// <summary>
    /// Starts the server (its own process, bound to 127.0.0.1) and prepares the mailboxes. Returns
    /// what the report prints about it: version and the settings that matter for durability.
    /// </summary>
    Task<SystemDescription> StartAsync(BenchEnvironment environment, CancellationToken cancellationToken);

    /// <summary>The server's processes, for memory sampling; valid after <see cref="StartAsync"/>.</summary>
    ServerProcess Server { get; }

    /// <summary>A producer with its own connection; it has one send in flight at a time.</summary>
    Task<IMailboxProducer> CreateProducerAsync(int producerIndex, CancellationToken cancellationToken);

    /// <summary>A consumer that owns the given mailboxes (indexes 0 to <see cref="BenchEnvironment.Mailboxes"/> - 1).</summary>
    Task<IMailboxConsumer> CreateConsumerAsync(int consumerIndex, IReadOnlyList<int> mailboxes, CancellationToken cancellationToken);
}

/// <summary>What the report says about a system: its version and durability-relevant settings.</summary>
/// <param name="Version">The server's own version string.</param>
/// <param name="Settings">Settings, one short phrase each (e.g. "appendfsync always").</param>
public sealed record SystemDescription(string Version, IReadOnlyList<string> Settings);

/// <summary>Sends messages; a send completes only when the server has made the message durable.</summary>
public interface IMailboxProducer : IAsyncDisposable
{
    /// <summary>
    /// Sends <paramref name="body"/> to mailbox <paramref name="mailbox"/> and returns when the server
    /// confirmed it durable. The body may be reused by the caller after the task completes.
    /// </summary>
    Task SendAsync(int mailbox, ReadOnlyMemory<byte> body, CancellationToken cancellationToken);
}

/// <summary>Drains its mailboxes: receives, reports, acknowledges in batches (the server deletes acknowledged messages).</summary>
public interface IMailboxConsumer : IAsyncDisposable
{
    /// <summary>
    /// Receives until <paramref name="cancellationToken"/> is cancelled. For each message it calls
    /// <see cref="IDeliverySink.Delivered"/> on receipt, and after an acknowledgement round trip
    /// completed, <see cref="IDeliverySink.Acknowledged"/> with the number it covered. Returns
    /// normally on cancellation.
    /// </summary>
    Task RunAsync(IDeliverySink sink, CancellationToken cancellationToken);
}

/// <summary>Where consumers report; thread-safe.</summary>
public interface IDeliverySink
{
    /// <summary>A message arrived (before it is acknowledged). The span is only valid during the call.</summary>
    void Delivered(ReadOnlySpan<byte> body);

    /// <summary>The server accepted the acknowledgement of <paramref name="count"/> delivered messages.</summary>
    void Acknowledged(int count);
}
