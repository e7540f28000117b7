using Skn.Sdk;
using Skn.V1;

namespace Skn.Sdk.Tests.EndToEnd;

/// <summary>The SDK's directory cache: entries are reused within the refresh interval and read again after it.</summary>
public sealed class DirectoryCacheTests : IAsyncLifetime
{
    private TestNode _node = null!;
    private SknClient _gemeente = null!;

    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync();
        _gemeente = Clients.For(_node, Demo.Gemeente, o => o.DirectoryRefreshInterval = TimeSpan.FromMinutes(10));
    }

    public async Task DisposeAsync()
    {
        await _gemeente.DisposeAsync();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task SendAsync_RecipientBecomesNuts_RuleAppliesOnceTheCachedEntryIsRefreshed()
    {
        // Arrange: the client has the Woonstichting's entry (no attribute Nuts) in its cache.
        var verzoek = Berichten.Saldoverzoek(withBsn: false, withMeterstanden: false);
        await _gemeente.SendAsync(Demo.Woonstichting, verzoek);
        var registry = await File.ReadAllTextAsync(_node.RegistryPath);
        await File.WriteAllTextAsync(_node.RegistryPath, registry.Replace("\"VERLENGEN_AFHANDELTERMIJN\"", "\"NUTS\"", StringComparison.Ordinal));
        Assert.True(_node.ReloadRegistry());

        // Act
        var withinInterval = await _gemeente.SendAsync(Demo.Woonstichting, verzoek);
        _node.Time.Advance(TimeSpan.FromMinutes(11));
        var error = await Assert.ThrowsAsync<SknContentRuleException>(() => _gemeente.SendAsync(Demo.Woonstichting, verzoek));

        // Assert
        Assert.False(withinInterval.WasAlreadySent);
        Assert.Contains(error.Violations, v => v.Field == "saldoverzoek.meterstanden");
        Assert.Contains(ParticipantAttribute.Nuts, (await _gemeente.Directory.GetAsync(Demo.Woonstichting)).Attributes);
    }
}
