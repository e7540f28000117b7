using Google.Protobuf;
using Skn.Contracts.Rules;
using Skn.Sdk.Rules;
using Skn.Sdk.Sealing;
using Skn.Sdk.Transport;
using Skn.V1;

namespace Skn.Sdk;

public sealed partial class SknClient
{
    private static readonly BerichtRules Rules = BerichtRules.Contract;

    /// <summary>
    /// Checks <paramref name="bericht"/> against the content rules for the recipient, seals it (signed by
    /// us, encrypted for the recipient) and sends it. Returns once the node has stored it durably.
    /// Transient failures are retried with the same idempotency id, so the bericht is sent at most once.
    /// </summary>
    /// <param name="recipientOin">The recipient's OIN.</param>
    /// <param name="bericht">A typed bericht, for example a <see cref="Saldoverzoek"/>.</param>
    /// <param name="options">Dossier, answered message and idempotency id; see <see cref="SendOptions"/>.</param>
    /// <param name="cancellationToken">Cancels the send; a cancelled send may or may not have been stored (send again with the same <see cref="SendOptions.RequestId"/> to find out).</param>
    /// <exception cref="SknContentRuleException">The bericht breaks content rules for this recipient; nothing was sent.</exception>
    /// <exception cref="SknRequestException">The node refused the send (role, recipient, answered message) or could not be reached.</exception>
    public async Task<SentMessage> SendAsync(string recipientOin, IMessage bericht, SendOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(recipientOin);
        ArgumentNullException.ThrowIfNull(bericht);
        options ??= new SendOptions();

        var rule = Rules.For(bericht.GetBerichtType());
        var conversationId = ConversationFor(rule, options);
        var recipient = await Directory.GetAsync(recipientOin, cancellationToken);

        var envelope = new Envelope
        {
            MessageId = Guid.NewGuid().ToString("D"),
            Type = rule.Type,
            SenderOin = Oin,
            RecipientOin = recipientOin,
            ConversationId = conversationId,
            InReplyTo = options.InReplyTo ?? "",
            DefinitionVersion = _options.DefinitionVersion,
            RequestId = options.RequestId ?? Guid.NewGuid().ToString("N"),
        };
        var content = new Content { Header = ContentHeaders.For(envelope) }.SetBericht(bericht);

        var today = _calendar.LocalDate(_options.TimeProvider.GetUtcNow());
        var violations = ContentRules.Check(content, recipient.Attributes, today);
        if (violations.Count > 0)
        {
            throw new SknContentRuleException(bericht.Descriptor.Name, violations);
        }

        if (recipient.EncryptionCertificates.Count == 0)
        {
            throw new SknException($"Participant {recipientOin} has no valid encryption certificate in the directory; nothing can be sealed for it.");
        }

        envelope.SealedContent = UnsafeByteOperations.UnsafeWrap(
            ContentSeal.Seal(content, _options.Certificate!, recipient.EncryptionCertificates, _options.TimeProvider.GetUtcNow()));

        var response = await _invoker.CallAsync(
            "Send",
            CallKind.Idempotent,
            call => _connection.Exchange.SendAsync(new SendRequest { Envelope = envelope }, call),
            cancellationToken);
        var stored = response.Envelope;
        stored.SealedContent = ByteString.Empty;
        return new SentMessage(stored, wasAlreadySent: stored.MessageId != envelope.MessageId);
    }

    /// <summary>
    /// Answers <paramref name="request"/>: sends <paramref name="answer"/> to its sender, in its dossier,
    /// naming it as the answered message.
    /// </summary>
    /// <param name="request">The received request (for example a Saldoverzoek).</param>
    /// <param name="answer">The answer (for example a <see cref="SaldoverzoekAntwoord"/>).</param>
    /// <param name="requestId">The idempotency id; default one derived from the request and the answer type, so answering the same request twice with the same type sends once.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    public Task<SentMessage> ReplyAsync(ReceivedMessage request, IMessage answer, string? requestId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(answer);
        return SendAsync(
            request.SenderOin,
            answer,
            new SendOptions
            {
                ConversationId = request.ConversationId,
                InReplyTo = request.MessageId,
                RequestId = requestId ?? AnswerRequestId(request.MessageId, answer.GetBerichtType()),
            },
            cancellationToken);
    }

    /// <summary>
    /// The idempotency id the SDK uses for an answer of <paramref name="answerType"/> to the message
    /// <paramref name="requestMessageId"/>: the same inputs always give the same id (at most 64 characters).
    /// </summary>
    public static string AnswerRequestId(string requestMessageId, BerichtType answerType) =>
        $"re-{requestMessageId}-{(int)answerType}";

    private static string ConversationFor(Contracts.Rules.BerichtProtocolRule rule, SendOptions options)
    {
        if (!string.IsNullOrEmpty(options.ConversationId))
        {
            return options.ConversationId;
        }

        if (rule.IsAnswer)
        {
            if (string.IsNullOrEmpty(options.InReplyTo))
            {
                throw new ArgumentException($"{rule.Message.Name} is an answer: set SendOptions.InReplyTo (or use ReplyAsync).", nameof(options));
            }

            return ""; // The node takes the dossier of the answered message.
        }

        if (rule.StartsConversation)
        {
            return Guid.NewGuid().ToString("D");
        }

        throw new ArgumentException($"{rule.Message.Name} is a notice within a dossier: set SendOptions.ConversationId.", nameof(options));
    }
}
