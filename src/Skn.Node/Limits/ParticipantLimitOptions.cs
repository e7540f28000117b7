namespace Skn.Node.Limits;

/// <summary>
/// Per-participant limits, section "Skn:Limits", so that one noisy participant cannot starve the
/// others. Each is answered with ResourceExhausted and <c>ERROR_REASON_LIMIT_REACHED</c>. The
/// defaults sit far above what the domain's busiest participants need (a housing corporation
/// answers a few hundred requests a week; a vendor's nightly batch sends thousands at once) and far
/// below what would take a node from everyone else.
/// </summary>
public sealed class ParticipantLimitOptions
{
    /// <summary>Open FetchPending streams per participant (default: 16).</summary>
    public int MaxStreams { get; set; } = 16;

    /// <summary>Calls per second per participant, sustained (default: 200).</summary>
    public int RequestsPerSecond { get; set; } = 200;

    /// <summary>Calls a participant may make at once above the sustained rate (default: 2,000).</summary>
    public int RequestBurst { get; set; } = 2_000;
}
