using Skn.V1;

namespace Skn.Domain.Storage;

/// <summary>An envelope that passed the node's checks and is ready to be stored.</summary>
public sealed record NewEnvelope
{
    /// <summary>The sender's UUID for the bericht.</summary>
    public required string MessageId { get; init; }

    /// <summary>The bericht type.</summary>
    public required BerichtType Type { get; init; }

    /// <summary>OIN of the sender.</summary>
    public required string SenderOin { get; init; }

    /// <summary>OIN of the recipient.</summary>
    public required string RecipientOin { get; init; }

    /// <summary>The dossier.</summary>
    public required string ConversationId { get; init; }

    /// <summary>The answered envelope's message id, or empty.</summary>
    public string InReplyTo { get; init; } = "";

    /// <summary>Version of the bericht definitions, or empty.</summary>
    public string DefinitionVersion { get; init; } = "";

    /// <summary>The idempotency key, unique per sender.</summary>
    public required string RequestId { get; init; }

    /// <summary>The send time the node assigns.</summary>
    public required DateTimeOffset SendTime { get; init; }

    /// <summary>When the envelope expires if not acknowledged.</summary>
    public required DateTimeOffset ExpireTime { get; init; }

    /// <summary>Last day of the answer term, for requests.</summary>
    public DateOnly? ReplyDueDate { get; init; }

    /// <summary>The sealed content. The store keeps it only until acknowledgement or expiry.</summary>
    public required ReadOnlyMemory<byte> SealedContent { get; init; }
}
