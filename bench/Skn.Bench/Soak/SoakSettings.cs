namespace Skn.Bench.Soak;

/// <summary>What a soak run does: how long, how fast, how many follow streams, how often it samples.</summary>
internal sealed record SoakSettings
{
    /// <summary>How long the senders send; the run then drains and stops by itself.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Messages a second over all producers, paced (message k is due at k / rate).</summary>
    public int Rate { get; init; } = 200;

    /// <summary>FetchPending follow streams: one per mailbox, each mailbox its own creditor (its own certificate and connection).</summary>
    public int Streams { get; init; } = 200;

    /// <summary>Debt counsellors sending, each with one send in flight.</summary>
    public int Producers { get; init; } = 8;

    /// <summary>How often the node and the latencies are sampled.</summary>
    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The part at the start that the memory verdict does not count: the first minute, or a quarter of a shorter run.</summary>
    public TimeSpan Warmup => TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(1).Ticks, Duration.Ticks / 4));

    /// <summary>The most the drain at the end may take before what is left counts as lost.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Growth of RSS (warm-up to end, in %) that still counts as flat.</summary>
    public double FlatThresholdPercent { get; init; } = 10;

    /// <summary>Slots for message numbers: the paced count plus slack.</summary>
    public int Capacity => checked((int)(Rate * Duration.TotalSeconds) + 1_000);
}
