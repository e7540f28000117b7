namespace Skn.Bench.Soak;

/// <summary>One sample of a soak run: the node's process tree now, and the clients' figures over the interval before it.</summary>
internal sealed record SoakSample
{
    /// <summary>Seconds since the senders started.</summary>
    public double Seconds { get; init; }

    public double RssMb { get; init; }

    public int Handles { get; init; }

    public int Threads { get; init; }

    /// <summary>The node's CPU over the interval, in % of one core.</summary>
    public double CpuPercent { get; init; }

    /// <summary>Sends answered OK in the interval, per second.</summary>
    public double SentPerSecond { get; init; }

    public double SendP50Ms { get; init; }

    public double SendP99Ms { get; init; }

    public double DeliveryP50Ms { get; init; }

    public double DeliveryP99Ms { get; init; }

    /// <summary>Sends answered OK since the start.</summary>
    public long SentTotal { get; init; }

    /// <summary>Sent and not yet acknowledged.</summary>
    public long Backlog { get; init; }

    /// <summary>Sent OK over 30 s ago and not delivered yet.</summary>
    public int Missing { get; init; }

    /// <summary>Deliveries of a message already delivered, so far.</summary>
    public long Repeated { get; init; }

    public long SendFailures { get; init; }

    /// <summary>The node's database file, in MB.</summary>
    public double DatabaseMb { get; init; }

    /// <summary>Free pages inside the database file, in MB, as of the last checkpoint.</summary>
    public double DatabaseFreeMb { get; init; }

    /// <summary>The write-ahead log, in MB.</summary>
    public double WalMb { get; init; }

    /// <summary>True for samples in the warm-up, which the memory verdict leaves out.</summary>
    public bool Warmup { get; init; }
}

/// <summary>A whole soak run: settings, samples, end counts and the verdict.</summary>
internal sealed record SoakResult
{
    public required string Machine { get; init; }

    public required string Node { get; init; }

    public required DateTimeOffset Started { get; init; }

    public required double DurationSeconds { get; init; }

    public required int Rate { get; init; }

    public required int Streams { get; init; }

    public required int Producers { get; init; }

    public required double WarmupSeconds { get; init; }

    public required double FlatThresholdPercent { get; init; }

    public required IReadOnlyList<SoakSample> Samples { get; init; }

    public long Sent { get; init; }

    public long SendFailures { get; init; }

    public long Delivered { get; init; }

    public long Repeated { get; init; }

    public long Foreign { get; init; }

    /// <summary>Sent OK and never delivered, after the drain.</summary>
    public long Lost { get; init; }

    public double DrainSeconds { get; init; }

    public double MaxSendLagMs { get; init; }

    /// <summary>A follow stream or acknowledgement that failed during the run, if any.</summary>
    public string? Failure { get; init; }

    public required SoakVerdict Verdict { get; init; }
}

/// <summary>
/// Memory and handles after warm-up against the end. Each end is the mean of the samples in a
/// 30-second window (the 30 s after warm-up, the last 30 s of sending), which evens out the GC's sawtooth.
/// </summary>
internal sealed record SoakVerdict
{
    public double RssAfterWarmupMb { get; init; }

    public double RssAtEndMb { get; init; }

    public double RssGrowthMb => RssAtEndMb - RssAfterWarmupMb;

    public double RssGrowthPercent => RssAfterWarmupMb > 0 ? RssGrowthMb / RssAfterWarmupMb * 100 : double.NaN;

    /// <summary>Least-squares slope of RSS over the samples after warm-up, MB per minute.</summary>
    public double RssSlopeMbPerMinute { get; init; }

    public double PeakRssMb { get; init; }

    public double HandlesAfterWarmup { get; init; }

    public double HandlesAtEnd { get; init; }

    public double ThreadsAfterWarmup { get; init; }

    public double ThreadsAtEnd { get; init; }

    /// <summary>The database file after warm-up, in MB: what a store that never reuses its freed pages would grow from.</summary>
    public double DatabaseAfterWarmupMb { get; init; }

    public double DatabaseAtEndMb { get; init; }

    /// <summary>Messages sent after warm-up: what a per-message leak would scale with.</summary>
    public long MessagesAfterWarmup { get; init; }

    public bool MemoryFlat { get; init; }
}
