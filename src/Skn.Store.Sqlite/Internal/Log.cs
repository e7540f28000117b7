using Microsoft.Extensions.Logging;

namespace Skn.Store.Sqlite.Internal;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Opened message store {Path}")]
    public static partial void Opened(ILogger logger, string path);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Created message store {Path} (schema version {Version})")]
    public static partial void Created(ILogger logger, string path, int version);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Migrated message store {Path} from schema version {From} to {To}")]
    public static partial void Migrated(ILogger logger, string path, int from, int to);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Closed message store {Path}")]
    public static partial void Closed(ILogger logger, string path);

    [LoggerMessage(EventId = 10, Level = LogLevel.Error, Message = "A write batch of {Count} operations on {Path} failed; none of them was stored")]
    public static partial void BatchFailed(ILogger logger, int count, string path, Exception exception);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "SQLite rolled back the write transaction on {Path} after an operation failed; running the batch's other operations again")]
    public static partial void TransactionLost(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 12, Level = LogLevel.Error, Message = "Rolling back a failed write batch on {Path} failed")]
    public static partial void RollbackFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 14, Level = LogLevel.Critical, Message = "The writer of message store {Path} stopped; no more writes are possible")]
    public static partial void WriterFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "The message store {Path} is full: a send was refused")]
    public static partial void StoreFull(ILogger logger, string path);

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "The WAL checkpoint of {Path} could not finish because a reader was busy; it is retried at the next checkpoint")]
    public static partial void CheckpointBusy(ILogger logger, string path);

    [LoggerMessage(EventId = 21, Level = LogLevel.Error, Message = "The WAL checkpoint of {Path} failed")]
    public static partial void CheckpointFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "The deliveries still leased when {Path} closed could not be recorded; their attempt numbers will be handed out again")]
    public static partial void LeasesNotRecorded(ILogger logger, string path, Exception exception);
}
