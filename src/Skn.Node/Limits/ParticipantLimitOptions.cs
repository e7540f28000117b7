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

    /// <summary>
    /// Berichten one participant may have waiting for their recipients, not yet acknowledged or
    /// expired (default: 100,000; a municipality's counsellors send a few thousand a week). Beyond
    /// it a send is refused until recipients catch up, so a runaway sender cannot fill the store that
    /// every participant shares.
    /// </summary>
    public long MaxPendingEnvelopes { get; set; } = 100_000;

    /// <summary>Bytes of sealed content one participant may have waiting (default: 4 GiB), as <see cref="MaxPendingEnvelopes"/>.</summary>
    public long MaxPendingBytes { get; set; } = 4L * 1024 * 1024 * 1024;
}
