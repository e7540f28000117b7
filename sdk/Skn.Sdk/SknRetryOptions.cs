namespace Skn.Sdk;

/// <summary>
/// How the client retries calls that failed transiently: <c>Unavailable</c> (the node was unreachable
/// or restarting) for every call that is safe to repeat, and <c>DeadlineExceeded</c> of one attempt
/// for idempotent calls. Waits grow exponentially with jitter.
/// </summary>
public sealed class SknRetryOptions
{
    /// <summary>Attempts in all, the first included (default 5; 1 turns retries off).</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait before the first retry (default 200 ms).</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between attempts (default 5 s).</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The factor by which the wait grows per attempt (default 2).</summary>
    public double BackoffMultiplier { get; set; } = 2;
}
