namespace Skn.Node.Logging;

/// <summary>All log messages of the node, source-generated, with unique event ids (a test checks they stay unique).</summary>
internal static partial class NodeLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Skn node listening on {Endpoint} ({Transport}); data in {DataDirectory}")]
    public static partial void Listening(ILogger logger, string endpoint, string transport, string dataDirectory);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Registry reloaded: {Count} participants")]
    public static partial void RegistryReloaded(ILogger logger, int count);

    [LoggerMessage(EventId = 11, Level = LogLevel.Error, Message = "Registry change ignored, keeping the last good registry: {Problem}")]
    public static partial void RegistryReloadFailed(ILogger logger, string problem);

    [LoggerMessage(EventId = 20, Level = LogLevel.Debug, Message = "Stored {MessageId} ({Type}) from {Sender} to {Recipient}")]
    public static partial void Stored(ILogger logger, string messageId, Skn.V1.BerichtType type, string sender, string recipient);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Send refused for {Sender}: {Reason}")]
    public static partial void SendRefused(ILogger logger, string sender, string reason);

    [LoggerMessage(EventId = 30, Level = LogLevel.Debug, Message = "Fetch stream opened for {Participant} (follow {Follow}, credit {Credit})")]
    public static partial void StreamOpened(ILogger logger, string participant, bool follow, int credit);

    [LoggerMessage(EventId = 31, Level = LogLevel.Debug, Message = "Fetch stream closed for {Participant}: {Delivered} delivered, {Released} released")]
    public static partial void StreamClosed(ILogger logger, string participant, int delivered, int released);

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "Expired {Count} envelopes")]
    public static partial void Expired(ILogger logger, int count);

    [LoggerMessage(EventId = 41, Level = LogLevel.Information, Message = "Purged {Count} trail entries older than {Cutoff}")]
    public static partial void TrailPurged(ILogger logger, int count, DateTimeOffset cutoff);

    [LoggerMessage(EventId = 42, Level = LogLevel.Error, Message = "Expiry sweep failed; retrying later")]
    public static partial void SweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 50, Level = LogLevel.Warning, Message = "Store is full: {Message}")]
    public static partial void StoreFull(ILogger logger, string message);

    [LoggerMessage(EventId = 51, Level = LogLevel.Error, Message = "Unhandled error in {Method}")]
    public static partial void UnhandledError(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 80, Level = LogLevel.Information, Message = "Metrics and health endpoints on http://{Address}:{Port} (/metrics, /healthz/live, /healthz/ready)")]
    public static partial void MetricsListening(ILogger logger, string address, int port);

    [LoggerMessage(EventId = 81, Level = LogLevel.Information, Message = "Exporting metrics and traces over OTLP to {Endpoint}")]
    public static partial void OtlpExport(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 82, Level = LogLevel.Warning, Message = "Store cannot commit; health is NOT_SERVING: {Description}")]
    public static partial void StoreUnhealthy(ILogger logger, string description);

    [LoggerMessage(EventId = 83, Level = LogLevel.Information, Message = "Store commits again; health is SERVING: {Description}")]
    public static partial void StoreHealthy(ILogger logger, string description);
}
