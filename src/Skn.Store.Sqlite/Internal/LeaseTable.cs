using System.Security.Cryptography;

namespace Skn.Store.Sqlite.Internal;

/// <summary>
/// The open leases, in memory. A lease is not worth an fsync: no fetcher survives a restart, so a
/// lease written to disk would only ever be read back to be cleared. Writing it cost a transaction
/// per delivery (the row and its index entry, and the commit); the store now records a delivery
/// once, when it ends: acknowledged, released or run out.
/// <para>
/// Changes happen only on the writer, in order with the transactions, so a lease and an
/// acknowledgement never race, and each change is undone when its transaction rolls back. Readers
/// (the trail, lookups) take the lock to show a leased envelope as delivered.
/// </para>
/// </summary>
internal sealed class LeaseTable
{
    private readonly Dictionary<long, Lease> _bySequence = [];
    private readonly Dictionary<string, long> _sequenceByMessageId = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>
    /// This run's epoch: random, never 0. Deliveries made before a crash were never recorded, so
    /// their attempt numbers are handed out again; the epoch in the token tells them apart.
    /// </summary>
    public uint Epoch { get; } = NewEpoch();

    /// <summary>Open leases (including ones that ran out but were not yet taken again).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _bySequence.Count;
            }
        }
    }

    /// <summary>Every open lease with its envelope's sequence.</summary>
    public List<(long Sequence, Lease Lease)> ToList()
    {
        lock (_lock)
        {
            return [.. _bySequence.Select(entry => (entry.Key, entry.Value))];
        }
    }

    public bool TryGet(long sequence, out Lease lease)
    {
        lock (_lock)
        {
            return _bySequence.TryGetValue(sequence, out lease);
        }
    }

    public bool TryGet(string messageId, out long sequence, out Lease lease)
    {
        lock (_lock)
        {
            lease = default;
            return _sequenceByMessageId.TryGetValue(messageId, out sequence) && _bySequence.TryGetValue(sequence, out lease);
        }
    }

    /// <summary>Opens (or replaces) the lease on an envelope, undone if the transaction rolls back.</summary>
    public void Add(long sequence, Lease lease, WriterContext context)
    {
        var had = TryGet(sequence, out var previous);
        Set(sequence, lease);
        context.OnRollback(() =>
        {
            if (had)
            {
                Set(sequence, previous);
            }
            else
            {
                Delete(sequence);
            }
        });
    }

    /// <summary>Ends the lease on an envelope, undone if the transaction rolls back.</summary>
    public void Remove(long sequence, WriterContext context)
    {
        if (TryGet(sequence, out var previous))
        {
            Delete(sequence);
            context.OnRollback(() => Set(sequence, previous));
        }
    }

    private void Set(long sequence, Lease lease)
    {
        lock (_lock)
        {
            if (_bySequence.TryGetValue(sequence, out var old))
            {
                _sequenceByMessageId.Remove(old.MessageId);
            }

            _bySequence[sequence] = lease;
            _sequenceByMessageId[lease.MessageId] = sequence;
        }
    }

    private void Delete(long sequence)
    {
        lock (_lock)
        {
            if (_bySequence.Remove(sequence, out var lease))
            {
                _sequenceByMessageId.Remove(lease.MessageId);
            }
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _bySequence.Clear();
            _sequenceByMessageId.Clear();
        }
    }

    private static uint NewEpoch()
    {
        uint epoch;
        do
        {
            epoch = (uint)RandomNumberGenerator.GetInt32(int.MinValue, int.MaxValue);
        }
        while (epoch == 0);

        return epoch;
    }
}

/// <summary>One open lease: the delivery's attempt, when it was made and when it runs out (Unix ms).</summary>
internal readonly record struct Lease(string MessageId, int Attempt, long LeasedAt, long Until);
