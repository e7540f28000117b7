using Skn.Domain.Identifiers;
using Skn.V1;

namespace Skn.Sdk.Rules;

/// <summary>
/// The BSN rules (DOMAIN-REFERENCE §2.3 rule 1). A Publiek recipient must get the client's BSN when a
/// dossier starts; every other recipient must never get one, because the law only lets public
/// organisations process it. A BSN that is sent must pass the 11-proof, so a typo is caught at the
/// sender instead of matching the wrong citizen at the recipient.
/// </summary>
internal static class IdentityRules
{
    private const string BsnField = "bsn";

    public static void Check(RuleContext context)
    {
        if (context.RecipientIsPubliek)
        {
            foreach (var (path, klant) in ClientsThatNeedBsn(context))
            {
                if (IsAbsent(klant))
                {
                    context.Violations.Add(path, BsnField, "is required for a Publiek recipient: give the client's 9-digit BSN.");
                }
            }
        }

        foreach (var (path, persoon) in context.All<Persoon>())
        {
            if (IsAbsent(persoon))
            {
                continue;
            }

            // The value itself is never echoed: violations end up in exception messages and logs.
            if (!context.RecipientIsPubliek)
            {
                context.Violations.Add(path, BsnField, "must be left out: only Publiek recipients may receive a BSN.");
            }
            else if (!Bsn.IsValid(persoon.Bsn))
            {
                context.Violations.Add(path, BsnField, "is not a valid BSN: it must be exactly 9 digits that pass the 11-proof.");
            }
        }
    }

    /// <summary>
    /// The clients whose BSN a Publiek recipient must get: the klant of the berichten that start or
    /// carry a settlement. A missing klant is reported by the required-field rules, not twice here.
    /// </summary>
    private static IEnumerable<(string Path, Persoon Klant)> ClientsThatNeedBsn(RuleContext context)
    {
        var klant = context.Content.BerichtCase switch
        {
            Content.BerichtOneofCase.Kennisgeving => context.Content.Kennisgeving.Klant,
            Content.BerichtOneofCase.Saldoverzoek => context.Content.Saldoverzoek.Klant,
            Content.BerichtOneofCase.Betaalvoorstel => context.Content.Betaalvoorstel.Klant,
            _ => null,
        };
        if (klant is not null)
        {
            yield return (FieldPath.Child(context.Path, "klant"), klant);
        }

        // A changed proposal may repeat the client; when it does, it is a proposal like any other.
        if (context.Content.Heroverweging?.GewijzigdVoorstel?.Klant is { } gewijzigdeKlant)
        {
            yield return (FieldPath.Child(FieldPath.Child(context.Path, "gewijzigd_voorstel"), "klant"), gewijzigdeKlant);
        }
    }

    // An empty string carries no number: mapping code that fills the field with "" for "no BSN" sends
    // nothing identifying, so it is treated as absent rather than refused.
    private static bool IsAbsent(Persoon persoon) => !persoon.HasBsn || persoon.Bsn.Length == 0;
}
