namespace Skn.Bench.Workload;

/// <summary>What one system did in one configuration of the mailbox workload.</summary>
public sealed record WorkloadResult
{
    public required string System { get; init; }

    public required string Configuration { get; init; }

    public required int Messages { get; init; }

    /// <summary>Messages per second from the first measured send to the last acknowledgement.</summary>
    public required double MessagesPerSecond { get; init; }

    public required double SendP50Ms { get; init; }

    public required double SendP99Ms { get; init; }

    public required double DeliveryP50Ms { get; init; }

    public required double DeliveryP99Ms { get; init; }

    /// <summary>Peak resident memory of the server's process tree during the run, in bytes.</summary>
    public required long PeakRssBytes { get; init; }

    /// <summary>CPU the server used per measured message, in ms (where the machine's two cores went).</summary>
    public double ServerCpuMsPerMessage { get; init; }

    /// <summary>CPU the benchmark's own clients (producers and consumers, this process) used per message, in ms.</summary>
    public double ClientCpuMsPerMessage { get; init; }

    /// <summary>Storage writes of the server per measured message, in KiB (a 2 KiB body written once is 2).</summary>
    public double ServerWrittenKbPerMessage { get; init; }

    /// <summary>Sent messages never delivered before the timeout.</summary>
    public required long Lost { get; init; }

    /// <summary>Deliveries of a message already delivered (allowed by at-least-once, but counted).</summary>
    public required long Repeated { get; init; }

    /// <summary>Why the run failed, or null when it completed.</summary>
    public string? Failure { get; init; }

    public double PeakRssMegabytes => PeakRssBytes / (1024.0 * 1024.0);
}
