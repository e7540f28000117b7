using Google.Protobuf.Reflection;
using Skn.V1;

namespace Skn.Contracts.Rules;

/// <summary>
/// The protocol rules of one bericht type, as declared by the <c>(skn.v1.bericht)</c> option on its
/// message in <c>skn/v1/berichten.proto</c>.
/// </summary>
/// <param name="Type">The envelope type that carries the bericht.</param>
/// <param name="SenderRole">The only role that may send it.</param>
/// <param name="Answers">The types it answers; empty when it answers nothing.</param>
/// <param name="StartsConversation">Whether it may open a new dossier.</param>
/// <param name="ReplyDueWorkingDays">Working days the recipient has to answer; 0 when no answer is expected.</param>
/// <param name="Message">The descriptor of the bericht's message.</param>
/// <param name="ContentField">The field of the <see cref="Content"/> oneof that carries it.</param>
public sealed record BerichtProtocolRule(
    BerichtType Type,
    Role SenderRole,
    IReadOnlySet<BerichtType> Answers,
    bool StartsConversation,
    int ReplyDueWorkingDays,
    MessageDescriptor Message,
    FieldDescriptor ContentField)
{
    /// <summary>The role a bericht of this type is addressed to: always the other role.</summary>
    public Role RecipientRole => SenderRole == Role.Shv ? Role.Se : Role.Shv;

    /// <summary>Whether this bericht answers a request and so must name it in <c>in_reply_to</c>.</summary>
    public bool IsAnswer => Answers.Count > 0;

    /// <summary>Whether the recipient is expected to answer within a term.</summary>
    public bool ExpectsReply => ReplyDueWorkingDays > 0;
}
