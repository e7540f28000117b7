using Skn.V1;
using Kind = Skn.V1.Content.BerichtOneofCase;

namespace Skn.Sdk.Tests.Rules;

public sealed class MeterRulesTests
{
    internal static readonly RuleCases Cases = new RuleCases()
        .ToPubliek("Nuts: Saldoverzoek without meter readings", Kind.Saldoverzoek, c => c.Saldoverzoek.Meterstanden.Clear(), "saldoverzoek.meterstanden")
        .ToPubliek("Nuts: Betaalvoorstel without meter readings", Kind.Betaalvoorstel, c => c.Betaalvoorstel.Meterstanden.Clear(), "betaalvoorstel.meterstanden")
        .ToPubliek("EAN of 17 digits", Kind.Saldoverzoek, c => c.Saldoverzoek.Meterstanden[0].EanCode = "87168712000012345", "saldoverzoek.meterstanden[0].ean_code")
        .ToPubliek("EAN with spaces", Kind.Betaalvoorstel, c => c.Betaalvoorstel.Meterstanden[1].EanCode = "8716 8712 0000 6789 06", "betaalvoorstel.meterstanden[1].ean_code")
        .ToPubliek("Product unspecified", Kind.Saldoverzoek, c => c.Saldoverzoek.Meterstanden[0].Product = MeterProduct.Unspecified, "saldoverzoek.meterstanden[0].product")
        .ToPubliek("Eenheid unspecified", Kind.Betaalvoorstel, c => c.Betaalvoorstel.Meterstanden[1].Eenheid = MeterEenheid.Unspecified, "betaalvoorstel.meterstanden[1].eenheid")
        .ToPubliek("Negative stand", Kind.Saldoverzoek, c => c.Saldoverzoek.Meterstanden[1].Stand = -1, "saldoverzoek.meterstanden[1].stand")
        .ToPubliek("Opnamedatum missing", Kind.Saldoverzoek, c => c.Saldoverzoek.Meterstanden[0].Opnamedatum = null, "saldoverzoek.meterstanden[0].opnamedatum")
        .ToPubliek("Opnamedatum tomorrow", Kind.Saldoverzoek, c => c.Saldoverzoek.Meterstanden[0].Opnamedatum = ValidBerichten.Today.AddDays(1).ToContractDate(), "saldoverzoek.meterstanden[0].opnamedatum")
        .ToOther("Other recipient: bad reading still refused", Kind.Saldoverzoek, c => c.Saldoverzoek.Meterstanden[0].EanCode = "", "saldoverzoek.meterstanden[0].ean_code");

    public static TheoryData<string> Names => Cases.Names;

    [Theory]
    [MemberData(nameof(Names))]
    public void Check_MeterRuleBroken_ReportsExactlyThatField(string name)
    {
        // Arrange
        var ruleCase = Cases[name];
        var content = ruleCase.BrokenContent();

        // Act
        var violations = RuleAssert.Check(content, ruleCase.Recipient);

        // Assert
        RuleAssert.ReportsExactly(ruleCase, violations);
    }

    [Theory]
    [InlineData(Kind.Saldoverzoek)]
    [InlineData(Kind.Betaalvoorstel)]
    public void Check_RecipientNotNutsAndNoMeterReadings_ReturnsNoViolations(Kind type)
    {
        // Arrange
        var content = ValidBerichten.For(type, withBsn: false);
        (type == Kind.Saldoverzoek ? content.Saldoverzoek.Meterstanden : content.Betaalvoorstel.Meterstanden).Clear();

        // Act
        var violations = RuleAssert.Check(content, ValidBerichten.NoAttributes);

        // Assert
        Assert.Empty(violations);
    }

    [Fact]
    public void Check_NutsRecipientAndReadingTakenToday_ReturnsNoViolations()
    {
        // Arrange
        var content = ValidBerichten.For(Kind.Saldoverzoek, withBsn: true);
        content.Saldoverzoek.Meterstanden[0].Opnamedatum = ValidBerichten.Today.ToContractDate();

        // Act
        var violations = RuleAssert.Check(content, ValidBerichten.AllAttributes);

        // Assert
        Assert.Empty(violations);
    }
}
