using Skn.V1;

namespace Skn.Domain.Storage;

/// <summary>The result of <see cref="IMessageStore.SendAsync"/>.</summary>
/// <param name="Envelope">The stored envelope: the new one, or on a retry the one stored first.</param>
/// <param name="Outcome">Whether it was stored now, found as an earlier send, or refused.</param>
public sealed record SendResult(EnvelopeRecord? Envelope, SendOutcome Outcome);

/// <summary>What a send did in the store.</summary>
public enum SendOutcome
{
    /// <summary>Stored and durable now.</summary>
    Stored,

    /// <summary>The sender already sent with this request id; <see cref="SendResult.Envelope"/> is that first envelope.</summary>
    Duplicate,

    /// <summary>The message id is already used by an envelope with a different request id (or sender).</summary>
    MessageIdInUse,

    /// <summary>
    /// Nothing stored: the sender already has as many envelopes (or bytes) waiting for their
    /// recipients as the store allows one sender. Room comes free as its recipients acknowledge
    /// and its envelopes expire.
    /// </summary>
    SenderPendingLimitReached,
}

/// <summary>An envelope leased to a fetcher, with its sealed content.</summary>
/// <param name="Envelope">The metadata, with the new attempt number and lease time.</param>
/// <param name="SealedContent">The sealed content.</param>
public sealed record LeasedEnvelope(EnvelopeRecord Envelope, ReadOnlyMemory<byte> SealedContent)
{
    /// <summary>The store's <see cref="DeliveryRef.Epoch"/> when the lease was made.</summary>
    public uint Epoch { get; init; }

    /// <summary>The delivery this lease is.</summary>
    public DeliveryRef Delivery => new(Envelope.MessageId, Envelope.Attempts, Epoch);
}

/// <summary>One delivery of an envelope: its message id and attempt number.</summary>
/// <param name="MessageId">The envelope's message id.</param>
/// <param name="Attempt">The delivery attempt, 1 on first delivery.</param>
/// <param name="Epoch">
/// Which run of the store made the delivery (0: unknown). A store may keep leases in memory, so
/// after a crash the attempt in flight was never recorded and its number is handed out again; the
/// epoch tells the two deliveries apart, so a late acknowledgement of the first cannot settle the second.
/// </param>
public readonly record struct DeliveryRef(string MessageId, int Attempt, uint Epoch = 0);

/// <summary>What to lease.</summary>
public sealed record LeaseRequest
{
    /// <summary>Whose mailbox.</summary>
    public required string RecipientOin { get; init; }

    /// <summary>Most envelopes to lease, at least 1.</summary>
    public required int MaxCount { get; init; }

    /// <summary>Only these types; empty for all.</summary>
    public IReadOnlyCollection<BerichtType> Types { get; init; } = [];

    /// <summary>The current time: leases that ended before it are free again, and expired envelopes are never leased.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>When the new leases end; <see cref="Now"/> hands each envelope back at once (a snapshot).</summary>
    public required DateTimeOffset LeaseUntil { get; init; }

    /// <summary>Only envelopes stored after this sequence number (a snapshot's cursor); 0 for all.</summary>
    public long AfterSequence { get; init; }
}

/// <summary>The outcome of acknowledging one delivery.</summary>
/// <param name="Delivery">The delivery as asked.</param>
/// <param name="Outcome">What happened.</param>
public sealed record AcknowledgeResult(DeliveryRef Delivery, AcknowledgeOutcome Outcome)
{
    /// <summary>The acknowledged envelope's type when the outcome is <see cref="AcknowledgeOutcome.Acknowledged"/> (for metrics); otherwise unspecified.</summary>
    public BerichtType Type { get; init; }
}

/// <summary>The outcome of an extension request.</summary>
public enum ExtendOutcome
{
    /// <summary>Extended now.</summary>
    Extended,

    /// <summary>No pending envelope with this id in the caller's mailbox.</summary>
    NotFound,

    /// <summary>The envelope was extended before; a term is extended once.</summary>
    AlreadyExtended,
}

/// <summary>A filter over a participant's trail.</summary>
public sealed record TrailQuery
{
    /// <summary>The participant whose trail this is; only envelopes it sent or received are listed.</summary>
    public required string ParticipantOin { get; init; }

    /// <summary>Sent, received or both.</summary>
    public TrailDirection Direction { get; init; } = TrailDirection.Unspecified;

    /// <summary>Only envelopes sent at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Only envelopes sent before this time.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Only these types; empty for all.</summary>
    public IReadOnlyCollection<BerichtType> Types { get; init; } = [];

    /// <summary>Only envelopes exchanged with this participant.</summary>
    public string? CounterpartOin { get; init; }

    /// <summary>Only envelopes of this dossier.</summary>
    public string? ConversationId { get; init; }

    /// <summary>Only envelopes in these states (as readers see them: a leased envelope is delivered); empty for all.</summary>
    public IReadOnlyCollection<EnvelopeState> States { get; init; } = [];

    /// <summary>Page size, at least 1.</summary>
    public required int PageSize { get; init; }

    /// <summary>Continue below this sequence number (exclusive); null for the first page. The trail lists newest first.</summary>
    public long? BeforeSequence { get; init; }
}

/// <summary>One page of a trail.</summary>
/// <param name="Entries">The entries, newest first.</param>
/// <param name="NextBeforeSequence">Where the next page starts, or null on the last page.</param>
public sealed record TrailPage(IReadOnlyList<EnvelopeRecord> Entries, long? NextBeforeSequence);
