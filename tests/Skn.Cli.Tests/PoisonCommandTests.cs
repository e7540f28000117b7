using Skn.Cli.Tests.Support;
using Skn.V1;

namespace Skn.Cli.Tests;

/// <summary><c>skn poison list</c> and <c>skn poison release</c>: finding set-aside berichten and putting them back.</summary>
public sealed class PoisonCommandTests : IAsyncLifetime
{
    private TestNode _node = null!;
    private CliRunner _cli = null!;

    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync(settings: new() { ["Skn:MaxFailedDeliveries"] = "1" });
        _cli = CliRunner.For(_node);
        await _cli.AddProfileAsync(_node, "woonstichting", Demo.Woonstichting);
    }

    public async Task DisposeAsync()
    {
        _cli.Dispose();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task PoisonListAndRelease_OneSetAsideBericht_ListedThenBackInTheMailbox()
    {
        // Arrange: a consumer takes the bericht and dies before acknowledging; one failure is the limit.
        var sent = await _node.Exchange(Demo.Gemeente).SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting));
        using (var call = _node.Exchange(Demo.Woonstichting).FetchPending(new FetchPendingRequest { Follow = true }, Demo.Call))
        {
            await call.NextDeliveryAsync();
        }

        await Eventually.ValueAsync(() => _node.Store.FindAsync(sent.MessageId, default), e => e!.State == EnvelopeState.Poisoned);

        // Act
        var listed = await _cli.RunAsync("--profile", "woonstichting", "poison", "list");
        var released = await _cli.RunAsync("--profile", "woonstichting", "poison", "release", sent.MessageId);
        var again = await _cli.RunAsync("--profile", "woonstichting", "poison", "release", sent.MessageId);
        var empty = await _cli.RunAsync("--profile", "woonstichting", "poison", "list");

        // Assert
        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Contains(sent.MessageId, listed.Output);
        Assert.Contains(Demo.Gemeente, listed.Output);
        Assert.True(released.ExitCode == 0, released.ToString());
        Assert.Equal($"{sent.MessageId}: released: back in the mailbox", released.Output.Trim());
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("not on the poison list", again.Output);
        Assert.Equal("the poison list is empty", empty.Output.Trim());
        Assert.Equal(EnvelopeState.Delivered, (await _node.Store.FindAsync(sent.MessageId, default))!.State);
    }
}
