using Skn.V1;

namespace Skn.Sdk.Rules;

/// <summary>
/// The terms of a payment proposal (DOMAIN-REFERENCE §2.3 rules 4 and 5): they must fit the kind of
/// settlement and each other, or the creditor cannot judge the offer.
/// </summary>
internal static class ProposalRules
{
    private const int MinLooptijd = 1;
    private const int MaxLooptijd = 60;

    public static void Check(RuleContext context)
    {
        if (context.Content.Betaalvoorstel is { } voorstel)
        {
            CheckTerms(context, context.Path, voorstel, complete: true);
        }

        if (context.Content.Heroverweging?.GewijzigdVoorstel is { } gewijzigd)
        {
            CheckTerms(context, FieldPath.Child(context.Path, "gewijzigd_voorstel"), gewijzigd, complete: false);
        }
    }

    /// <summary>
    /// Checks the proposal terms at <paramref name="path"/>. A Betaalvoorstel is
    /// <paramref name="complete"/>: every term is there. A Heroverweging's gewijzigd_voorstel may
    /// carry only the terms the SHV changes, so a term left at its default there is not refused;
    /// the terms it does give must still fit together.
    /// </summary>
    private static void CheckTerms(RuleContext context, string path, Betaalvoorstel voorstel, bool complete)
    {
        var violations = context.Violations;
        if (complete && voorstel.TypeSchuldregeling == TypeSchuldregeling.Unspecified)
        {
            violations.Add(path, "type_schuldregeling", "must be specified: say whether this is SCHULDBEMIDDELING, SANERINGSKREDIET or ZONDER_AFLOSCAPACITEIT.");
        }

        if (voorstel.TypeSchuldregeling == TypeSchuldregeling.Saneringskrediet && voorstel.Kredietverstrekker is null)
        {
            violations.Add(path, "kredietverstrekker", "is required for a SANERINGSKREDIET: name the lender that pays the creditors.");
        }

        if (voorstel.TypeSchuldregeling == TypeSchuldregeling.ZonderAfloscapaciteit && voorstel.AfloscapaciteitPerMaandCent != 0)
        {
            violations.Add(path, "afloscapaciteit_per_maand_cent", "must be 0 for a settlement ZONDER_AFLOSCAPACITEIT; with repayment capacity, choose SCHULDBEMIDDELING.");
        }

        if ((complete || voorstel.LooptijdMaanden != 0) && voorstel.LooptijdMaanden is < MinLooptijd or > MaxLooptijd)
        {
            violations.Add(path, "looptijd_maanden", $"must be from {MinLooptijd} to {MaxLooptijd} months (18 under the NVVK rules since July 2023), got {voorstel.LooptijdMaanden}.");
        }

        if ((complete || voorstel.AantalSchuldeisers != 0) && voorstel.AantalSchuldeisers < 1)
        {
            violations.Add(path, "aantal_schuldeisers", "must be at least 1: count every creditor in the settlement, this one included.");
        }

        // This creditor's claims are part of the client's total debt, so they cannot exceed it.
        var claimed = voorstel.Vorderingen.Aggregate(Int128.Zero, (total, v) => total + v.ActueelVorderingsbedragCent);
        if ((complete || voorstel.TotaleSchuldenlastCent != 0) && claimed > voorstel.TotaleSchuldenlastCent)
        {
            violations.Add(path, "totale_schuldenlast_cent", $"must be at least the sum of vorderingen[].actueel_vorderingsbedrag_cent ({claimed}): the client's total debt includes this creditor's claims.");
        }
    }
}
