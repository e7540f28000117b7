using Skn.V1;

namespace Skn.Sdk.Rules;

/// <summary>
/// The sums that must add up (DOMAIN-REFERENCE §2.3 rule 4), wherever the building block appears.
/// A balance whose parts do not add up, or an offer whose percentage does not follow from its
/// amounts, is a bug in the sender's system that the recipient cannot resolve on its own.
/// </summary>
internal static class ConsistencyRules
{
    private const int BasisPointsPerWhole = 10_000;

    public static void Check(RuleContext context)
    {
        foreach (var (path, vordering) in context.All<Vordering>())
        {
            CheckBalance(context, path, vordering);
        }

        foreach (var (path, antwoord) in context.All<SaldoverzoekAntwoord>())
        {
            CheckTotal(context, path, antwoord);
        }

        foreach (var (path, vordering) in context.All<VoorstelVordering>())
        {
            CheckOffer(context, path, vordering);
        }
    }

    private static void CheckBalance(RuleContext context, string path, Vordering vordering)
    {
        // A creditor that reports only a balance, without the split into principal, interest and
        // costs, is not refused: the split is checked only when the creditor gives one.
        if (vordering is { HoofdsomCent: 0, RenteCent: 0, KostenCent: 0, GerechtelijkeKostenCent: 0 })
        {
            return;
        }

        // Int128 so that absurd amounts are reported as a wrong sum instead of overflowing.
        var parts = (Int128)vordering.HoofdsomCent + vordering.RenteCent + vordering.KostenCent + vordering.GerechtelijkeKostenCent;
        if (parts != vordering.OpenstaandSaldoCent)
        {
            context.Violations.Add(path, "openstaand_saldo_cent", $"must equal hoofdsom_cent + rente_cent + kosten_cent + gerechtelijke_kosten_cent ({parts}), or leave all four parts 0 to report only the balance.");
        }
    }

    /// <summary>
    /// The total of a balance answer. The contract defines totaal_openstaand_cent as the sum of the
    /// matched claims plus totaalvordering_cent (the single total for claims the creditor could not
    /// match), and DOMAIN-REFERENCE §2.2 makes claims and that total "one of": at least one of the two
    /// carries the balance. The judgement call: an answer with neither is still accepted when its
    /// total is 0, because "nothing is outstanding for this client" is a real answer; any other total
    /// must be backed by claims or by totaalvordering_cent, and then the missing field is reported
    /// rather than a sum that cannot add up.
    /// </summary>
    private static void CheckTotal(RuleContext context, string path, SaldoverzoekAntwoord antwoord)
    {
        if (antwoord.Vorderingen.Count == 0 && !antwoord.HasTotaalvorderingCent)
        {
            if (antwoord.TotaalOpenstaandCent != 0)
            {
                context.Violations.Add(path, "totaalvordering_cent", "is required when vorderingen is empty and totaal_openstaand_cent is not 0: list the claims in vorderingen or give their total here.");
            }

            return;
        }

        var sum = antwoord.Vorderingen.Aggregate(Int128.Zero, (total, v) => total + v.OpenstaandSaldoCent)
            + (antwoord.HasTotaalvorderingCent ? antwoord.TotaalvorderingCent : 0);
        if (sum != antwoord.TotaalOpenstaandCent)
        {
            context.Violations.Add(path, "totaal_openstaand_cent", $"must equal the sum of vorderingen[].openstaand_saldo_cent plus totaalvordering_cent ({sum}).");
        }
    }

    private static void CheckOffer(RuleContext context, string path, VoorstelVordering vordering)
    {
        if (vordering.PrognoseEindbedragCent > vordering.ActueelVorderingsbedragCent)
        {
            context.Violations.Add(path, "prognose_eindbedrag_cent", $"must not exceed actueel_vorderingsbedrag_cent ({vordering.ActueelVorderingsbedragCent}): a creditor is never offered more than it claims.");
        }

        if (vordering.ActueelVorderingsbedragCent <= 0)
        {
            return;
        }

        // The amount is authoritative and the percentage derived from it (§2 conventions); rounding
        // either way is allowed, so |bp − prognose × 10000 / actueel| ≤ 1, compared without division.
        var actueel = (Int128)vordering.ActueelVorderingsbedragCent;
        var difference = Int128.Abs(vordering.AfkooppercentageBp * actueel - vordering.PrognoseEindbedragCent * (Int128)BasisPointsPerWhole);
        if (difference > actueel)
        {
            var expected = Math.Round((double)vordering.PrognoseEindbedragCent * BasisPointsPerWhole / vordering.ActueelVorderingsbedragCent);
            context.Violations.Add(path, "afkooppercentage_bp", $"must be prognose_eindbedrag_cent / actueel_vorderingsbedrag_cent in basis points, within 1 ({expected}).");
        }
    }
}
