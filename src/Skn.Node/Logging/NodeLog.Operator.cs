namespace Skn.Node.Logging;

/// <summary>The operator service's log messages (EventIds 70–79).</summary>
internal static partial class NodeLog
{
    [LoggerMessage(EventId = 70, Level = LogLevel.Information, Message = "Operator action {Action} by {Operator} on {Participant}: {Outcome}")]
    public static partial void OperatorAction(ILogger logger, string action, string @operator, string participant, string outcome);

    [LoggerMessage(EventId = 71, Level = LogLevel.Information, Message = "Registry file rewritten by operator {Operator}: {Action} {Participant}")]
    public static partial void RegistryRewritten(ILogger logger, string @operator, string action, string participant);
}
