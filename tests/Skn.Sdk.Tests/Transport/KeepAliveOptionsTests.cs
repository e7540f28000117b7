using Skn.Sdk;

namespace Skn.Sdk.Tests.Transport;

/// <summary>The SDK's HTTP/2 keepalive settings: documented defaults, and values the handler would refuse named up front.</summary>
public sealed class KeepAliveOptionsTests
{
    [Fact]
    public void SknClientOptions_Defaults_NoticeADeadConnectionWithinTwentySeconds()
    {
        // Arrange and act
        var options = new SknClientOptions();

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(10), options.KeepAlivePingDelay);
        Assert.Equal(TimeSpan.FromSeconds(10), options.KeepAlivePingTimeout);
    }

    [Fact]
    public void Constructor_KeepAliveUnderASecond_NamesTheSettings()
    {
        // Arrange
        var options = new SknClientOptions { KeepAlivePingDelay = TimeSpan.FromMilliseconds(200) };

        // Act
        var error = Assert.Throws<ArgumentException>(() => new SknClient(options));

        // Assert
        Assert.Contains("KeepAlivePingDelay", error.Message, StringComparison.Ordinal);
    }
}
