using Skn.V1;

namespace Skn.Sdk.Rules;

/// <summary>
/// The required fields of DOMAIN-REFERENCE §2, limited on purpose to what every real sender has at
/// hand: who the client is and where he lives, the SHV's dossier key, the reference date of a balance,
/// the claims a balance is asked for, and a reason wherever the answer is a choice. Fields the
/// source marks required but that a real system may not know yet (the creditor's client number, an
/// invoice number) are not demanded, so a realistic bericht is never refused for them.
/// </summary>
internal static class RequiredFieldRules
{
    public static void Check(RuleContext context)
    {
        var content = context.Content;
        var path = context.Path;
        var violations = context.Violations;
        switch (content.BerichtCase)
        {
            case Content.BerichtOneofCase.Kennisgeving:
                RequireKlantnummerShv(violations, path, content.Kennisgeving.KlantnummerShv);
                RequireKlant(violations, path, content.Kennisgeving.Klant);
                RequireAdres(violations, path, content.Kennisgeving.Adres);
                break;
            case Content.BerichtOneofCase.KennisgevingAntwoord:
                if (content.KennisgevingAntwoord.Antwoord == KennisgevingReactie.Unspecified)
                {
                    violations.Add(path, "antwoord", "must be specified: say whether collection is suspended (ONTVANGEN_INCASSO_OPGESCHORT), not (ONTVANGEN_GEEN_CONVENANT), or no claim is known (GEEN_VORDERING_BEKEND).");
                }

                break;
            case Content.BerichtOneofCase.GeenMedewerking:
                RequireReden(violations, path, content.GeenMedewerking.Reden == GeenMedewerkingReden.Unspecified, content.GeenMedewerking.Reden == GeenMedewerkingReden.Overig, content.GeenMedewerking.Toelichting);
                break;
            case Content.BerichtOneofCase.Saldoverzoek:
                RequireKlantnummerShv(violations, path, content.Saldoverzoek.KlantnummerShv);
                RequireKlant(violations, path, content.Saldoverzoek.Klant);
                RequireAdres(violations, path, content.Saldoverzoek.Adres);
                if (content.Saldoverzoek.Vorderingen.Count == 0)
                {
                    violations.Add(path, "vorderingen", "must contain at least one claim: name the claims the balance is asked for.");
                }

                RequirePeildatum(violations, path, content.Saldoverzoek.Peildatum);
                break;
            case Content.BerichtOneofCase.SaldoverzoekAntwoordVoorafAkkoord:
                // The contract marks both required and promises to refuse an unstated grondslag.
                if (content.SaldoverzoekAntwoordVoorafAkkoord.Saldo is null)
                {
                    violations.Add(path, "saldo", "is required: give the balance, exactly as in a saldoverzoek_antwoord.");
                }

                if (content.SaldoverzoekAntwoordVoorafAkkoord.Grondslag == VoorafAkkoordGrondslag.Unspecified)
                {
                    violations.Add(path, "grondslag", "must be specified: say whether the consent rests on COLLECTIEF_SCHULDREGELEN or NVVK_CONVENANT_BIJ_VOORBAAT.");
                }

                break;
            case Content.BerichtOneofCase.Betaalvoorstel:
                RequireKlantnummerShv(violations, path, content.Betaalvoorstel.KlantnummerShv);
                RequireKlant(violations, path, content.Betaalvoorstel.Klant);
                break;
            case Content.BerichtOneofCase.BetaalvoorstelAntwoordNietAkkoord:
                var nietAkkoord = content.BetaalvoorstelAntwoordNietAkkoord;
                RequireReden(violations, path, nietAkkoord.Reden == NietAkkoordReden.Unspecified, nietAkkoord.Reden == NietAkkoordReden.Overig, nietAkkoord.Toelichting);
                break;
            case Content.BerichtOneofCase.RegelingGeaccordeerd:
                RequireKlantnummerShv(violations, path, content.RegelingGeaccordeerd.KlantnummerShv);
                break;
            case Content.BerichtOneofCase.Beeindiging:
                RequireKlantnummerShv(violations, path, content.Beeindiging.KlantnummerShv);
                RequireReden(violations, path, content.Beeindiging.Reden == BeeindigingReden.Unspecified, content.Beeindiging.Reden == BeeindigingReden.Overig, content.Beeindiging.Toelichting);
                if (content.Beeindiging.DatumBeeindiging is null)
                {
                    violations.Add(path, "datum_beeindiging", "is required: give the date the settlement or dossier ended.");
                }

                break;
        }

        // A balance is always "on" a date, also when it sits inside a vooraf-akkoord answer.
        foreach (var (antwoordPath, antwoord) in context.All<SaldoverzoekAntwoord>())
        {
            RequirePeildatum(violations, antwoordPath, antwoord.Peildatum);
        }

        // The contact person is not demanded, but one that is given must be reachable.
        foreach (var (contactPath, contactpersoon) in context.All<Contactpersoon>())
        {
            RequireReachable(violations, contactPath, contactpersoon);
        }
    }

    // klantnummer_shv is the SHV's key of the dossier (DOMAIN-REFERENCE §3.2): an SHV always has it,
    // and every SHV bericht that has the field needs it to be filed at the creditor.
    private static void RequireKlantnummerShv(ViolationCollector violations, string path, string klantnummerShv)
    {
        if (string.IsNullOrWhiteSpace(klantnummerShv))
        {
            violations.Add(path, "klantnummer_shv", "is required: give the SHV's own client number, the key of this dossier.");
        }
    }

    private static void RequireKlant(ViolationCollector violations, string path, Persoon? klant)
    {
        if (klant is null)
        {
            violations.Add(path, "klant", "is required: the creditor identifies the client by name and date of birth.");
            return;
        }

        var klantPath = FieldPath.Child(path, "klant");
        if (string.IsNullOrWhiteSpace(klant.Achternaam))
        {
            violations.Add(klantPath, "achternaam", "is required: give the client's surname (without prefix such as \"van\").");
        }

        if (klant.Geboortedatum is null)
        {
            violations.Add(klantPath, "geboortedatum", "is required: give the client's date of birth, so the creditor can tell namesakes apart.");
        }
    }

    private static void RequireAdres(ViolationCollector violations, string path, Adres? adres)
    {
        if (adres is null)
        {
            violations.Add(path, "adres", "is required: give the client's current address.");
        }
        else if (adres.AdresCase == Adres.AdresOneofCase.None)
        {
            violations.Add(path, "adres", "must hold a nederlands_adres or a buitenlands_adres; it is empty.");
        }
    }

    private static void RequirePeildatum(ViolationCollector violations, string path, Date? peildatum)
    {
        if (peildatum is null)
        {
            violations.Add(path, "peildatum", "is required: give the date the balance applies to.");
        }
    }

    // The contract says "required when reden is OVERIG" for every reason with an OVERIG value: the
    // recipient cannot act on "another reason" without being told which.
    private static void RequireReden(ViolationCollector violations, string path, bool unspecified, bool overig, string toelichting)
    {
        if (unspecified)
        {
            violations.Add(path, "reden", "must be specified: choose the reason that applies, or OVERIG with a toelichting.");
        }
        else if (overig && string.IsNullOrWhiteSpace(toelichting))
        {
            violations.Add(path, "toelichting", "is required when reden is OVERIG: explain the reason in words.");
        }
    }

    private static void RequireReachable(ViolationCollector violations, string path, Contactpersoon contactpersoon)
    {
        if (string.IsNullOrWhiteSpace(contactpersoon.Naam))
        {
            violations.Add(path, "naam", "is required when a contact person is given: give the person's full name.");
        }

        if (string.IsNullOrWhiteSpace(contactpersoon.Telefoonnummer) && string.IsNullOrWhiteSpace(contactpersoon.Email))
        {
            violations.Add(path, "is not reachable: give a telefoonnummer or an email (or both).");
        }
    }
}
