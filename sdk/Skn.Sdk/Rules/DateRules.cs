using System.Globalization;
using Skn.V1;

namespace Skn.Sdk.Rules;

/// <summary>
/// The date rules (DOMAIN-REFERENCE §2.3 rule 5). Every date must exist on the calendar; a date that
/// records something that already happened cannot lie after today; planned dates (start of a term,
/// expected end, expected payout, a peildatum, suspension of collection) may.
/// </summary>
internal static class DateRules
{
    // Wide enough for every birth date and every settlement term, narrow enough to catch a year typed
    // as 26 or 20266 and a Date left at its zero value.
    private const int MinYear = 1900;
    private const int MaxYear = 2200;

    // The fields that record facts, by their contract name wherever they appear. Every other date is
    // a plan or a reference date and may lie in the future.
    private static readonly HashSet<string> PastDates = new(StringComparer.Ordinal)
    {
        "geboortedatum",
        "ontstaansdatum",
        "opnamedatum",
        "datum_aanvraag_schuldhulp",
        "datum_akkoord",
        "uitspraakdatum_rechtbank",
    };

    public static void Check(RuleContext context)
    {
        foreach (var node in context.Nodes)
        {
            if (node.Message is not Date date)
            {
                continue;
            }

            // Personal dates (a birth date) are not echoed: violations end up in logs.
            if (ToRealDate(date) is not { } value)
            {
                context.Violations.Add(node.Path, $"is not a real calendar date: give year ({MinYear} to {MaxYear}), month (1 to 12) and a day that exists in that month.");
            }
            else if (PastDates.Contains(node.FieldName) && value > context.Today)
            {
                context.Violations.Add(node.Path, $"must not be after today ({Iso(context.Today)}): it is the date of something that already happened.");
            }
        }

        if (context.Content.RegelingGeaccordeerd is { } regeling
            && ToRealDate(regeling.Startdatum) is { } start
            && ToRealDate(regeling.VerwachteEinddatum) is { } einde
            && einde < start)
        {
            context.Violations.Add(context.Path, "verwachte_einddatum", $"must not be before startdatum ({Iso(start)}): a settlement ends after it starts.");
        }
    }

    private static DateOnly? ToRealDate(Date? date) =>
        date.ToDateOnly() is { Year: >= MinYear and <= MaxYear } value ? value : null;

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
