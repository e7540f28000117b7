using Skn.Domain.Identifiers;
using Skn.V1;

namespace Skn.Node.Exchange;

/// <summary>
/// Shape checks on a sent envelope, before anything else: every problem is collected with its field
/// path, so the sender learns all of them from one refusal.
/// </summary>
internal static class EnvelopeFieldChecks
{
    public const int MaxRequestIdLength = 64;
    private const string Prefix = "envelope.";

    public static List<(string Field, string Description)> Check(Envelope? envelope, string callerOin, int maxContentBytes)
    {
        var problems = new List<(string, string)>();
        if (envelope is null)
        {
            problems.Add(("envelope", "is required."));
            return problems;
        }

        void Fail(string field, string description) => problems.Add((Prefix + field, description));

        if (!IsUuid(envelope.MessageId))
        {
            Fail("message_id", "must be a lowercase UUID such as 3f2b8c1e-0d4a-4b6e-9a51-7c2d9e0f1a23.");
        }

        if (envelope.Type == BerichtType.Unspecified || !System.Enum.IsDefined(envelope.Type))
        {
            Fail("type", "must name a bericht type.");
        }

        if (!Oin.IsValid(envelope.RecipientOin))
        {
            Fail("recipient_oin", "must be an OIN of 20 digits.");
        }
        else if (envelope.RecipientOin == callerOin)
        {
            Fail("recipient_oin", "cannot be the sender itself.");
        }

        if (envelope.SenderOin.Length > 0 && envelope.SenderOin != callerOin)
        {
            Fail("sender_oin", "must be empty or the OIN of the caller's certificate.");
        }

        if (envelope.ConversationId.Length > 0 && !IsUuid(envelope.ConversationId))
        {
            Fail("conversation_id", "must be a lowercase UUID.");
        }

        if (envelope.InReplyTo.Length > 0 && !IsUuid(envelope.InReplyTo))
        {
            Fail("in_reply_to", "must be the lowercase UUID of the answered envelope.");
        }

        if (envelope.DefinitionVersion.Length > 0 && !IsVersion(envelope.DefinitionVersion))
        {
            Fail("definition_version", "must be \"major.minor\", for example \"1.0\".");
        }

        if (envelope.RequestId.Length > MaxRequestIdLength || envelope.RequestId.Any(c => c is < '!' or > '~'))
        {
            Fail("request_id", $"must be at most {MaxRequestIdLength} printable ASCII characters without spaces.");
        }

        if (envelope.SealedContent.IsEmpty)
        {
            Fail("sealed_content", "is required: the sealed Content document.");
        }
        else if (envelope.SealedContent.Length > maxContentBytes)
        {
            Fail("sealed_content", $"is {envelope.SealedContent.Length} bytes; the node accepts at most {maxContentBytes}.");
        }

        return problems;
    }

    public static bool IsUuid(string value) =>
        value.Length == 36 && Guid.TryParseExact(value, "D", out _) && !value.Any(char.IsUpper);

    private static bool IsVersion(string value)
    {
        var parts = value.Split('.');
        return parts.Length == 2 && parts.All(p => p.Length is > 0 and <= 4 && p.All(char.IsAsciiDigit));
    }
}
