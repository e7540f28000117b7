using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Skn.Node.Hosting;

namespace Skn.Integration.Tests;

/// <summary>The keepalive and idle settings reach Kestrel, have the documented defaults, and are checked at start.</summary>
public sealed class ConnectionLivenessSettingsTests
{
    [Fact]
    public async Task StartNode_KeepAliveAndIdleSettings_AppliedToKestrel()
    {
        // Arrange and act
        await using var node = await TestNode.StartAsync(settings: new()
        {
            ["Skn:KeepAlivePingDelay"] = "00:00:03",
            ["Skn:KeepAlivePingTimeout"] = "00:00:04",
            ["Skn:IdleConnectionTimeout"] = "00:00:05",
        });
        var limits = node.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(3), limits.Http2.KeepAlivePingDelay);
        Assert.Equal(TimeSpan.FromSeconds(4), limits.Http2.KeepAlivePingTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), limits.KeepAliveTimeout);
    }

    [Fact]
    public void NodeOptions_Defaults_BoundAHalfOpenConsumerToTwentySeconds()
    {
        // Arrange and act
        var options = new NodeOptions();

        // Assert: what the README promises.
        Assert.Equal(TimeSpan.FromSeconds(20), options.KeepAlivePingDelay + options.KeepAlivePingTimeout);
        Assert.Equal(TimeSpan.FromMinutes(2), options.IdleConnectionTimeout);
        Assert.True(new NodeOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_KeepAliveAndIdleOutOfRange_NamesEachSetting()
    {
        // Arrange
        var options = new NodeOptions
        {
            KeepAlivePingDelay = TimeSpan.FromMilliseconds(500),
            KeepAlivePingTimeout = TimeSpan.Zero,
            IdleConnectionTimeout = TimeSpan.FromDays(2),
        };

        // Act
        var result = new NodeOptionsValidator().Validate(null, options);

        // Assert
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("Skn:KeepAlivePingDelay ", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Skn:KeepAlivePingTimeout ", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Skn:IdleConnectionTimeout ", StringComparison.Ordinal));
    }
}
