using Google.Protobuf.Collections;
using Skn.V1;

namespace Skn.Sdk.Rules;

/// <summary>
/// The meter-reading rules (DOMAIN-REFERENCE §2.3 rule 2). A Nuts recipient (energy, water, heat)
/// needs the client's meter readings when a settlement starts, to close the account at the right
/// moment; and a reading that is sent must identify the connection and be usable for a bill.
/// </summary>
internal static class MeterRules
{
    private const int EanLength = 18;

    public static void Check(RuleContext context)
    {
        if (context.RecipientIsNuts)
        {
            var meterstanden = context.Content.BerichtCase switch
            {
                Content.BerichtOneofCase.Saldoverzoek => context.Content.Saldoverzoek.Meterstanden,
                Content.BerichtOneofCase.Betaalvoorstel => context.Content.Betaalvoorstel.Meterstanden,
                _ => null,
            };
            RequireReadings(context, meterstanden);
        }

        foreach (var (path, meterstand) in context.All<Meterstand>())
        {
            CheckReading(context, path, meterstand);
        }
    }

    private static void RequireReadings(RuleContext context, RepeatedField<Meterstand>? meterstanden)
    {
        if (meterstanden is { Count: 0 })
        {
            context.Violations.Add(context.Path, "meterstanden", "must contain at least one meter reading for a Nuts recipient: give the client's current readings with their EAN codes.");
        }
    }

    private static void CheckReading(RuleContext context, string path, Meterstand meterstand)
    {
        if (meterstand.EanCode.Length != EanLength || !meterstand.EanCode.All(char.IsAsciiDigit))
        {
            context.Violations.Add(path, "ean_code", $"must be the connection's EAN code of exactly {EanLength} digits, without spaces.");
        }

        if (meterstand.Product == MeterProduct.Unspecified)
        {
            context.Violations.Add(path, "product", "must be specified: say whether the meter measures ELEKTRICITEIT, GAS, WATER or WARMTE.");
        }

        if (meterstand.Eenheid == MeterEenheid.Unspecified)
        {
            context.Violations.Add(path, "eenheid", "must be specified: give the unit of the reading, KWH, M3 or GJ.");
        }

        if (meterstand.Stand < 0)
        {
            context.Violations.Add(path, "stand", "must not be negative: a meter reading is 0 or more.");
        }

        // Whether the date is real and not in the future is a date rule; here only that it is there,
        // because a reading without a date cannot be used for a bill.
        if (meterstand.Opnamedatum is null)
        {
            context.Violations.Add(path, "opnamedatum", "is required: give the date the meter was read.");
        }
    }
}
