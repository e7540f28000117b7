using Skn.V1;

namespace Skn.Domain.Storage;

/// <summary>
/// The metadata of one envelope as the store keeps it. This is also the trail entry: it outlives the
/// sealed content, which the store deletes on acknowledgement or expiry.
/// </summary>
public sealed record EnvelopeRecord
{
    /// <summary>Store-assigned sequence number: strictly increasing in commit order, so "oldest first" is by sequence.</summary>
    public required long Sequence { get; init; }

    /// <summary>The sender's UUID for the bericht (Referentienummer).</summary>
    public required string MessageId { get; init; }

    /// <summary>The bericht type.</summary>
    public required BerichtType Type { get; init; }

    /// <summary>OIN of the sender.</summary>
    public required string SenderOin { get; init; }

    /// <summary>OIN of the recipient.</summary>
    public required string RecipientOin { get; init; }

    /// <summary>The dossier (ConversatieReferentienummer).</summary>
    public required string ConversationId { get; init; }

    /// <summary>The answered envelope's message id, or empty.</summary>
    public string InReplyTo { get; init; } = "";

    /// <summary>Version of the bericht definitions, "major.minor", or empty.</summary>
    public string DefinitionVersion { get; init; } = "";

    /// <summary>The sender's idempotency key (never empty: the message id when the sender gave none).</summary>
    public required string RequestId { get; init; }

    /// <summary>When the store committed the envelope.</summary>
    public required DateTimeOffset SendTime { get; init; }

    /// <summary>When the envelope expires if not acknowledged.</summary>
    public required DateTimeOffset ExpireTime { get; init; }

    /// <summary>Last day of the answer term, for requests.</summary>
    public DateOnly? ReplyDueDate { get; init; }

    /// <summary>Current state.</summary>
    public required EnvelopeState State { get; init; }

    /// <summary>Number of deliveries so far; the current delivery's attempt number.</summary>
    public int Attempts { get; init; }

    /// <summary>Until when the current delivery is leased, when one is.</summary>
    public DateTimeOffset? LeaseExpireTime { get; init; }

    /// <summary>When the envelope was first delivered.</summary>
    public DateTimeOffset? FirstDeliveryTime { get; init; }

    /// <summary>When it was acknowledged or expired.</summary>
    public DateTimeOffset? OutcomeTime { get; init; }

    /// <summary>Calendar days the recipient extended the term by (0 when never).</summary>
    public int ExtensionDays { get; init; }

    /// <summary>Size of the sealed content in bytes (kept after the content is gone).</summary>
    public required long SealedContentSize { get; init; }
}
