using Skn.Cli.ListWork;

namespace Skn.Cli.Tests.ListWork;

public sealed class DutchFormatTests
{
    [Theory]
    [InlineData("1234", 123_400)]
    [InlineData("1234,56", 123_456)]
    [InlineData("1.234,56", 123_456)]
    [InlineData("1.234.567,8", 123_456_780)]
    [InlineData("€ 12,00", 1_200)]
    [InlineData("€12", 1_200)]
    [InlineData("1\u00A0234,5", 123_450)]
    [InlineData("1.250", 125_000)]
    [InlineData("0", 0)]
    public void TryParse_DutchAmount_ReturnsCents(string text, long expected)
    {
        // Act
        var error = DutchAmount.TryParse(text, out var cents);

        // Assert
        Assert.Null(error);
        Assert.Equal(expected, cents);
    }

    [Theory]
    [InlineData("-1,00")]
    [InlineData("12a")]
    [InlineData("1,234")]
    [InlineData("12.5")]
    [InlineData("1234.56")]
    [InlineData("1,2,3")]
    [InlineData("99999999999999999999")]
    public void TryParse_BadAmount_ReturnsReason(string text)
    {
        // Act
        var error = DutchAmount.TryParse(text, out _);

        // Assert
        Assert.NotNull(error);
    }

    [Theory]
    [InlineData(0, "0,00")]
    [InlineData(5, "0,05")]
    [InlineData(123_456, "1.234,56")]
    [InlineData(123_456_789, "1.234.567,89")]
    public void Format_Cents_WritesDecimalCommaAndThousandsDots(long cents, string expected)
    {
        // Act
        var text = DutchAmount.Format(cents);

        // Assert
        Assert.Equal(expected, text);
        Assert.Null(DutchAmount.TryParse(text, out var back));
        Assert.Equal(cents, back);
    }

    [Theory]
    [InlineData("04-05-2026")]
    [InlineData("4-5-2026")]
    [InlineData("04/05/2026")]
    [InlineData("2026-05-04")]
    public void TryParse_DutchDate_ReturnsTheDay(string text)
    {
        // Act
        var error = DutchDate.TryParse(text, out var date);

        // Assert
        Assert.Null(error);
        Assert.Equal(new DateOnly(2026, 5, 4), date);
    }

    [Theory]
    [InlineData("31-02-2026")]
    [InlineData("04-05-26")]
    [InlineData("mei 2026")]
    [InlineData("13-13-2026")]
    public void TryParse_BadDate_ReturnsReason(string text)
    {
        // Act
        var error = DutchDate.TryParse(text, out _);

        // Assert
        Assert.NotNull(error);
    }
}
