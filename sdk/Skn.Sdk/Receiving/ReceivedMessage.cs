using System.Security.Cryptography.X509Certificates;
using Google.Protobuf;
using Skn.Contracts.Rules;
using Skn.V1;

namespace Skn.Sdk;

/// <summary>
/// A received bericht, opened and checked: the envelope's metadata, the typed bericht, and the
/// means to acknowledge it once it is safely processed.
/// </summary>
public sealed class ReceivedMessage
{
    private readonly Func<string, CancellationToken, Task<AcknowledgeOutcome>>? _acknowledge;

    internal ReceivedMessage(Envelope envelope, Content content, DirectoryEntry sender, X509Certificate2 signer, int attempt, string? deliveryToken, Func<string, CancellationToken, Task<AcknowledgeOutcome>>? acknowledge)
    {
        Envelope = envelope;
        Content = content;
        Sender = sender;
        Signer = signer;
        Attempt = attempt;
        DeliveryToken = deliveryToken;
        _acknowledge = acknowledge;
        Bericht = content.GetBericht()!;
    }

    /// <summary>The envelope's metadata (the sealed content is not kept).</summary>
    public Envelope Envelope { get; }

    /// <summary>The opened content document: signed header and bericht.</summary>
    public Content Content { get; }

    /// <summary>The typed bericht (for example a <see cref="Saldoverzoek"/>).</summary>
    public IMessage Bericht { get; }

    /// <summary>The sender as the directory describes it.</summary>
    public DirectoryEntry Sender { get; }

    /// <summary>The certificate that signed the content.</summary>
    public X509Certificate2 Signer { get; }

    /// <summary>Which delivery this is: 1 the first, higher after a lease ran out or a stream dropped.</summary>
    public int Attempt { get; }

    /// <summary>The message id (UUID).</summary>
    public string MessageId => Envelope.MessageId;

    /// <summary>The bericht type.</summary>
    public BerichtType Type => Envelope.Type;

    /// <summary>The sender's OIN.</summary>
    public string SenderOin => Envelope.SenderOin;

    /// <summary>The client dossier.</summary>
    public string ConversationId => Envelope.ConversationId;

    /// <summary>The message this one answers, or empty.</summary>
    public string InReplyTo => Envelope.InReplyTo;

    /// <summary>When the sender sent it.</summary>
    public DateTimeOffset SendTime => Envelope.SendTime.ToDateTimeOffset();

    /// <summary>When the node deletes it unless acknowledged.</summary>
    public DateTimeOffset ExpireTime => Envelope.ExpireTime.ToDateTimeOffset();

    /// <summary>The date by which an answer is due (10 working days for requests), or null when none is expected.</summary>
    public DateOnly? ReplyDueDate => Envelope.ReplyDueDate.ToDateOnly();

    internal string? DeliveryToken { get; }

    /// <summary>
    /// An opaque receipt for acknowledging this delivery later or from another process (for
    /// example a command-line tool that fetches now and acknowledges after a person checked the
    /// work): pass it to <see cref="SknClient.AcknowledgeAsync(IEnumerable{string}, CancellationToken)"/>.
    /// Null for a message opened with <see cref="SknClient.OpenAsync"/>. It is valid only for this
    /// delivery: once the bericht is delivered again, acknowledging with it gives
    /// <see cref="AcknowledgeOutcome.Superseded"/>.
    /// </summary>
    public string? Receipt => DeliveryToken;

    /// <summary>The bericht as <typeparamref name="T"/>.</summary>
    /// <exception cref="InvalidOperationException">It is another type.</exception>
    public T GetBericht<T>()
        where T : IMessage<T> =>
        Bericht is T typed
            ? typed
            : throw new InvalidOperationException($"Message {MessageId} is a {Bericht.Descriptor.Name}, not a {typeof(T).Name}.");

    /// <summary>
    /// Tells the node the bericht is safely processed, so it deletes the content. Acknowledgements are
    /// sent in batches; this completes when the node has answered for this one.
    /// </summary>
    /// <returns>
    /// <see cref="AcknowledgeOutcome.Acknowledged"/> (or <see cref="AcknowledgeOutcome.AlreadyAcknowledged"/>);
    /// <see cref="AcknowledgeOutcome.Superseded"/> when the bericht was meanwhile delivered again
    /// (another consumer now holds it), <see cref="AcknowledgeOutcome.Expired"/> when it expired.
    /// </returns>
    /// <exception cref="InvalidOperationException">The message was opened from an envelope, not received from a fetch.</exception>
    public Task<AcknowledgeOutcome> AcknowledgeAsync(CancellationToken cancellationToken = default) =>
        _acknowledge is null || DeliveryToken is null
            ? throw new InvalidOperationException($"Message {MessageId} was not received from a fetch, so there is nothing to acknowledge.")
            : _acknowledge(DeliveryToken, cancellationToken);
}
