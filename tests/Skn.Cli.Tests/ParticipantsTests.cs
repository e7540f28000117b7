using Skn.Cli.Tests.Support;

namespace Skn.Cli.Tests;

/// <summary>skn participants shows the node's directory.</summary>
public sealed class ParticipantsTests : IClassFixture<NodeFixture>, IDisposable
{
    private readonly TestNode _node;
    private readonly CliRunner _cli;

    public ParticipantsTests(NodeFixture fixture)
    {
        _node = fixture.Node;
        _cli = CliRunner.For(_node);
    }

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Participants_DemoNode_ListsEveryDemoParticipantWithRoleAndAttributes()
    {
        // Arrange
        await _cli.AddProfileAsync(_node, "gemeente", Demo.Gemeente);

        // Act
        var result = await _cli.RunAsync("participants");

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var oin in new[] { Demo.Gemeente, Demo.Kredietbank, Demo.Woonstichting, Demo.EnergieNoord, Demo.Belasting, Demo.Suspended })
        {
            Assert.Contains(oin, result.Output);
        }

        var belasting = Row(result, Demo.Belasting);
        Assert.Contains("Belastingsamenwerking West", belasting);
        Assert.Contains("SE", belasting);
        Assert.Contains("Publiek", belasting);
        Assert.Contains("SHV", Row(result, Demo.Gemeente));
        Assert.Contains("suspended", Row(result, Demo.Suspended));
    }

    private static string Row(CliResult result, string oin) =>
        result.Output.Split('\n').Single(l => l.Contains(oin, StringComparison.Ordinal));
}
