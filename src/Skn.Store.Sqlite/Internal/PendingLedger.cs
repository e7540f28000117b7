using Skn.Domain.Storage;

namespace Skn.Store.Sqlite.Internal;

/// <summary>
/// What waits in the store (states 1, 2 and 5: pending, delivered, set aside), per recipient, per
/// sender and in all, in memory. Seeded once at open from the expiry index, which holds exactly
/// those envelopes, and then changed only by the writer inside the transaction that changes an
/// envelope's state (a send adds, an acknowledgement or an expiry takes away), with an undo for a
/// rolled-back savepoint or batch. So a scrape or a limit check reads three numbers under a lock,
/// never a COUNT(*) over a large mailbox.
/// </summary>
internal sealed class PendingLedger : IPendingCounts
{
    private readonly Dictionary<string, PendingVolume> _byRecipient = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PendingVolume> _bySender = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private PendingVolume _total;

    public PendingVolume Total
    {
        get
        {
            lock (_lock)
            {
                return _total;
            }
        }
    }

    public PendingVolume ForRecipient(string recipientOin)
    {
        ArgumentNullException.ThrowIfNull(recipientOin);
        lock (_lock)
        {
            return _byRecipient.GetValueOrDefault(recipientOin);
        }
    }

    public PendingVolume ForSender(string senderOin)
    {
        ArgumentNullException.ThrowIfNull(senderOin);
        lock (_lock)
        {
            return _bySender.GetValueOrDefault(senderOin);
        }
    }

    /// <summary>Counts an envelope that waits, found at open (no transaction to undo).</summary>
    public void Seed(string recipientOin, string senderOin, long bytes) => Apply(recipientOin, senderOin, 1, bytes);

    /// <summary>Counts a new waiting envelope; undone if its transaction rolls back.</summary>
    public void Add(string recipientOin, string senderOin, long bytes, WriterContext context)
    {
        Apply(recipientOin, senderOin, 1, bytes);
        context.OnRollback(() => Apply(recipientOin, senderOin, -1, -bytes));
    }

    /// <summary>Takes an envelope that stopped waiting (acknowledged, expired) off; undone if its transaction rolls back.</summary>
    public void Remove(string recipientOin, string senderOin, long bytes, WriterContext context)
    {
        Apply(recipientOin, senderOin, -1, -bytes);
        context.OnRollback(() => Apply(recipientOin, senderOin, 1, bytes));
    }

    private void Apply(string recipientOin, string senderOin, long count, long bytes)
    {
        lock (_lock)
        {
            _total = new PendingVolume(_total.Count + count, _total.Bytes + bytes);
            Change(_byRecipient, recipientOin, count, bytes);
            Change(_bySender, senderOin, count, bytes);
        }
    }

    private static void Change(Dictionary<string, PendingVolume> totals, string oin, long count, long bytes)
    {
        var current = totals.GetValueOrDefault(oin);
        var next = new PendingVolume(current.Count + count, current.Bytes + bytes);

        // Participants with nothing waiting leave the map, so it holds only active mailboxes.
        if (next.Count == 0)
        {
            totals.Remove(oin);
        }
        else
        {
            totals[oin] = next;
        }
    }
}
