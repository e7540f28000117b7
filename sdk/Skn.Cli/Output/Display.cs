using Google.Protobuf.WellKnownTypes;
using Skn.Sdk;
using Skn.V1;

namespace Skn.Cli.Output;

/// <summary>How values read in tables and lines: times in Dutch local time (where the working-day deadlines live), dates as ISO dates.</summary>
internal static class Display
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    /// <summary>2026-11-23 10:00 (Europe/Amsterdam), or empty for no time.</summary>
    public static string Time(DateTimeOffset? time) =>
        time is { } value ? TimeZoneInfo.ConvertTime(value, Amsterdam).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "";

    /// <summary>As <see cref="Time(DateTimeOffset?)"/> for a protobuf timestamp; empty when absent.</summary>
    public static string Time(Timestamp? time) => time is null ? "" : Time(time.ToDateTimeOffset());

    /// <summary>2026-12-07, or "-" when there is none (the bericht expects no answer).</summary>
    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "-";

    /// <summary>As <see cref="Date(DateOnly?)"/> for a contract date.</summary>
    public static string Date(V1.Date? date) => Date(date.ToDateOnly());

    /// <summary>SHV or SE.</summary>
    public static string Role(Role role) => role switch
    {
        V1.Role.Shv => "SHV",
        V1.Role.Se => "SE",
        _ => role.ToString(),
    };

    /// <summary>The attributes as the README names them.</summary>
    public static string Attributes(IEnumerable<ParticipantAttribute> attributes) =>
        string.Join(", ", attributes.OrderBy(a => a).Select(a => a switch
        {
            ParticipantAttribute.Publiek => "Publiek",
            ParticipantAttribute.Nuts => "Nuts",
            ParticipantAttribute.VtlbVerplicht => "VTLB verplicht",
            ParticipantAttribute.VerlengenAfhandeltermijn => "Verlengen afhandeltermijn",
            _ => a.ToString(),
        }));

    /// <summary>What became of an envelope, in lower case.</summary>
    public static string State(EnvelopeState state) => state.ToString().ToLowerInvariant();
}
