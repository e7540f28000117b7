using Grpc.Core;
using Microsoft.Extensions.Options;
using Skn.Contracts.Rules;
using Skn.Domain.Calendar;
using Skn.Domain.Storage;
using Skn.Node.Delivery;
using Skn.Node.Hosting;
using Skn.Node.Logging;
using Skn.Node.Registry;
using Skn.Node.Telemetry;
using Skn.Node.Transport;
using Skn.Node.Transport.Errors;
using Skn.V1;

namespace Skn.Node.Exchange;

/// <summary>
/// Accepts one sent envelope: checks its shape, the protocol rules (read from the contract's
/// descriptors), the recipient and the answered envelope, all on metadata; then stores it durably
/// and wakes the recipient's streams. Nothing is stored unless every check passed.
/// </summary>
internal sealed class SendHandler(
    IMessageStore store,
    ParticipantRegistry registry,
    MailboxHub hub,
    WorkingDayCalendar calendar,
    TimeProvider time,
    IOptions<NodeOptions> options,
    NodeMetrics metrics,
    ILogger<SendHandler> logger)
{
    private readonly BerichtRules _rules = BerichtRules.Contract;

    public async Task<Envelope> SendAsync(RegisteredParticipant sender, Envelope? envelope, CancellationToken cancellationToken)
    {
        using var activity = NodeTracing.StartSend(envelope, sender.Role);
        try
        {
            var accepted = await SendCheckedAsync(sender, envelope, cancellationToken);
            NodeTracing.Accepted(activity);
            return accepted;
        }
        catch (RpcException ex)
        {
            NodeLog.SendRefused(logger, sender.Oin, ex.Status.Detail);
            Refused(activity, envelope, RpcErrors.ToFailure(ex).Reason);
            throw;
        }
        catch (StoreFullException)
        {
            // Logged and answered with ResourceExhausted by the exception interceptor (or BatchSend).
            Refused(activity, envelope, ErrorReason.StorageFull);
            throw;
        }
    }

    private void Refused(System.Diagnostics.Activity? activity, Envelope? envelope, ErrorReason reason)
    {
        var type = envelope?.Type ?? BerichtType.Unspecified;
        metrics.Refused(type, reason);
        NodeTracing.Refused(activity, reason);
    }

    private async Task<Envelope> SendCheckedAsync(RegisteredParticipant sender, Envelope? envelope, CancellationToken cancellationToken)
    {
        var problems = EnvelopeFieldChecks.Check(envelope, sender.Oin, options.Value.MaxSealedContentBytes);
        if (problems.Count > 0)
        {
            var tooLarge = problems.Any(p => p.Field == "envelope.sealed_content" && p.Description.Contains("at most", StringComparison.Ordinal));
            RpcErrors.ThrowInvalid(problems, tooLarge ? ErrorReason.ContentTooLarge : ErrorReason.InvalidField);
        }

        var requestId = envelope!.RequestId.Length > 0 ? envelope.RequestId : envelope.MessageId;
        try
        {
            return await StoreCheckedAsync(sender, envelope, requestId, cancellationToken);
        }
        catch (RpcException)
        {
            // A retry of a send that already succeeded gets the first result, even if the world
            // changed since (the answered request acknowledged, the recipient suspended). Looked up
            // only when a check refuses: on the normal path the store's own duplicate check, in the
            // same transaction as the insert, answers a retry without an extra read per send.
            var earlier = await store.FindByRequestIdAsync(sender.Oin, requestId, cancellationToken);
            if (earlier is null)
            {
                throw;
            }

            return earlier.ToEnvelope();
        }
    }

    private async Task<Envelope> StoreCheckedAsync(RegisteredParticipant sender, Envelope envelope, string requestId, CancellationToken cancellationToken)
    {
        var rule = _rules.For(envelope.Type);
        if (rule.SenderRole != sender.Role)
        {
            RpcErrors.Throw(StatusCode.PermissionDenied, ErrorReason.RoleNotAllowed,
                $"A {Display(sender.Role)} may not send {rule.Message.Name}; only a {Display(rule.SenderRole)} may.",
                ("envelope.type", $"{rule.Message.Name} is sent by {Display(rule.SenderRole)} only."));
        }

        var recipient = registry.Find(envelope.RecipientOin);
        if (recipient is null)
        {
            RpcErrors.Throw(StatusCode.NotFound, ErrorReason.RecipientUnknown,
                $"No participant has OIN {envelope.RecipientOin}.",
                ("envelope.recipient_oin", "is not a registered participant."));
        }

        if (!recipient.IsActive)
        {
            RpcErrors.Throw(StatusCode.FailedPrecondition, ErrorReason.RecipientInactive,
                $"Participant {recipient.Oin} is suspended and cannot receive berichten.",
                ("envelope.recipient_oin", "is suspended."));
        }

        if (recipient.Role != rule.RecipientRole)
        {
            RpcErrors.Throw(StatusCode.FailedPrecondition, ErrorReason.RecipientRoleMismatch,
                $"{rule.Message.Name} goes to a {Display(rule.RecipientRole)}; {recipient.Oin} is a {Display(recipient.Role)}.",
                ("envelope.recipient_oin", $"must be a {Display(rule.RecipientRole)}."));
        }

        var conversationId = await CheckReplyAsync(rule, sender, envelope, cancellationToken);

        var now = time.GetUtcNow();
        var result = await store.SendAsync(
            new NewEnvelope
            {
                MessageId = envelope.MessageId,
                Type = envelope.Type,
                SenderOin = sender.Oin,
                RecipientOin = recipient.Oin,
                ConversationId = conversationId,
                InReplyTo = envelope.InReplyTo,
                DefinitionVersion = envelope.DefinitionVersion,
                RequestId = requestId,
                SendTime = now,
                ExpireTime = calendar.EndOfWorkingDays(now, options.Value.ExpiryWorkingDays),
                ReplyDueDate = rule.ExpectsReply ? calendar.ReplyDueDate(now, rule.ReplyDueWorkingDays) : null,
                SealedContent = envelope.SealedContent.Memory,
            },
            cancellationToken);

        switch (result.Outcome)
        {
            case SendOutcome.Stored:
                NodeLog.Stored(logger, envelope.MessageId, envelope.Type, sender.Oin, recipient.Oin);
                metrics.Sent(envelope.Type);
                hub.Notify(recipient.Oin);
                return result.Envelope!.ToEnvelope();
            case SendOutcome.Duplicate:
                return result.Envelope!.ToEnvelope();
            case SendOutcome.SenderPendingLimitReached:
                var waiting = store.PendingCounts.ForSender(sender.Oin);
                var limits = options.Value.Limits;
                throw RpcErrors.Create(StatusCode.ResourceExhausted, ErrorReason.LimitReached,
                    $"Participant {sender.Oin} has {waiting.Count} berichten ({waiting.Bytes} bytes) waiting for their recipients, " +
                    $"at its limit (Skn:Limits:MaxPendingEnvelopes {limits.MaxPendingEnvelopes}, MaxPendingBytes {limits.MaxPendingBytes}); " +
                    "nothing was stored. Send again once recipients have acknowledged some.");
            default:
                throw RpcErrors.Create(StatusCode.AlreadyExists, ErrorReason.MessageIdInUse,
                    $"Message id {envelope.MessageId} is already used by another bericht; every bericht needs a new UUID.",
                    [("envelope.message_id", "is already in use.")]);
        }
    }

    private async Task<string> CheckReplyAsync(BerichtProtocolRule rule, RegisteredParticipant sender, Envelope envelope, CancellationToken cancellationToken)
    {
        if (!rule.IsAnswer)
        {
            if (envelope.InReplyTo.Length > 0)
            {
                RpcErrors.Throw(StatusCode.InvalidArgument, ErrorReason.ReplyNotExpected,
                    $"{rule.Message.Name} answers nothing, so in_reply_to must be empty.",
                    ("envelope.in_reply_to", $"must be empty for {rule.Message.Name}."));
            }

            if (envelope.ConversationId.Length == 0)
            {
                RpcErrors.Throw(StatusCode.InvalidArgument, ErrorReason.InvalidField,
                    "envelope.conversation_id: is required: the UUID of the client dossier.",
                    ("envelope.conversation_id", "is required: the UUID of the client dossier."));
            }

            return envelope.ConversationId;
        }

        if (envelope.InReplyTo.Length == 0)
        {
            RpcErrors.Throw(StatusCode.InvalidArgument, ErrorReason.ReplyTargetMissing,
                $"{rule.Message.Name} answers {string.Join(" or ", rule.Answers.Select(a => _rules.For(a).Message.Name))}; name it in in_reply_to.",
                ("envelope.in_reply_to", "is required for an answer."));
        }

        // The answered envelope must be one the recipient sent to this sender; anything else is
        // reported as not found, so nobody learns of envelopes between other parties.
        var target = await store.FindAsync(envelope.InReplyTo, cancellationToken);
        if (target is null || target.SenderOin != envelope.RecipientOin || target.RecipientOin != sender.Oin)
        {
            RpcErrors.Throw(StatusCode.NotFound, ErrorReason.ReplyTargetNotFound,
                $"No envelope {envelope.InReplyTo} was sent by {envelope.RecipientOin} to {sender.Oin}.",
                ("envelope.in_reply_to", "names no envelope that the recipient sent to you."));
        }

        if (!rule.Answers.Contains(target.Type))
        {
            RpcErrors.Throw(StatusCode.FailedPrecondition, ErrorReason.ReplyTypeNotAllowed,
                $"{rule.Message.Name} cannot answer a {_rules.For(target.Type).Message.Name}.",
                ("envelope.in_reply_to", $"names a {_rules.For(target.Type).Message.Name}, which {rule.Message.Name} does not answer."));
        }

        if (envelope.ConversationId.Length > 0 && envelope.ConversationId != target.ConversationId)
        {
            RpcErrors.Throw(StatusCode.InvalidArgument, ErrorReason.ConversationMismatch,
                "An answer belongs to the dossier of the envelope it answers.",
                ("envelope.conversation_id", $"must be empty or {target.ConversationId}, the answered envelope's dossier."));
        }

        return target.ConversationId;
    }

    private static string Display(Role role) => role switch
    {
        Role.Shv => "SHV",
        Role.Se => "SE",
        _ => role.ToString(),
    };
}
