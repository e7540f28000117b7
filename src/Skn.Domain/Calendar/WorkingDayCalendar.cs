using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace Skn.Domain.Calendar;

/// <summary>
/// Counts Dutch working days ("werkdagen": Monday to Friday, not a holiday of the Algemene
/// termijnenwet) and turns terms such as "5 werkdagen" into dates and instants in Europe/Amsterdam.
/// Thread-safe; one instance can be shared by the whole process.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly WorkingDayCalendarOptions _options;
    private readonly ConcurrentDictionary<int, YearHolidays> _years = new();

    /// <summary>
    /// Creates a calendar.
    /// </summary>
    /// <param name="options">Which optional holidays apply; <c>null</c> means <see cref="WorkingDayCalendarOptions.Default"/>.</param>
    /// <exception cref="ArgumentNullException">The extra holidays collection is null.</exception>
    public WorkingDayCalendar(WorkingDayCalendarOptions? options = null)
    {
        options ??= WorkingDayCalendarOptions.Default;
        ArgumentNullException.ThrowIfNull(options.ExtraHolidays, nameof(options.ExtraHolidays));

        // The caller may still hold the collection and change it; the cache would then disagree
        // with later computations, so take a private copy once.
        _options = options with { ExtraHolidays = options.ExtraHolidays.ToArray() };
    }

    /// <summary>
    /// The time zone in which Dutch days begin and end (CET/CEST).
    /// </summary>
    public static TimeZoneInfo Amsterdam { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    /// <summary>
    /// The options this calendar counts with (a snapshot taken at construction).
    /// </summary>
    public WorkingDayCalendarOptions Options => _options;

    /// <summary>
    /// Whether <paramref name="date"/> is Monday to Friday and not a holiday.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A weekday before 1583, where Easter is not defined.</exception>
    public bool IsWorkingDay(DateOnly date)
    {
        if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return false;
        }

        return !Year(date.Year).Dates.Contains(date);
    }

    /// <summary>
    /// The <paramref name="workingDays"/>-th working day after <paramref name="date"/>. The day
    /// itself is never counted, even when it is a working day, because a term starts running on
    /// the day after the event. Zero returns <paramref name="date"/> unchanged.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workingDays"/> is negative, or the result passes 31 December 9999.</exception>
    public DateOnly AddWorkingDays(DateOnly date, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);

        var current = date;
        var remaining = workingDays;
        while (remaining > 0)
        {
            current = current.AddDays(1);
            if (IsWorkingDay(current))
            {
                remaining--;
            }
        }

        return current;
    }

    /// <summary>
    /// Working days from <paramref name="from"/> to <paramref name="to"/>, counted like
    /// <see cref="AddWorkingDays"/> (the first day never counts): 0 for the same day, negative when
    /// <paramref name="to"/> lies before <paramref name="from"/>. What "days left until a due date" means.
    /// </summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        var (first, last, sign) = to >= from ? (from, to, 1) : (to, from, -1);
        var count = 0;
        for (var day = first.AddDays(1); day <= last; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }

        return sign * count;
    }

    /// <summary>
    /// The calendar date in Europe/Amsterdam at <paramref name="instant"/>, whatever offset the
    /// instant carries.
    /// </summary>
    public DateOnly LocalDate(DateTimeOffset instant)
    {
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Amsterdam).DateTime);
    }

    /// <summary>
    /// The instant (UTC) at which the Amsterdam calendar day <paramref name="date"/> ends: 00:00 local
    /// time of the next day. Used for terms counted in calendar days, such as an extension.
    /// </summary>
    public DateTimeOffset EndOfDay(DateOnly date) => StartOfDay(date.AddDays(1)).ToUniversalTime();

    /// <summary>
    /// The instant (in UTC, offset zero) at which a term of <paramref name="workingDays"/> working
    /// days, starting on the Amsterdam day of <paramref name="sent"/>, has run out: midnight
    /// Amsterdam time at the start of the day after the last working day of the term. The UTC
    /// offset is the one in force at that midnight, so a term across a DST change is exact.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workingDays"/> is negative.</exception>
    public DateTimeOffset EndOfWorkingDays(DateTimeOffset sent, int workingDays)
    {
        var lastDay = AddWorkingDays(LocalDate(sent), workingDays);
        return StartOfDay(lastDay.AddDays(1)).ToUniversalTime();
    }

    /// <summary>
    /// The date by which a reply is due: the <paramref name="workingDays"/>-th working day after the
    /// Amsterdam day of <paramref name="sent"/>. A reply on that date is still on time.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workingDays"/> is negative.</exception>
    public DateOnly ReplyDueDate(DateTimeOffset sent, int workingDays)
    {
        return AddWorkingDays(LocalDate(sent), workingDays);
    }

    /// <summary>
    /// The holidays of <paramref name="year"/> under this calendar's options, ordered by date,
    /// including decreed extra holidays of that year.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside 1583..9999.</exception>
    public IReadOnlyList<Holiday> HolidaysIn(int year)
    {
        return Year(year).Holidays;
    }

    private YearHolidays Year(int year)
    {
        // GetOrAdd may run the factory twice under a race; the result is deterministic, so the
        // loser's copy is simply discarded and no lock is needed.
        return _years.GetOrAdd(year, static (y, options) =>
        {
            var holidays = DutchHolidays.For(y, options);
            return new YearHolidays(holidays, holidays.Select(h => h.Date).ToFrozenSet());
        }, _options);
    }

    private static DateTimeOffset StartOfDay(DateOnly date)
    {
        var midnight = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);

        // Amsterdam switches at 02:00/03:00, so midnight is always a plain local time there; the
        // two branches keep the arithmetic right should the zone rules ever move the switch.
        if (Amsterdam.IsInvalidTime(midnight))
        {
            // Clocks jump over midnight: the day begins when the previous day's offset runs out.
            return new DateTimeOffset(midnight, Amsterdam.GetUtcOffset(midnight.AddHours(-1)));
        }

        if (Amsterdam.IsAmbiguousTime(midnight))
        {
            // Midnight occurs twice: the day has begun at the first occurrence, which is the one
            // with the larger offset.
            return new DateTimeOffset(midnight, Amsterdam.GetAmbiguousTimeOffsets(midnight).Max());
        }

        return new DateTimeOffset(midnight, Amsterdam.GetUtcOffset(midnight));
    }

    private sealed record YearHolidays(IReadOnlyList<Holiday> Holidays, FrozenSet<DateOnly> Dates);
}
