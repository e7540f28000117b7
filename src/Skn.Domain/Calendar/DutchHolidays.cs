namespace Skn.Domain.Calendar;

/// <summary>
/// The Dutch holidays that stop the count of "werkdagen" under the Algemene termijnenwet.
/// </summary>
public static class DutchHolidays
{
    /// <summary>The first year of the Gregorian calendar, for which the Easter algorithm holds.</summary>
    public const int MinYear = 1583;

    /// <summary>The last year a <see cref="DateOnly"/> can represent.</summary>
    public const int MaxYear = 9999;

    /// <summary>Name of a decreed extra holiday from <see cref="WorkingDayCalendarOptions.ExtraHolidays"/>.</summary>
    public const string GelijkgesteldeDag = "Gelijkgestelde dag";

    /// <summary>
    /// Easter Sunday of the Gregorian calendar (Meeus/Jones/Butcher algorithm).
    /// </summary>
    /// <param name="year">A year from 1583 to 9999.</param>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside 1583..9999.</exception>
    public static DateOnly EasterSunday(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, MinYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, MaxYear);

        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    /// <summary>
    /// All holidays of <paramref name="year"/>, ordered by date, including the decreed extra
    /// holidays of that year from <paramref name="options"/>. Holidays that fall on a weekend are
    /// listed as well: the Netherlands has no substitute ("observed") days, so they simply coincide
    /// with a day that was not a working day anyway.
    /// </summary>
    /// <param name="year">A year from 1583 to 9999.</param>
    /// <param name="options">Which optional holidays apply.</param>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside 1583..9999.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or its extra holidays are null.</exception>
    public static IReadOnlyList<Holiday> For(int year, WorkingDayCalendarOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.ExtraHolidays, nameof(options.ExtraHolidays));

        var easter = EasterSunday(year);
        var holidays = new List<Holiday>(12)
        {
            new(new DateOnly(year, 1, 1), "Nieuwjaarsdag"),
        };

        if (options.GoedeVrijdagIsHoliday)
        {
            holidays.Add(new Holiday(easter.AddDays(-2), "Goede Vrijdag"));
        }

        holidays.Add(new Holiday(easter.AddDays(1), "Tweede Paasdag"));
        holidays.Add(new Holiday(KingsDay(year), "Koningsdag"));

        if (options.BevrijdingsdagIsHoliday)
        {
            holidays.Add(new Holiday(new DateOnly(year, 5, 5), "Bevrijdingsdag"));
        }

        holidays.Add(new Holiday(easter.AddDays(39), "Hemelvaartsdag"));
        holidays.Add(new Holiday(easter.AddDays(50), "Tweede Pinksterdag"));
        holidays.Add(new Holiday(new DateOnly(year, 12, 25), "Eerste Kerstdag"));
        holidays.Add(new Holiday(new DateOnly(year, 12, 26), "Tweede Kerstdag"));

        // A decree may name a day that already is a holiday (or is switched off above); the
        // statutory name wins so that each date appears once.
        var taken = holidays.Select(h => h.Date).ToHashSet();
        foreach (var extra in options.ExtraHolidays.Where(d => d.Year == year).Distinct())
        {
            if (taken.Add(extra))
            {
                holidays.Add(new Holiday(extra, GelijkgesteldeDag));
            }
        }

        // Easter can fall as late as 25 April, so Hemelvaart and Pinkster can land after
        // Bevrijdingsdag or before it; sorting keeps the order independent of that.
        holidays.Sort((x, y) => x.Date.CompareTo(y.Date));
        return holidays.AsReadOnly();
    }

    // KB 1980: the celebration moves to the Saturday before when 27 April is a Sunday, because
    // festivities on Sunday were considered inappropriate.
    private static DateOnly KingsDay(int year)
    {
        var date = new DateOnly(year, 4, 27);
        return date.DayOfWeek == DayOfWeek.Sunday ? date.AddDays(-1) : date;
    }
}
