using Skn.V1;

namespace Skn.Sdk;

/// <summary>A request we received and have not answered yet, with its reply-due date.</summary>
/// <param name="MessageId">The request's message id (answer with it as in_reply_to).</param>
/// <param name="Type">Saldoverzoek, Betaalvoorstel or Heroverweging.</param>
/// <param name="SenderOin">Who asked.</param>
/// <param name="ConversationId">The client dossier.</param>
/// <param name="SendTime">When it was sent.</param>
/// <param name="ReplyDueDate">The last day to answer (10 Dutch working days after sending).</param>
/// <param name="WorkingDaysLeft">Working days from today until the due date: 0 on the due date itself, negative when overdue.</param>
/// <param name="State">What became of the envelope itself: pending, delivered, acknowledged or expired.</param>
public sealed record OpenRequest(
    string MessageId,
    BerichtType Type,
    string SenderOin,
    string ConversationId,
    DateTimeOffset SendTime,
    DateOnly ReplyDueDate,
    int WorkingDaysLeft,
    EnvelopeState State)
{
    /// <summary>True when the due date has passed.</summary>
    public bool IsOverdue => WorkingDaysLeft < 0;
}
