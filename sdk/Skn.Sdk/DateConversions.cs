namespace Skn.Sdk;

/// <summary>Between the contract's <see cref="V1.Date"/> and <see cref="DateOnly"/>.</summary>
public static class DateConversions
{
    /// <summary>The date, or null when <paramref name="date"/> is absent or not a real calendar date.</summary>
    public static DateOnly? ToDateOnly(this V1.Date? date) =>
        date is not null && date.Year is >= 1 and <= 9999 && date.Month is >= 1 and <= 12 && date.Day >= 1 && date.Day <= DateTime.DaysInMonth(date.Year, date.Month)
            ? new DateOnly(date.Year, date.Month, date.Day)
            : null;

    /// <summary>The contract's form of <paramref name="date"/>.</summary>
    public static V1.Date ToContractDate(this DateOnly date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };
}
