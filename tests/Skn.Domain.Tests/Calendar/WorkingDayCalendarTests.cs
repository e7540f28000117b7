using System.Globalization;
using Skn.Domain.Calendar;

namespace Skn.Domain.Tests.Calendar;

public sealed class WorkingDayCalendarTests
{
    private readonly WorkingDayCalendar _calendar = new();

    [Theory]
    [InlineData("2026-04-28", true)] // ordinary Tuesday
    [InlineData("2026-04-25", false)] // Saturday
    [InlineData("2026-04-26", false)] // Sunday
    [InlineData("2026-04-27", false)] // Koningsdag on a Monday
    [InlineData("2026-05-05", false)] // Bevrijdingsdag
    [InlineData("2026-04-03", false)] // Goede Vrijdag
    [InlineData("2026-05-15", true)] // Friday after Hemelvaart is not a holiday without a decree
    public void IsWorkingDay_Date_ReturnsWhetherItCounts(string date, bool expected)
    {
        // Arrange (calendar with default options)

        // Act
        var actual = _calendar.IsWorkingDay(D(date));

        // Assert
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("2026-11-23", "2026-12-07", 10)] // the 10-working-day answer term
    [InlineData("2026-12-07", "2026-12-07", 0)] // due today
    [InlineData("2026-12-09", "2026-12-07", -2)] // two working days late
    [InlineData("2026-12-23", "2027-01-04", 6)] // Kerstdagen and Nieuwjaarsdag skipped
    public void WorkingDaysBetween_TwoDates_CountsLikeAddWorkingDays(string from, string to, int expected)
    {
        // Act
        var actual = _calendar.WorkingDaysBetween(D(from), D(to));

        // Assert
        Assert.Equal(expected, actual);
        if (expected >= 0)
        {
            Assert.Equal(D(to), _calendar.AddWorkingDays(D(from), expected));
        }
    }

    [Theory]
    [InlineData("2026-05-04", 1, "2026-05-06")] // Bevrijdingsdag skipped
    [InlineData("2025-12-24", 1, "2025-12-29")] // both Kerstdagen and the weekend skipped
    [InlineData("2027-03-25", 1, "2027-03-30")] // Goede Vrijdag, weekend and Tweede Paasdag skipped
    [InlineData("2026-03-02", 1, "2026-03-03")] // a working start day is itself not counted
    [InlineData("2026-04-25", 1, "2026-04-28")] // start on Saturday, Koningsdag Monday skipped
    [InlineData("2026-04-24", 5, "2026-05-04")]
    [InlineData("2026-12-23", 5, "2026-12-31")]
    [InlineData("2026-12-23", 6, "2027-01-04")] // Nieuwjaarsdag on Friday skipped
    public void AddWorkingDays_DefaultOptions_SkipsWeekendsAndHolidays(string start, int workingDays, string expected)
    {
        // Arrange (calendar with default options)

        // Act
        var actual = _calendar.AddWorkingDays(D(start), workingDays);

        // Assert
        Assert.Equal(D(expected), actual);
    }

    [Fact]
    public void AddWorkingDays_GoedeVrijdagSwitchedOff_CountsGoedeVrijdag()
    {
        // Arrange
        var calendar = new WorkingDayCalendar(new WorkingDayCalendarOptions { GoedeVrijdagIsHoliday = false });

        // Act
        var actual = calendar.AddWorkingDays(D("2027-03-25"), 1);

        // Assert
        Assert.Equal(D("2027-03-26"), actual);
    }

    [Fact]
    public void AddWorkingDays_BevrijdingsdagSwitchedOff_CountsFifthOfMay()
    {
        // Arrange
        var calendar = new WorkingDayCalendar(new WorkingDayCalendarOptions { BevrijdingsdagIsHoliday = false });

        // Act
        var actual = calendar.AddWorkingDays(D("2026-05-04"), 1);

        // Assert
        Assert.Equal(D("2026-05-05"), actual);
        Assert.True(calendar.IsWorkingDay(D("2026-05-05")));
    }

    [Fact]
    public void AddWorkingDays_ExtraHolidayDecreed_SkipsIt()
    {
        // Arrange: the Friday after Hemelvaart 2026 as a "gelijkgestelde dag".
        var calendar = new WorkingDayCalendar(new WorkingDayCalendarOptions { ExtraHolidays = [D("2026-05-15")] });

        // Act
        var withExtra = calendar.AddWorkingDays(D("2026-05-13"), 1);
        var withoutExtra = _calendar.AddWorkingDays(D("2026-05-13"), 1);

        // Assert
        Assert.Equal(D("2026-05-18"), withExtra);
        Assert.Equal(D("2026-05-15"), withoutExtra);
        Assert.False(calendar.IsWorkingDay(D("2026-05-15")));
    }

    [Fact]
    public void Constructor_ExtraHolidaysChangedAfterwards_KeepsSnapshot()
    {
        // Arrange
        var extra = new List<DateOnly>();
        var calendar = new WorkingDayCalendar(new WorkingDayCalendarOptions { ExtraHolidays = extra });

        // Act
        extra.Add(D("2026-05-15"));

        // Assert
        Assert.True(calendar.IsWorkingDay(D("2026-05-15")));
    }

    [Fact]
    public void AddWorkingDays_Zero_ReturnsSameDateEvenOnHoliday()
    {
        // Arrange
        var koningsdag = D("2026-04-27");

        // Act
        var actual = _calendar.AddWorkingDays(koningsdag, 0);

        // Assert
        Assert.Equal(koningsdag, actual);
    }

    [Fact]
    public void AddWorkingDays_Negative_Throws()
    {
        // Arrange
        var start = D("2026-04-27");

        // Act
        Action act = () => _calendar.AddWorkingDays(start, -1);

        // Assert
        Assert.Throws<ArgumentOutOfRangeException>(act);
    }

    [Theory]
    [InlineData("2026-04-24T21:59:59Z", "2026-04-24")] // 23:59:59 CEST
    [InlineData("2026-04-24T22:00:00Z", "2026-04-25")] // 00:00 CEST
    [InlineData("2026-01-15T22:59:59Z", "2026-01-15")] // 23:59:59 CET
    [InlineData("2026-01-15T23:00:00Z", "2026-01-16")] // 00:00 CET
    [InlineData("2026-04-24T19:30:00-05:00", "2026-04-25")] // offset of the instant is irrelevant
    public void LocalDate_Instant_ReturnsAmsterdamDate(string instant, string expected)
    {
        // Arrange (calendar with default options)

        // Act
        var actual = _calendar.LocalDate(I(instant));

        // Assert
        Assert.Equal(D(expected), actual);
    }

    [Theory]
    // The §3.3 example: Koningsdag 27 April skipped, term ends at the end of Monday 4 May.
    [InlineData("2026-04-24T10:00:00+02:00", 5, "2026-05-04T22:00:00Z")]
    // Across Easter 2026: Goede Vrijdag 3 April and Tweede Paasdag 6 April skipped.
    [InlineData("2026-04-02T15:00:00+02:00", 5, "2026-04-13T22:00:00Z")]
    // Across Christmas and New Year: 25 December skipped, the term ends with Thursday 31 December
    // in winter time.
    [InlineData("2026-12-23T09:00:00+01:00", 5, "2026-12-31T23:00:00Z")]
    // One day more lands beyond Nieuwjaarsdag (Friday) and the weekend.
    [InlineData("2026-12-23T09:00:00+01:00", 6, "2027-01-04T23:00:00Z")]
    // Thursday 23 April 22:30 UTC is already Friday 24 April 00:30 in Amsterdam.
    [InlineData("2026-04-23T22:30:00Z", 5, "2026-05-04T22:00:00Z")]
    // Thursday 15 January 23:30 UTC is already Friday 16 January 00:30 in Amsterdam (CET).
    [InlineData("2026-01-15T23:30:00Z", 1, "2026-01-19T23:00:00Z")]
    // Sent in winter time, ends in summer time (clocks forward on Sunday 29 March 2026).
    [InlineData("2026-03-25T12:00:00+01:00", 3, "2026-03-30T22:00:00Z")]
    // Sent in summer time, ends in winter time (clocks back on Sunday 25 October 2026).
    [InlineData("2026-10-22T12:00:00+02:00", 2, "2026-10-26T23:00:00Z")]
    // Zero days: the end of the sending day itself.
    [InlineData("2026-04-24T10:00:00+02:00", 0, "2026-04-24T22:00:00Z")]
    public void EndOfWorkingDays_SentInstant_ReturnsUtcMidnightAfterLastWorkingDay(string sent, int workingDays, string expected)
    {
        // Arrange (calendar with default options)

        // Act
        var actual = _calendar.EndOfWorkingDays(I(sent), workingDays);

        // Assert
        Assert.Equal(I(expected), actual);
        Assert.Equal(TimeSpan.Zero, actual.Offset);
    }

    [Fact]
    public void EndOfWorkingDays_AcrossDstChange_IsMidnightLocalTime()
    {
        // Arrange: the term starts in winter time and ends in summer time.
        var sent = I("2026-03-25T12:00:00+01:00");

        // Act
        var end = _calendar.EndOfWorkingDays(sent, 3);
        var local = TimeZoneInfo.ConvertTime(end, WorkingDayCalendar.Amsterdam);

        // Assert
        Assert.Equal(new DateTime(2026, 3, 31, 0, 0, 0), local.DateTime);
        Assert.Equal(TimeSpan.FromHours(2), local.Offset);
    }

    [Fact]
    public void EndOfWorkingDays_Negative_Throws()
    {
        // Arrange
        var sent = I("2026-04-24T10:00:00+02:00");

        // Act
        Action act = () => _calendar.EndOfWorkingDays(sent, -1);

        // Assert
        Assert.Throws<ArgumentOutOfRangeException>(act);
    }

    [Theory]
    [InlineData("2026-04-23T22:30:00Z", 10, "2026-05-12")] // Amsterdam Friday; Koningsdag and 5 May skipped
    [InlineData("2026-04-23T21:30:00Z", 10, "2026-05-11")] // still Thursday in Amsterdam
    public void ReplyDueDate_SentInstant_CountsFromAmsterdamDay(string sent, int workingDays, string expected)
    {
        // Arrange (calendar with default options)

        // Act
        var actual = _calendar.ReplyDueDate(I(sent), workingDays);

        // Assert
        Assert.Equal(D(expected), actual);
    }

    [Fact]
    public void HolidaysIn_DefaultOptions_ReturnsNineNationalHolidays()
    {
        // Arrange (calendar with default options)

        // Act
        var holidays = _calendar.HolidaysIn(2026);

        // Assert
        Assert.Equal(9, holidays.Count);
        Assert.Equal(DutchHolidays.For(2026, WorkingDayCalendarOptions.Default), holidays);
    }

    [Fact]
    public void HolidaysIn_YearBeforeGregorian_Throws()
    {
        // Arrange (calendar with default options)

        // Act
        Action act = () => _calendar.HolidaysIn(1500);

        // Assert
        Assert.Throws<ArgumentOutOfRangeException>(act);
    }

    [Fact]
    public void IsWorkingDay_ManyThreadsOnFreshCalendar_AgreesWithSequentialResult()
    {
        // Arrange: every day of 2024..2030, answered once without contention.
        var first = D("2024-01-01");
        var days = Enumerable.Range(0, D("2030-12-31").DayNumber - first.DayNumber + 1).Select(first.AddDays).ToArray();
        var expected = days.Select(new WorkingDayCalendar().IsWorkingDay).ToArray();
        var shared = new WorkingDayCalendar();
        var actual = new bool[days.Length];

        // Act
        Parallel.For(0, days.Length * 4, i => actual[i % days.Length] = shared.IsWorkingDay(days[i % days.Length]));

        // Assert
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Amsterdam_Always_IsCentralEuropeanTimeZone()
    {
        // Arrange (nothing to arrange)

        // Act
        var zone = WorkingDayCalendar.Amsterdam;

        // Assert
        Assert.Equal(TimeSpan.FromHours(1), zone.BaseUtcOffset);
        Assert.True(zone.SupportsDaylightSavingTime);
    }

    [Fact]
    public void Constructor_NullOptions_UsesDefaults()
    {
        // Arrange
        var calendar = new WorkingDayCalendar(null);

        // Act
        var options = calendar.Options;

        // Assert
        Assert.True(options.GoedeVrijdagIsHoliday);
        Assert.True(options.BevrijdingsdagIsHoliday);
        Assert.Empty(options.ExtraHolidays);
    }

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateTimeOffset I(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.None);
}
