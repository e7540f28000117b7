using Google.Protobuf;
using Google.Protobuf.Reflection;
using Skn.Contracts.Rules;
using Skn.V1;

namespace Skn.Contracts.Tests;

public sealed class BerichtRoundTripTests
{
    public static TheoryData<string> BerichtNames()
    {
        var data = new TheoryData<string>();
        foreach (var rule in BerichtRules.Contract.All)
        {
            data.Add(rule.Message.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BerichtNames))]
    public void Binary_EveryFieldSet_RoundTripsUnchanged(string berichtName)
    {
        // Arrange
        var content = NewContentWithAllFields(berichtName);

        // Act
        var copy = Content.Parser.ParseFrom(content.ToByteArray());

        // Assert
        Assert.Equal(content, copy);
    }

    [Theory]
    [MemberData(nameof(BerichtNames))]
    public void Json_EveryFieldSet_RoundTripsUnchanged(string berichtName)
    {
        // Arrange
        var content = NewContentWithAllFields(berichtName);
        var formatter = new JsonFormatter(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

        // Act
        var json = formatter.Format(content);
        var copy = JsonParser.Default.Parse<Content>(json);

        // Assert
        Assert.Equal(content, copy);
        Assert.Contains(ToLowerCamel(BerichtRules.Contract.All.Single(r => r.Message.Name == berichtName).ContentField.Name), json);
    }

    [Theory]
    [MemberData(nameof(BerichtNames))]
    public void Populator_EveryBericht_LeavesNoFieldUnset(string berichtName)
    {
        // Arrange: the round-trip tests only prove something if every field really carries a value.
        var content = NewContentWithAllFields(berichtName);

        // Act
        var unset = DescriptorWalker.UnsetFields(content.GetBericht()!).ToList();

        // Assert
        Assert.Empty(unset);
    }

    private static Content NewContentWithAllFields(string berichtName)
    {
        var rule = BerichtRules.Contract.All.Single(r => r.Message.Name == berichtName);
        var populator = new MessagePopulator();
        var bericht = populator.Populate(rule.Message.Parser.ParseFrom(ByteString.Empty));
        var header = populator.Populate(new ContentHeader());
        header.Type = rule.Type;
        return new Content { Header = header }.SetBericht(bericht);
    }

    private static string ToLowerCamel(string snake)
    {
        var parts = snake.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
