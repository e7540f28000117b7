using System.Globalization;
using Skn.Cli.Errors;

namespace Skn.Cli.Commands;

/// <summary>Dates on the command line: ISO dates, taken as the start of that day in Dutch time, where the exchange's days are.</summary>
internal static class DateArguments
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    /// <summary>2026-11-01 → 2026-11-01 00:00 Europe/Amsterdam; a full ISO timestamp is taken as it is.</summary>
    /// <exception cref="UsageException">Not a date.</exception>
    public static DateTimeOffset Parse(string option, string value)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var local = date.ToDateTime(TimeOnly.MinValue);
            return new DateTimeOffset(local, Amsterdam.GetUtcOffset(local));
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment)
            ? moment
            : throw new UsageException($"{option}: '{value}' is not a date (use yyyy-MM-dd)");
    }
}
