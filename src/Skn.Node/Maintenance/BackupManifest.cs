using System.Text.Json;
using System.Text.Json.Serialization;

namespace Skn.Node.Maintenance;

/// <summary>
/// <c>manifest.json</c>, the first entry of a backup archive: what the backup holds and the SHA-256
/// of every file, so a restore finds a damaged or truncated archive before it touches anything.
/// </summary>
internal sealed record BackupManifest
{
    /// <summary>The archive layout's version; a restore refuses one it does not know.</summary>
    public const int CurrentFormat = 1;

    /// <summary>The entry name of the database snapshot.</summary>
    public const string DatabaseEntry = "store.db";

    /// <summary>The entry name of the registry file.</summary>
    public const string RegistryEntry = "registry.json";

    /// <summary>The folder of the data folder's other files, by their path inside the data folder.</summary>
    public const string DataFolderPrefix = "data/";

    /// <summary>The manifest's own entry name.</summary>
    public const string EntryName = "manifest.json";

    public int Format { get; init; } = CurrentFormat;

    public DateTimeOffset CreatedTime { get; init; }

    public string NodeVersion { get; init; } = "";

    public int SchemaVersion { get; init; }

    public long EnvelopeCount { get; init; }

    public bool PrivateKeysIncluded { get; init; }

    /// <summary>Every entry but the manifest, with its SHA-256 (lowercase hex).</summary>
    public List<BackupManifestFile> Files { get; init; } = [];

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}

/// <summary>One file in a backup archive.</summary>
internal sealed record BackupManifestFile(string Entry, long Size, string Sha256);
