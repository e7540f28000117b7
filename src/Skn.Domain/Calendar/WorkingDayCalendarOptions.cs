namespace Skn.Domain.Calendar;

/// <summary>
/// Which days, besides Saturdays and Sundays, are not working days when counting "werkdagen".
/// The defaults follow the Algemene termijnenwet (art. 3), which is what statutory and
/// agreed terms in the debt-settlement process are measured against.
/// </summary>
public sealed record WorkingDayCalendarOptions
{
    /// <summary>
    /// The Atw defaults: Goede Vrijdag and Bevrijdingsdag are holidays and there are no extra
    /// holidays. Shared safely because the record is immutable.
    /// </summary>
    public static WorkingDayCalendarOptions Default { get; } = new();

    /// <summary>
    /// Whether Goede Vrijdag (Easter Sunday − 2) is a holiday. Default <c>true</c>: Atw art. 3(2)
    /// puts it on the same footing as the general holidays, even though many employers work on it.
    /// </summary>
    public bool GoedeVrijdagIsHoliday { get; init; } = true;

    /// <summary>
    /// Whether Bevrijdingsdag (5 May) is a holiday in every year. Default <c>true</c>: Atw art. 3
    /// names 5 May without the "every fifth year" limit that many labour agreements apply.
    /// </summary>
    public bool BevrijdingsdagIsHoliday { get; init; } = true;

    /// <summary>
    /// Extra non-working dates decreed under Atw art. 3(3) ("gelijkgestelde dagen"), for example
    /// the Friday after Hemelvaartsdag. Default empty: the decrees are published every few years
    /// and must be supplied by configuration, they cannot be computed.
    /// </summary>
    public IReadOnlyCollection<DateOnly> ExtraHolidays { get; init; } = [];
}
