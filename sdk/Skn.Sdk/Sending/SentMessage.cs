using Skn.V1;

namespace Skn.Sdk;

/// <summary>What the node recorded for a sent bericht.</summary>
public sealed class SentMessage
{
    internal SentMessage(Envelope envelope, bool wasAlreadySent)
    {
        Envelope = envelope;
        WasAlreadySent = wasAlreadySent;
    }

    /// <summary>The stored envelope's metadata (without the sealed content).</summary>
    public Envelope Envelope { get; }

    /// <summary>The message id (UUID): the reference the recipient answers to.</summary>
    public string MessageId => Envelope.MessageId;

    /// <summary>The client dossier the bericht belongs to.</summary>
    public string ConversationId => Envelope.ConversationId;

    /// <summary>The bericht type.</summary>
    public BerichtType Type => Envelope.Type;

    /// <summary>When the node accepted it.</summary>
    public DateTimeOffset SendTime => Envelope.SendTime.ToDateTimeOffset();

    /// <summary>When the node deletes it if the recipient has not acknowledged it.</summary>
    public DateTimeOffset ExpireTime => Envelope.ExpireTime.ToDateTimeOffset();

    /// <summary>The date by which the recipient should answer (requests only).</summary>
    public DateOnly? ReplyDueDate => Envelope.ReplyDueDate.ToDateOnly();

    /// <summary>
    /// True when the node already had a send with the same request id: this is that first send's
    /// result and nothing new was sent.
    /// </summary>
    public bool WasAlreadySent { get; }
}
