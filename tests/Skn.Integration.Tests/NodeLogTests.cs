using System.Reflection;
using Microsoft.Extensions.Logging;
using Skn.Node.Logging;

namespace Skn.Integration.Tests;

/// <summary>Each log message of the node has its own event id, so operators can alert on one.</summary>
public sealed class NodeLogTests
{
    [Fact]
    public void NodeLog_EveryMessage_HasUniqueEventId()
    {
        // Arrange
        var messages = typeof(NodeLog).GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Select(m => (m.Name, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .ToList();

        // Act
        var duplicates = messages.GroupBy(m => m.Attribute!.EventId).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Name))}");

        // Assert
        Assert.True(messages.Count >= 10, "NodeLog's messages were not found.");
        Assert.Empty(duplicates);
    }
}
