namespace Skn.Sdk;

/// <summary>Optional settings of one send.</summary>
public sealed class SendOptions
{
    /// <summary>
    /// The client dossier (UUID). A bericht that starts a conversation gets a new one when this is
    /// empty; a notice (Regeling geaccordeerd, Beëindiging) must name the dossier it belongs to; an
    /// answer takes the dossier of the message it answers.
    /// </summary>
    public string? ConversationId { get; set; }

    /// <summary>The message id of the request this bericht answers (required for answers).</summary>
    public string? InReplyTo { get; set; }

    /// <summary>
    /// The idempotency id (at most 64 printable ASCII characters). Sends with the same id are one
    /// send: a repeat returns the first result. Default: a new id per call, which still makes the
    /// SDK's own retries safe. Derive it from your own data (for example "answer-" + request id) to
    /// make re-running a whole job safe.
    /// </summary>
    public string? RequestId { get; set; }
}
