using System.Globalization;
using Skn.Domain.Calendar;

namespace Skn.Domain.Tests.Calendar;

public sealed class DutchHolidaysTests
{
    // Rows copied from the official table in DOMAIN-REFERENCE.md §5, fixed dates included, so a
    // mistake in the algorithm cannot be repeated by the expectation.
    [Theory]
    [InlineData(2024, "2024-03-31", "2024-01-01", "2024-03-29", "2024-04-01", "2024-04-27", "2024-05-05", "2024-05-09", "2024-05-20", "2024-12-25", "2024-12-26")]
    [InlineData(2025, "2025-04-20", "2025-01-01", "2025-04-18", "2025-04-21", "2025-04-26", "2025-05-05", "2025-05-29", "2025-06-09", "2025-12-25", "2025-12-26")]
    [InlineData(2026, "2026-04-05", "2026-01-01", "2026-04-03", "2026-04-06", "2026-04-27", "2026-05-05", "2026-05-14", "2026-05-25", "2026-12-25", "2026-12-26")]
    [InlineData(2027, "2027-03-28", "2027-01-01", "2027-03-26", "2027-03-29", "2027-04-27", "2027-05-05", "2027-05-06", "2027-05-17", "2027-12-25", "2027-12-26")]
    [InlineData(2028, "2028-04-16", "2028-01-01", "2028-04-14", "2028-04-17", "2028-04-27", "2028-05-05", "2028-05-25", "2028-06-05", "2028-12-25", "2028-12-26")]
    [InlineData(2029, "2029-04-01", "2029-01-01", "2029-03-30", "2029-04-02", "2029-04-27", "2029-05-05", "2029-05-10", "2029-05-21", "2029-12-25", "2029-12-26")]
    [InlineData(2030, "2030-04-21", "2030-01-01", "2030-04-19", "2030-04-22", "2030-04-27", "2030-05-05", "2030-05-30", "2030-06-10", "2030-12-25", "2030-12-26")]
    public void For_OfficialTableYear_ReturnsEveryHolidayOnItsPublishedDate(
        int year,
        string easter,
        string nieuwjaarsdag,
        string goedeVrijdag,
        string tweedePaasdag,
        string koningsdag,
        string bevrijdingsdag,
        string hemelvaartsdag,
        string tweedePinksterdag,
        string eersteKerstdag,
        string tweedeKerstdag)
    {
        // Arrange
        Holiday[] expected =
        [
            new(D(nieuwjaarsdag), "Nieuwjaarsdag"),
            new(D(goedeVrijdag), "Goede Vrijdag"),
            new(D(tweedePaasdag), "Tweede Paasdag"),
            new(D(koningsdag), "Koningsdag"),
            new(D(bevrijdingsdag), "Bevrijdingsdag"),
            new(D(hemelvaartsdag), "Hemelvaartsdag"),
            new(D(tweedePinksterdag), "Tweede Pinksterdag"),
            new(D(eersteKerstdag), "Eerste Kerstdag"),
            new(D(tweedeKerstdag), "Tweede Kerstdag"),
        ];

        // Act
        var actualEaster = DutchHolidays.EasterSunday(year);
        var actual = DutchHolidays.For(year, WorkingDayCalendarOptions.Default);

        // Assert
        Assert.Equal(D(easter), actualEaster);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(1583, "1583-04-10")]
    [InlineData(1818, "1818-03-22")]
    [InlineData(2038, "2038-04-25")]
    [InlineData(2285, "2285-03-22")]
    [InlineData(9999, "9999-03-28")]
    public void EasterSunday_KnownExtremeYear_ReturnsPublishedDate(int year, string expected)
    {
        // Arrange (nothing to arrange)

        // Act
        var actual = DutchHolidays.EasterSunday(year);

        // Assert
        Assert.Equal(D(expected), actual);
        Assert.Equal(DayOfWeek.Sunday, actual.DayOfWeek);
    }

    [Theory]
    [InlineData(1582)]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(10000)]
    public void EasterSunday_YearOutsideGregorianRange_Throws(int year)
    {
        // Arrange (nothing to arrange)

        // Act
        Action act = () => DutchHolidays.EasterSunday(year);

        // Assert
        Assert.Throws<ArgumentOutOfRangeException>(act);
    }

    [Fact]
    public void For_KoningsdagOnSunday_MovesToSaturdayBefore()
    {
        // Arrange: 27 April 2025 is a Sunday.
        const int year = 2025;

        // Act
        var koningsdag = DutchHolidays.For(year, WorkingDayCalendarOptions.Default).Single(h => h.Name == "Koningsdag");

        // Assert
        Assert.Equal(new DateOnly(2025, 4, 26), koningsdag.Date);
        Assert.Equal(DayOfWeek.Saturday, koningsdag.Date.DayOfWeek);
    }

    [Fact]
    public void For_OptionalHolidaysSwitchedOff_OmitsGoedeVrijdagAndBevrijdingsdag()
    {
        // Arrange
        var options = new WorkingDayCalendarOptions { GoedeVrijdagIsHoliday = false, BevrijdingsdagIsHoliday = false };

        // Act
        var holidays = DutchHolidays.For(2026, options);

        // Assert
        Assert.Equal(7, holidays.Count);
        Assert.DoesNotContain(holidays, h => h.Name is "Goede Vrijdag" or "Bevrijdingsdag");
        Assert.DoesNotContain(holidays, h => h.Date == new DateOnly(2026, 4, 3) || h.Date == new DateOnly(2026, 5, 5));
    }

    [Fact]
    public void For_ExtraHolidaysGiven_AddsOnlyThoseOfTheYearOnceAndSorted()
    {
        // Arrange: the Friday after Hemelvaart 2026, a duplicate of it, a date that already is a
        // holiday, and one in another year.
        var options = new WorkingDayCalendarOptions
        {
            ExtraHolidays = [D("2026-05-15"), D("2026-05-15"), D("2026-12-25"), D("2027-05-07")],
        };

        // Act
        var holidays = DutchHolidays.For(2026, options);

        // Assert
        Assert.Equal(10, holidays.Count);
        Assert.Single(holidays, h => h.Date == D("2026-05-15") && h.Name == DutchHolidays.GelijkgesteldeDag);
        Assert.Single(holidays, h => h.Date == D("2026-12-25") && h.Name == "Eerste Kerstdag");
        Assert.DoesNotContain(holidays, h => h.Date.Year != 2026);
        Assert.Equal(holidays.OrderBy(h => h.Date), holidays);
    }

    [Fact]
    public void For_EarlyEasterYear_ListsHemelvaartBeforeBevrijdingsdag()
    {
        // Arrange: Easter 2008 was 23 March, so Hemelvaart fell on 1 May, before 5 May.
        const int year = 2008;

        // Act
        var holidays = DutchHolidays.For(year, WorkingDayCalendarOptions.Default);

        // Assert
        Assert.Equal(D("2008-05-01"), holidays.Single(h => h.Name == "Hemelvaartsdag").Date);
        Assert.Equal(holidays.OrderBy(h => h.Date), holidays);
    }

    [Fact]
    public void For_NullOptions_Throws()
    {
        // Arrange
        WorkingDayCalendarOptions options = null!;

        // Act
        Action act = () => DutchHolidays.For(2026, options);

        // Assert
        Assert.Throws<ArgumentNullException>(act);
    }

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
