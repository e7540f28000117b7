namespace Skn.Node.Logging;

/// <summary>The node's operations messages (effective configuration, backup, restore): event ids 90–99.</summary>
internal static partial class NodeLog
{
    [LoggerMessage(EventId = 90, Level = LogLevel.Information, Message = "Setting {Name} = {Value}")]
    public static partial void EffectiveSetting(ILogger logger, string name, string value);

    [LoggerMessage(EventId = 91, Level = LogLevel.Information, Message = "Backup written to {Path}: schema version {SchemaVersion}, {EnvelopeCount} envelopes, {FileCount} other files, private keys included: {PrivateKeysIncluded}")]
    public static partial void BackupWritten(ILogger logger, string path, int schemaVersion, long envelopeCount, int fileCount, bool privateKeysIncluded);

    [LoggerMessage(EventId = 92, Level = LogLevel.Information, Message = "Not in the backup: {Path} ({Reason})")]
    public static partial void BackupLeftOut(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 93, Level = LogLevel.Information, Message = "Restored {Backup} (taken {CreatedTime:O}) into {DataDirectory}: schema version {SchemaVersion}, {EnvelopeCount} envelopes, {FileCount} other files")]
    public static partial void Restored(ILogger logger, string backup, string dataDirectory, int schemaVersion, long envelopeCount, int fileCount, DateTimeOffset createdTime);

    [LoggerMessage(EventId = 94, Level = LogLevel.Warning, Message = "The restore replaced {Count} files; the previous ones are kept in {Folder}")]
    public static partial void RestoreSetAside(ILogger logger, int count, string folder);

    [LoggerMessage(EventId = 95, Level = LogLevel.Warning, Message = "Setting {Name} matches no property of the node's options (NodeOptions): check its spelling")]
    public static partial void UnknownSetting(ILogger logger, string name);
}
