namespace Skn.Bench.Workload;

/// <summary>The mailbox workload's shape; the defaults are the full run.</summary>
public sealed record MailboxWorkloadSettings
{
    /// <summary>Messages measured (after the warm-up).</summary>
    public int Messages { get; init; } = 100_000;

    /// <summary>Messages sent and drained first, not counted.</summary>
    public int WarmupMessages { get; init; } = 2_000;

    /// <summary>Producers, each with one send in flight.</summary>
    public int Producers { get; init; } = 8;

    /// <summary>Consumers; consumer c owns the mailboxes m with m mod C = c.</summary>
    public int Consumers { get; init; } = 8;

    /// <summary>Recipient mailboxes; message k goes to mailbox k mod this.</summary>
    public int Mailboxes { get; init; } = 50;

    /// <summary>Size of each opaque (pre-sealed) body in bytes.</summary>
    public int BodyBytes { get; init; } = 2_048;

    /// <summary>The run gives up (and reports the loss) when the last acknowledgement has not come by then.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>"P=C=8" style label.</summary>
    public string Label => Producers == Consumers ? $"P=C={Producers}" : $"P={Producers},C={Consumers}";
}
