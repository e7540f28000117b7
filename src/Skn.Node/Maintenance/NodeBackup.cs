using System.Reflection;
using System.Text.Json;
using Skn.Node.Hosting;
using Skn.Node.Logging;
using Skn.Node.Registry;
using Skn.Store.Sqlite;

namespace Skn.Node.Maintenance;

/// <summary>
/// <c>Skn.Node backup --to &lt;file&gt;</c>: an online backup of a node's data folder, taken while the
/// node serves. The database is copied with SQLite's backup API (one consistent snapshot: every send
/// that returned OK before the copy began is in it) and checked; the registry file and the rest of
/// the data folder (public certificates) go with it; private keys only when asked.
/// </summary>
internal static class NodeBackup
{
    public static BackupManifest Create(NodeOptions options, string destination, bool includePrivateKeys, ILogger logger)
    {
        var target = Path.GetFullPath(destination);
        if (File.Exists(target))
        {
            throw new IOException($"The backup file '{target}' exists already; it is not overwritten.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var snapshot = target + ".store.partial";
        File.Delete(snapshot);
        try
        {
            var store = SqliteStoreBackup.Backup(options.ResolvedDatabasePath, snapshot);
            var files = new List<(string Entry, string SourcePath)> { (BackupManifest.DatabaseEntry, snapshot) };
            var registry = Path.GetFullPath(options.ResolvedRegistryPath);
            if (File.Exists(registry))
            {
                files.Add((BackupManifest.RegistryEntry, registry));
                WarnAboutCertificatesOutside(registry, options.DataDirectory, logger);
            }

            files.AddRange(DataFolderFiles(options, target, includePrivateKeys, logger));
            var manifest = new BackupManifest
            {
                CreatedTime = DateTimeOffset.UtcNow,
                NodeVersion = typeof(NodeBackup).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "",
                SchemaVersion = store.SchemaVersion,
                EnvelopeCount = store.EnvelopeCount,
                PrivateKeysIncluded = includePrivateKeys,
            };
            BackupArchive.Write(target, manifest, files);
            NodeLog.BackupWritten(logger, target, store.SchemaVersion, store.EnvelopeCount, files.Count - 1, includePrivateKeys);
            return manifest;
        }
        finally
        {
            File.Delete(snapshot);
        }
    }

    /// <summary>
    /// Every file of the data folder a restored node needs besides the database and the registry:
    /// the certificates the registry points at, the node's certificate and trusted CAs. Left out:
    /// the live database files (the snapshot stands for them), the lock, earlier restores' set-aside
    /// files, the backup itself, and private keys unless asked.
    /// </summary>
    private static IEnumerable<(string Entry, string SourcePath)> DataFolderFiles(NodeOptions options, string target, bool includePrivateKeys, ILogger logger)
    {
        var folder = Path.GetFullPath(options.DataDirectory);
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        var database = Path.GetFullPath(options.ResolvedDatabasePath);
        var skip = new HashSet<string>(StringComparer.Ordinal)
        {
            database, database + "-wal", database + "-shm", database + "-journal",
            Path.GetFullPath(options.ResolvedRegistryPath),
            Path.Combine(folder, DataFolderLock.FileName),
        };
        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(folder, path);
            var top = relative.Split(Path.DirectorySeparatorChar)[0];
            if (skip.Contains(path) || path.StartsWith(target, StringComparison.Ordinal)
                || top.StartsWith(NodeRestore.SetAsidePrefix, StringComparison.Ordinal)
                || top.StartsWith(NodeRestore.StagingPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            if (!includePrivateKeys && PrivateKeyFiles.IsPrivateKey(path))
            {
                NodeLog.BackupLeftOut(logger, path, "private key; add --include-keys to back it up");
                continue;
            }

            yield return (BackupManifest.DataFolderPrefix + relative.Replace(Path.DirectorySeparatorChar, '/'), path);
        }
    }

    /// <summary>A registry may name certificates anywhere; those outside the data folder are the operator's to back up.</summary>
    private static void WarnAboutCertificatesOutside(string registry, string dataDirectory, ILogger logger)
    {
        RegistryFile? file;
        try
        {
            using var stream = File.OpenRead(registry);
            file = JsonSerializer.Deserialize<RegistryFile>(stream, RegistryFile.JsonOptions);
        }
        catch (JsonException)
        {
            // Backed up as it is: the node refuses it at start with the problem named, as before.
            return;
        }

        var folder = Path.GetFullPath(dataDirectory) + Path.DirectorySeparatorChar;
        var registryFolder = Path.GetDirectoryName(registry)!;
        foreach (var reference in (file?.Participants ?? []).SelectMany(p => p.Certificates))
        {
            var path = Path.GetFullPath(Path.Combine(registryFolder, reference.File));
            if (!path.StartsWith(folder, StringComparison.Ordinal))
            {
                NodeLog.BackupLeftOut(logger, path, "named by the registry but outside the data folder; back it up with the node's configuration");
            }
        }
    }
}
