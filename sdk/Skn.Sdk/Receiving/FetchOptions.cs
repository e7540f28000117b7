using Skn.V1;

namespace Skn.Sdk;

/// <summary>How <see cref="SknClient.FetchAsync"/> and <see cref="SknClient.ProcessAsync"/> receive.</summary>
public sealed class FetchOptions
{
    /// <summary>
    /// False (default): deliver what is pending now and end. True: stay connected and deliver new
    /// berichten as they arrive, reconnecting with backoff when the stream drops or falls silent.
    /// </summary>
    public bool Follow { get; set; }

    /// <summary>
    /// List work: receive every pending bericht once without holding it (no lease, no credit), for
    /// example to export all open requests to a spreadsheet that is answered over days. Acknowledge
    /// later with <see cref="ReceivedMessage.Receipt"/>; what is not acknowledged simply stays pending.
    /// Cannot be combined with <see cref="Follow"/>.
    /// </summary>
    public bool Snapshot { get; set; }

    /// <summary>
    /// How many received berichten may be unacknowledged at once (default 16; the node caps it). The
    /// node sends no more until earlier ones are acknowledged, so several consumers of one participant
    /// share the work instead of one hoarding it.
    /// </summary>
    public int MaxInFlight { get; set; } = 16;

    /// <summary>Only these bericht types; empty means all.</summary>
    public IList<BerichtType> BerichtTypes { get; } = [];

    /// <summary>
    /// How often an idle stream carries a heartbeat (default 15 s; kept between 1 and 60 s). When nothing
    /// arrives for three intervals the connection is presumed dead and a new one is made.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Called for a received bericht that could not be opened or broke the content rules. It is not
    /// acknowledged: it stays on the node until it expires. Without a handler it is logged.
    /// </summary>
    public Func<RefusedMessage, CancellationToken, Task>? OnRefused { get; set; }
}
