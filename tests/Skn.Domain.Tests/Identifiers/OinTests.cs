using Skn.Domain.Identifiers;

namespace Skn.Domain.Tests.Identifiers;

public sealed class OinTests
{
    [Theory]
    [InlineData("00000001003214345000")]
    [InlineData("00000099123456789012")]
    [InlineData("00000000000000000000")]
    public void IsValid_TwentyAsciiDigits_ReturnsTrue(string value)
    {
        // Arrange (nothing to arrange)

        // Act
        var actual = Oin.IsValid(value);

        // Assert
        Assert.True(actual);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0000000100321434500")] // 19 digits
    [InlineData("000000010032143450001")] // 21 digits
    [InlineData("0000000100321434500A")] // letter
    [InlineData("00000001-03214345000")] // separator
    [InlineData("0000000100321434500\u0663")] // non-ASCII digit
    public void IsValid_MalformedValue_ReturnsFalse(string? value)
    {
        // Arrange (nothing to arrange)

        // Act
        var actual = Oin.IsValid(value);

        // Assert
        Assert.False(actual);
    }

    [Theory]
    [InlineData("00000099123456789012", true)]
    [InlineData("00000001003214345000", false)]
    [InlineData("00000098123456789012", false)]
    [InlineData("0000009912345678901", false)] // test prefix but only 19 digits
    [InlineData("00000099", false)]
    public void IsTestOin_Value_ReturnsWhetherValidTestOin(string value, bool expected)
    {
        // Arrange (nothing to arrange)

        // Act
        var actual = Oin.IsTestOin(value);

        // Assert
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void IsTestOin_Null_Throws()
    {
        // Arrange
        string value = null!;

        // Act
        Action act = () => Oin.IsTestOin(value);

        // Assert
        Assert.Throws<ArgumentNullException>(act);
    }
}
