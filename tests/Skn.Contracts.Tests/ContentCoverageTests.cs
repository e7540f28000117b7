using Google.Protobuf;
using Skn.Contracts.Rules;
using Skn.V1;

namespace Skn.Contracts.Tests;

public sealed class ContentCoverageTests
{
    [Fact]
    public void ContentOneof_EveryBerichtTypeValue_HasExactlyOneCase()
    {
        // Arrange
        var types = Enum.GetValues<BerichtType>().Where(t => t != BerichtType.Unspecified).ToList();

        // Act
        var covered = BerichtRules.Contract.All.Select(r => r.Type).ToList();

        // Assert: no enum value without a message, and no message without an enum value.
        Assert.Equal(types.Order(), covered.Order());
        Assert.Equal(covered.Count, covered.Distinct().Count());
    }

    [Fact]
    public void ContentOneof_EveryCase_CarriesABericht()
    {
        var oneof = Content.Descriptor.Oneofs.Single(o => o.Name == "bericht");

        Assert.All(oneof.Fields, f => Assert.NotNull(f.MessageType.GetOptions()?.GetExtension(RulesExtensions.Bericht)));
        Assert.Equal(Enum.GetValues<BerichtType>().Length - 1, oneof.Fields.Count);
    }

    [Theory]
    [MemberData(nameof(BerichtRoundTripTests.BerichtNames), MemberType = typeof(BerichtRoundTripTests))]
    public void SetBericht_EachBericht_SelectsTheCaseOfItsType(string berichtName)
    {
        // Arrange
        var rule = BerichtRules.Contract.All.Single(r => r.Message.Name == berichtName);
        var bericht = rule.Message.Parser.ParseFrom(ByteString.Empty);

        // Act
        var content = new Content().SetBericht(bericht);

        // Assert
        Assert.Equal(rule.Type, bericht.GetBerichtType());
        Assert.Same(rule, BerichtRules.Contract.ForContent(content));
        Assert.Equal(bericht, content.GetBericht());
    }

    [Fact]
    public void SetBericht_NotABericht_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Content().SetBericht(new Persoon()));
    }
}
