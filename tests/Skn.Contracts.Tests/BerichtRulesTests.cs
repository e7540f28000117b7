using Skn.Contracts.Rules;
using Skn.V1;

namespace Skn.Contracts.Tests;

public sealed class BerichtRulesTests
{
    private static readonly BerichtRules Rules = BerichtRules.Contract;

    [Fact]
    public void Contract_EveryBericht_HasTypeAndSenderRole()
    {
        // Act
        var all = Rules.All;

        // Assert
        Assert.Equal(12, all.Count);
        Assert.All(all, r =>
        {
            Assert.NotEqual(BerichtType.Unspecified, r.Type);
            Assert.Contains(r.SenderRole, new[] { Role.Shv, Role.Se });
        });
    }

    [Fact]
    public void Contract_EachAnswer_NamesExistingRequestsOfTheOtherRole()
    {
        foreach (var rule in Rules.All.Where(r => r.IsAnswer))
        {
            foreach (var answered in rule.Answers)
            {
                // Act
                var found = Rules.TryGet(answered, out var request);

                // Assert
                Assert.True(found, $"{rule.Type} answers {answered}, which has no bericht.");
                Assert.NotEqual(rule.SenderRole, request!.SenderRole);
            }
        }
    }

    [Fact]
    public void Contract_SenderRoles_MatchDomainTable()
    {
        // Arrange: DOMAIN.md, "Messages": the SHV sends six berichten, the SE six (Geen medewerking included).
        BerichtType[] shv =
        [
            BerichtType.Kennisgeving, BerichtType.Saldoverzoek, BerichtType.Betaalvoorstel,
            BerichtType.Heroverweging, BerichtType.RegelingGeaccordeerd, BerichtType.Beeindiging,
        ];
        BerichtType[] se =
        [
            BerichtType.KennisgevingAntwoord, BerichtType.GeenMedewerking, BerichtType.SaldoverzoekAntwoord,
            BerichtType.SaldoverzoekAntwoordVoorafAkkoord, BerichtType.BetaalvoorstelAntwoordAkkoord,
            BerichtType.BetaalvoorstelAntwoordNietAkkoord,
        ];

        // Act
        var sentByShv = Rules.All.Where(r => r.SenderRole == Role.Shv).Select(r => r.Type);
        var sentBySe = Rules.All.Where(r => r.SenderRole == Role.Se).Select(r => r.Type);

        // Assert
        Assert.Equal(shv.Order(), sentByShv.Order());
        Assert.Equal(se.Order(), sentBySe.Order());
    }

    [Theory]
    [InlineData(BerichtType.Kennisgeving)]
    [InlineData(BerichtType.Saldoverzoek)]
    [InlineData(BerichtType.Betaalvoorstel)]
    [InlineData(BerichtType.RegelingGeaccordeerd)]
    [InlineData(BerichtType.Beeindiging)]
    public void Contract_RequestsAndNotices_AnswerNothing(BerichtType type)
    {
        Assert.Empty(Rules.For(type).Answers);
    }

    [Theory]
    [InlineData(BerichtType.KennisgevingAntwoord, new[] { BerichtType.Kennisgeving })]
    [InlineData(BerichtType.GeenMedewerking, new[] { BerichtType.Kennisgeving, BerichtType.Saldoverzoek })]
    [InlineData(BerichtType.SaldoverzoekAntwoord, new[] { BerichtType.Saldoverzoek })]
    [InlineData(BerichtType.SaldoverzoekAntwoordVoorafAkkoord, new[] { BerichtType.Saldoverzoek })]
    [InlineData(BerichtType.Heroverweging, new[] { BerichtType.BetaalvoorstelAntwoordNietAkkoord })]
    [InlineData(BerichtType.BetaalvoorstelAntwoordAkkoord, new[] { BerichtType.Betaalvoorstel, BerichtType.Heroverweging })]
    [InlineData(BerichtType.BetaalvoorstelAntwoordNietAkkoord, new[] { BerichtType.Betaalvoorstel, BerichtType.Heroverweging })]
    public void Contract_Answers_MatchDomainTable(BerichtType type, BerichtType[] answers)
    {
        Assert.Equal(answers.Order(), Rules.For(type).Answers.Order());
    }

    [Fact]
    public void Contract_ReplyTerms_MatchProcessAgreements()
    {
        // Arrange: requests that expect an answer get 10 working days; a Kennisgeving has no term.
        BerichtType[] withTerm = [BerichtType.Saldoverzoek, BerichtType.Betaalvoorstel, BerichtType.Heroverweging];

        // Assert
        Assert.All(Rules.All, r => Assert.Equal(withTerm.Contains(r.Type) ? 10 : 0, r.ReplyDueWorkingDays));
    }

    [Fact]
    public void Contract_StartsConversation_OnlyForFirstRequests()
    {
        var starters = Rules.All.Where(r => r.StartsConversation).Select(r => r.Type).Order();

        Assert.Equal(new[] { BerichtType.Kennisgeving, BerichtType.Saldoverzoek, BerichtType.Betaalvoorstel }.Order(), starters);
    }

    [Fact]
    public void FromDescriptor_ReadFromSerializedFileDescriptors_GivesSameRules()
    {
        // Arrange: a vendor reads the rules from descriptor bytes (e.g. via reflection), not from our types.
        var files = Google.Protobuf.Reflection.FileDescriptor.BuildFromByteStrings(
            new[]
            {
                Google.Protobuf.Reflection.DescriptorReflection.Descriptor,
                RoleReflection.Descriptor, BerichtTypeReflection.Descriptor, RulesReflection.Descriptor,
                GegevensReflection.Descriptor, BerichtenReflection.Descriptor, ContentReflection.Descriptor,
            }.Select(f => f.SerializedData),
            new Google.Protobuf.ExtensionRegistry { RulesExtensions.Bericht });
        var content = files.Single(f => f.Name == "skn/v1/content.proto").FindTypeByName<Google.Protobuf.Reflection.MessageDescriptor>("Content");

        // Act
        var rules = BerichtRules.FromDescriptor(content);

        // Assert
        Assert.Equal(
            Rules.All.Select(r => (r.Type, r.SenderRole, string.Join(",", r.Answers.Order()))),
            rules.All.Select(r => (r.Type, r.SenderRole, string.Join(",", r.Answers.Order()))));
    }
}
