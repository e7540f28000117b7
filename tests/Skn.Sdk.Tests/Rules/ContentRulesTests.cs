using Skn.Sdk.Rules;
using Skn.V1;
using Kind = Skn.V1.Content.BerichtOneofCase;

namespace Skn.Sdk.Tests.Rules;

public sealed class ContentRulesTests
{
    /// <summary>Every rule case of every family.</summary>
    private static IEnumerable<RuleCase> AllCases =>
        IdentityRulesTests.Cases.All
            .Concat(MeterRulesTests.Cases.All)
            .Concat(AttachmentRulesTests.Cases.All)
            .Concat(AmountRulesTests.Cases.All)
            .Concat(ConsistencyRulesTests.Cases.All)
            .Concat(ProposalRulesTests.Cases.All)
            .Concat(DateRulesTests.Cases.All)
            .Concat(RequiredFieldRulesTests.Cases.All);

    [Theory]
    [MemberData(nameof(ValidBerichten.AllTypes), MemberType = typeof(ValidBerichten))]
    public void Check_ValidBerichtToRecipientWithAllAttributes_ReturnsNoViolations(Kind type)
    {
        // Arrange
        var content = ValidBerichten.For(type, withBsn: true);

        // Act
        var violations = ContentRules.Check(content, ValidBerichten.AllAttributes, ValidBerichten.Today);

        // Assert
        Assert.Empty(violations);
    }

    [Theory]
    [MemberData(nameof(ValidBerichten.AllTypes), MemberType = typeof(ValidBerichten))]
    public void Check_ValidBerichtWithoutBsnToRecipientWithoutAttributes_ReturnsNoViolations(Kind type)
    {
        // Arrange
        var content = ValidBerichten.For(type, withBsn: false);

        // Act
        var violations = ContentRules.Check(content, ValidBerichten.NoAttributes, ValidBerichten.Today);

        // Assert
        Assert.Empty(violations);
    }

    [Fact]
    public void Check_NoBericht_ReportsTheBerichtField()
    {
        // Arrange
        var content = new Content { Header = new ContentHeader { MessageId = "5f0c2a8e-3b7d-4a51-9c1e-2d6f8b0a4c17" } };

        // Act
        var violations = ContentRules.Check(content, ValidBerichten.AllAttributes, ValidBerichten.Today);

        // Assert
        var violation = Assert.Single(violations);
        Assert.Equal("bericht", violation.Field);
    }

    [Fact]
    public void Check_SeveralProblems_ReportsAllOfThemAtOnce()
    {
        // Arrange: five unrelated mistakes in one Saldoverzoek to a Publiek, Nuts creditor.
        var content = ValidBerichten.For(Kind.Saldoverzoek, withBsn: true);
        var saldoverzoek = content.Saldoverzoek;
        saldoverzoek.Klant.Bsn = "123456789";
        saldoverzoek.Meterstanden.Clear();
        saldoverzoek.Vorderingen[0].BedragVolgensShvCent = -1;
        saldoverzoek.Partner.Geboortedatum = ValidBerichten.Today.AddDays(1).ToContractDate();
        saldoverzoek.Peildatum = null;

        // Act
        var violations = ContentRules.Check(content, ValidBerichten.AllAttributes, ValidBerichten.Today);

        // Assert
        Assert.Equal(
            [
                "saldoverzoek.klant.bsn",
                "saldoverzoek.meterstanden",
                "saldoverzoek.partner.geboortedatum",
                "saldoverzoek.peildatum",
                "saldoverzoek.vorderingen[0].bedrag_volgens_shv_cent",
            ],
            violations.Select(v => v.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Check_EveryRuleCase_NamesRealProtoFields()
    {
        // Arrange
        var cases = AllCases.ToList();

        // Act
        var fields = cases.SelectMany(c => ContentRules.Check(c.BrokenContent(), c.Recipient, ValidBerichten.Today)).Select(v => v.Field).ToList();

        // Assert
        Assert.NotEmpty(fields);
        Assert.All(fields, field => Assert.True(ProtoFieldPath.Resolves(field), $"{field} is not a path of proto fields"));
    }

    [Fact]
    public void Check_EveryRuleCase_DescribesTheProblemInASentence()
    {
        // Arrange
        var cases = AllCases.ToList();

        // Act
        var descriptions = cases.SelectMany(c => ContentRules.Check(c.BrokenContent(), c.Recipient, ValidBerichten.Today)).Select(v => v.Description).ToList();

        // Assert
        Assert.NotEmpty(descriptions);
        Assert.All(descriptions, d => Assert.Matches(@"^[a-z].{20,}\.$", d));
    }

    [Fact]
    public void Check_BrokenBericht_LeavesTheContentUnchanged()
    {
        // Arrange
        var content = ValidBerichten.For(Kind.Heroverweging, withBsn: true);
        content.Heroverweging.GewijzigdVoorstel.Kredietverstrekker = null;
        var before = content.Clone();

        // Act
        ContentRules.Check(content, ValidBerichten.NoAttributes, ValidBerichten.Today);

        // Assert
        Assert.Equal(before, content);
    }

    [Fact]
    public void Check_NullContent_ThrowsArgumentNullException()
    {
        // Arrange
        Content content = null!;

        // Act
        var act = () => ContentRules.Check(content, ValidBerichten.AllAttributes, ValidBerichten.Today);

        // Assert
        Assert.Throws<ArgumentNullException>("content", act);
    }

    [Fact]
    public void Check_NullRecipientAttributes_ThrowsArgumentNullException()
    {
        // Arrange
        var content = ValidBerichten.For(Kind.Kennisgeving, withBsn: true);

        // Act
        var act = () => ContentRules.Check(content, null!, ValidBerichten.Today);

        // Assert
        Assert.Throws<ArgumentNullException>("recipientAttributes", act);
    }
}
