namespace Skn.Domain.Storage;

/// <summary>
/// The store's running totals of what waits (envelopes pending, delivered or set aside on the poison
/// list), kept up to date with every commit so that reading them costs no query: the metrics
/// gauges read them on every scrape, and a per-participant limit can read them on every send.
/// A total may include a change whose transaction is still committing (milliseconds); it never
/// keeps one that was rolled back.
/// </summary>
public interface IPendingCounts
{
    /// <summary>Everything waiting in the store.</summary>
    PendingVolume Total { get; }

    /// <summary>What waits in the participant's mailbox; <see cref="PendingVolume.None"/> when nothing does.</summary>
    PendingVolume ForRecipient(string recipientOin);

    /// <summary>What the participant sent that still waits in other mailboxes; <see cref="PendingVolume.None"/> when nothing does.</summary>
    PendingVolume ForSender(string senderOin);
}
