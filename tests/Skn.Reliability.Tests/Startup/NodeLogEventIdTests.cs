using System.Reflection;
using Microsoft.Extensions.Logging;
using Skn.Node.Logging;

namespace Skn.Reliability.Tests.Startup;

/// <summary>
/// Every message of the node has its own event id, so an operator's alert on one id (a failed backup
/// sweep, an unknown setting) never fires for another; NodeLog is split over partial files by concern,
/// which makes a clash easy to miss in review.
/// </summary>
public sealed class NodeLogEventIdTests
{
    [Fact]
    public void NodeLog_EventIds_Unique_OperationsIn90To99()
    {
        // Arrange
        var messages = typeof(NodeLog).GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
            .Select(m => (m.Name, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .ToList();

        // Act
        var clashes = messages.GroupBy(m => m.Attribute!.EventId).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Name))}").ToList();

        // Assert
        Assert.NotEmpty(messages);
        Assert.Empty(clashes);
        foreach (var name in new[] { nameof(NodeLog.EffectiveSetting), nameof(NodeLog.BackupWritten), nameof(NodeLog.BackupLeftOut), nameof(NodeLog.Restored), nameof(NodeLog.RestoreSetAside), nameof(NodeLog.UnknownSetting) })
        {
            Assert.InRange(messages.Single(m => m.Name == name).Attribute!.EventId, 90, 99);
        }
    }
}
