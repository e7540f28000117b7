namespace Skn.Cli.Tests.Support;

/// <summary>One node shared by the tests of a class that only read from it or are refused by it, to save a node start per test.</summary>
public sealed class NodeFixture : IAsyncLifetime
{
    public TestNode Node { get; private set; } = null!;

    public async Task InitializeAsync() => Node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await Node.DisposeAsync();
}
