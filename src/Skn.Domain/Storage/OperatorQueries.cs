using Skn.V1;

namespace Skn.Domain.Storage;

/// <summary>A filter over every participant's traffic, for the node's operator.</summary>
public sealed record TrafficQuery
{
    /// <summary>Only envelopes this participant sent or received; null for all.</summary>
    public string? ParticipantOin { get; init; }

    /// <summary>Only envelopes sent at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Only envelopes sent before this time.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Only these types; empty for all.</summary>
    public IReadOnlyCollection<BerichtType> Types { get; init; } = [];

    /// <summary>Only envelopes in these states (as readers see them); empty for all.</summary>
    public IReadOnlyCollection<EnvelopeState> States { get; init; } = [];

    /// <summary>Page size, at least 1.</summary>
    public required int PageSize { get; init; }

    /// <summary>Continue below this sequence number (exclusive); null for the first page. Newest first.</summary>
    public long? BeforeSequence { get; init; }
}

/// <summary>The figures of one recipient's mailbox, as the store counts them.</summary>
/// <param name="RecipientOin">Whose mailbox.</param>
/// <param name="PendingCount">Envelopes pending or delivered, not acknowledged or expired.</param>
/// <param name="OldestPendingSendTime">When the oldest of those was sent, or null when there are none.</param>
/// <param name="PoisonedCount">Envelopes set aside on the poison list.</param>
/// <param name="ExpiredCount">Envelopes that expired at or after the asked moment.</param>
public sealed record MailboxFigures(
    string RecipientOin, long PendingCount, DateTimeOffset? OldestPendingSendTime, long PoisonedCount, long ExpiredCount);
