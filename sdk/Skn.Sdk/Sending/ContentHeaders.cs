using Skn.Contracts.Rules;
using Skn.V1;

namespace Skn.Sdk;

/// <summary>The signed header inside the content must repeat the envelope; this compares the two.</summary>
internal static class ContentHeaders
{
    public static ContentHeader For(Envelope envelope) => new()
    {
        MessageId = envelope.MessageId,
        Type = envelope.Type,
        SenderOin = envelope.SenderOin,
        RecipientOin = envelope.RecipientOin,
        ConversationId = envelope.ConversationId,
        InReplyTo = envelope.InReplyTo,
        DefinitionVersion = envelope.DefinitionVersion,
    };

    /// <summary>Every header field that differs from the envelope the content arrived in.</summary>
    public static List<SknFieldViolation> Mismatches(Content content, Envelope envelope)
    {
        var problems = new List<SknFieldViolation>();
        var header = content.Header;
        if (header is null)
        {
            problems.Add(new("header", "is missing from the signed content."));
            return problems;
        }

        void Compare(string field, string signed, string actual)
        {
            if (!string.Equals(signed, actual, StringComparison.Ordinal))
            {
                problems.Add(new("header." + field, $"is signed as \"{signed}\" but the envelope says \"{actual}\"."));
            }
        }

        Compare("message_id", header.MessageId, envelope.MessageId);
        Compare("sender_oin", header.SenderOin, envelope.SenderOin);
        Compare("recipient_oin", header.RecipientOin, envelope.RecipientOin);
        Compare("in_reply_to", header.InReplyTo, envelope.InReplyTo);
        if (header.Type != envelope.Type)
        {
            problems.Add(new("header.type", $"is signed as {header.Type} but the envelope says {envelope.Type}."));
        }

        // An answer may leave the dossier to the node, which takes it from the answered envelope.
        if (!(header.ConversationId.Length == 0 && envelope.InReplyTo.Length > 0))
        {
            Compare("conversation_id", header.ConversationId, envelope.ConversationId);
        }

        var bericht = content.GetBericht();
        if (bericht is null)
        {
            problems.Add(new("bericht", "is missing from the signed content."));
        }
        else if (bericht.GetBerichtType() != header.Type)
        {
            problems.Add(new("bericht", $"is a {bericht.Descriptor.Name} but the header says {header.Type}."));
        }

        return problems;
    }
}
