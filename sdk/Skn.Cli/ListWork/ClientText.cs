using Skn.Sdk;
using Skn.V1;

namespace Skn.Cli.ListWork;

/// <summary>How the request's client, address and dates read in a sheet cell.</summary>
internal static class ClientText
{
    // The send time is an instant; staff think in Dutch calendar days. A server without time zone
    // data falls back to UTC, which differs at most one day around midnight.
    private static readonly TimeZoneInfo Dutch =
        TimeZoneInfo.TryFindSystemTimeZoneById("Europe/Amsterdam", out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>"Johanna Maria van der Berg", with initials when the given names are unknown.</summary>
    public static string Name(Persoon? persoon)
    {
        if (persoon is null)
        {
            return string.Empty;
        }

        var voornaam = persoon.Voornamen.Length > 0 ? persoon.Voornamen : persoon.Voorletters;
        return SheetText.Text(string.Join(' ', new[] { voornaam, persoon.Voorvoegsel, persoon.Achternaam }.Where(p => !string.IsNullOrWhiteSpace(p))));
    }

    /// <summary>The birth date as dd-MM-yyyy.</summary>
    public static string BirthDate(Persoon? persoon) => DutchDate.Format(persoon?.Geboortedatum.ToDateOnly());

    /// <summary>The BSN, only when the request carries one.</summary>
    public static string Bsn(Persoon? persoon) => persoon is { HasBsn: true } ? SheetText.Identifier(persoon.Bsn) : string.Empty;

    /// <summary>The received day in Dutch time.</summary>
    public static string Received(DateTimeOffset sendTime) =>
        DutchDate.Format(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(sendTime, Dutch).DateTime));

    /// <summary>Street line, postcode and place of an address ("Dorpsstraat 12a-2", "1234AB", "Voorbeeldstad").</summary>
    public static (string Street, string Postcode, string Place) Address(Adres? adres)
    {
        if (adres?.NederlandsAdres is { } nl)
        {
            var number = nl.Huisnummer > 0 ? nl.Huisnummer.ToString(System.Globalization.CultureInfo.InvariantCulture) + nl.Huisletter : string.Empty;
            if (nl.Huisnummertoevoeging.Length > 0)
            {
                number += "-" + nl.Huisnummertoevoeging;
            }

            var parts = new[] { nl.Straatnaam, nl.AanduidingBijHuisnummer, number, nl.Woonbootverwijzing, nl.Woonwagenverwijzing };
            var street = string.Join(' ', parts.Where(p => !string.IsNullOrWhiteSpace(p)));
            return (SheetText.Text(street), SheetText.Text(nl.Postcode), SheetText.Text(nl.Woonplaats));
        }

        if (adres?.BuitenlandsAdres is { } foreign)
        {
            return (SheetText.Text(string.Join(", ", foreign.Regels)), string.Empty, SheetText.Text(foreign.Landcode));
        }

        return (string.Empty, string.Empty, string.Empty);
    }

    /// <summary>The short readable name of an enum value: "zonder-afloscapaciteit" for ZonderAfloscapaciteit.</summary>
    public static string Choice<T>(T value)
        where T : struct, Enum
    {
        if (Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            return string.Empty;
        }

        var name = value.ToString();
        var builder = new System.Text.StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && builder.Length > 0)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
