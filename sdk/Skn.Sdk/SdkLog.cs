using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Skn.Sdk;

/// <summary>The SDK's log messages. None carries content or personal data: ids, types, OINs and reasons only.</summary>
internal static partial class SdkLog
{
    [LoggerMessage(1, LogLevel.Information, "{Call} failed with {Status} on attempt {Attempt}; retrying in {Wait}.")]
    public static partial void Retrying(ILogger logger, string call, StatusCode status, int attempt, TimeSpan wait);

    [LoggerMessage(2, LogLevel.Warning, "Refused received bericht {MessageId} from {SenderOin}: {Reason}. It is not acknowledged.")]
    public static partial void Refused(ILogger logger, string messageId, string senderOin, string reason);

    [LoggerMessage(3, LogLevel.Information, "The fetch stream broke off ({Reason}); reconnecting in {Wait}.")]
    public static partial void Reconnecting(ILogger logger, string reason, TimeSpan wait);

    [LoggerMessage(4, LogLevel.Warning, "The handler failed for bericht {MessageId} ({Type}); it is left for redelivery.")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string messageId, Skn.V1.BerichtType type);

    [LoggerMessage(5, LogLevel.Warning, "Acknowledging {MessageId} gave {Outcome}.")]
    public static partial void AcknowledgeNotApplied(ILogger logger, string messageId, Skn.V1.AcknowledgeOutcome outcome);

    [LoggerMessage(6, LogLevel.Warning, "Sending {Count} acknowledgement(s) failed; those berichten stay on the node and are delivered again.")]
    public static partial void AcknowledgeFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(7, LogLevel.Warning, "The fetch stream carried nothing for {Silence}, not even a heartbeat; abandoning its connection for a new one.")]
    public static partial void ConnectionAbandoned(ILogger logger, TimeSpan silence);
}
