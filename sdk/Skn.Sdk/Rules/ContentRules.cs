using Google.Protobuf;
using Skn.V1;

namespace Skn.Sdk.Rules;

/// <summary>
/// The content rules of DOMAIN-REFERENCE §2.3: the checks on a bericht that only its sender and its
/// recipient can run, because the node sees sealed bytes. The sending SDK runs them before sealing
/// and the receiving SDK again after opening, so a bericht that breaks them is refused at both ends.
/// </summary>
/// <remarks>
/// What is checked, by family:
/// <list type="bullet">
/// <item><description>Identity: the BSN is required (and must pass the 11-proof) for a Publiek recipient, and must be left out for any other.</description></item>
/// <item><description>Meter readings: required for a Nuts recipient; every reading well-formed.</description></item>
/// <item><description>Attachments: the VTLB PDF for a VTLB-verplicht recipient; every attachment complete, a real PDF when it says so, and matching its SHA-256.</description></item>
/// <item><description>Amounts: every <c>*_cent</c> at least 0, every <c>*_bp</c> from 0 to 10000.</description></item>
/// <item><description>Consistency: balances add up, offers match their percentages, the proposal terms fit the kind of settlement.</description></item>
/// <item><description>Dates: real calendar dates; what already happened is not in the future.</description></item>
/// <item><description>Required fields that every real sender has: the client, the address, the dossier key, the contact person's details.</description></item>
/// </list>
/// </remarks>
public static class ContentRules
{
    /// <summary>
    /// Checks <paramref name="content"/> for a recipient with <paramref name="recipientAttributes"/>,
    /// judging dates against <paramref name="today"/> (the calendar date where the check runs).
    /// Every violation at once, never just the first. Empty list = valid.
    /// </summary>
    /// <param name="content">The content document; its header is not checked here.</param>
    /// <param name="recipientAttributes">The directory attributes of the recipient (on the receiving side: of ourselves).</param>
    /// <param name="today">Today's date; dates of things that already happened may not lie after it.</param>
    /// <returns>Every violation found, each naming the field by its path, for example <c>saldoverzoek.klant.bsn</c>.</returns>
    public static IReadOnlyList<SknFieldViolation> Check(Content content, IReadOnlySet<ParticipantAttribute> recipientAttributes, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(recipientAttributes);

        if (content.BerichtCase == Content.BerichtOneofCase.None)
        {
            return [new SknFieldViolation("bericht", "is required: the content must carry exactly one bericht, for example a saldoverzoek.")];
        }

        // The oneof field's own descriptor gives the contract's name for the root of every path.
        var field = Content.Descriptor.FindFieldByNumber((int)content.BerichtCase);
        var bericht = (IMessage)field.Accessor.GetValue(content);
        var context = new RuleContext(content, bericht, field.Name, recipientAttributes, today);

        RequiredFieldRules.Check(context);
        IdentityRules.Check(context);
        MeterRules.Check(context);
        AttachmentRules.Check(context);
        AmountRules.Check(context);
        ConsistencyRules.Check(context);
        ProposalRules.Check(context);
        DateRules.Check(context);

        return context.Violations.Violations;
    }
}
