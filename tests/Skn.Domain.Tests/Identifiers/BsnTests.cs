using Skn.Domain.Identifiers;

namespace Skn.Domain.Tests.Identifiers;

public sealed class BsnTests
{
    [Theory]
    [InlineData("123456782")] // 9·1+8·2+7·3+6·4+5·5+4·6+3·7+2·8−2 = 154 = 14·11
    [InlineData("111222333")] // sum 66 = 6·11
    [InlineData("999999990")] // sum 396 = 36·11
    public void IsValid_PassesElevenTest_ReturnsTrue(string value)
    {
        // Arrange (nothing to arrange)

        // Act
        var actual = Bsn.IsValid(value);

        // Assert
        Assert.True(actual);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12345678")] // 8 digits
    [InlineData("1234567820")] // 10 digits
    [InlineData("12345678A")] // letter
    [InlineData("12345 782")] // space
    [InlineData(" 123456782")] // untrimmed
    [InlineData("123456789")] // sum 147, not a multiple of 11
    [InlineData("000000000")] // sum 0
    [InlineData("100000009")] // sum 9 − 9 = 0
    [InlineData("12345678\u0662")] // Arabic-Indic digit two: a digit, but not ASCII
    public void IsValid_MalformedOrFailingElevenTest_ReturnsFalse(string? value)
    {
        // Arrange (nothing to arrange)

        // Act
        var actual = Bsn.IsValid(value);

        // Assert
        Assert.False(actual);
    }
}
