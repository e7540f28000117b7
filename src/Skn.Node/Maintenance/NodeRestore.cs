using System.Globalization;
using Skn.Node.Hosting;
using Skn.Node.Logging;
using Skn.Store.Sqlite;

namespace Skn.Node.Maintenance;

/// <summary>
/// <c>Skn.Node restore --from &lt;file&gt;</c>: puts a backup in place in a node's data folder while
/// no node runs on it. Everything is checked before anything is replaced (checksums, SQLite's
/// integrity check, a schema this node understands); what the restore replaces is moved aside into
/// <c>pre-restore-&lt;time&gt;/</c>, never deleted.
/// </summary>
internal static class NodeRestore
{
    /// <summary>Folder name prefix of what a restore replaced.</summary>
    public const string SetAsidePrefix = "pre-restore-";

    /// <summary>Folder name prefix of a restore's unpacked archive, removed when it ends.</summary>
    public const string StagingPrefix = ".restore-";

    public static BackupManifest Run(NodeOptions options, string source, ILogger logger)
    {
        var archive = Path.GetFullPath(source);
        if (!File.Exists(archive))
        {
            throw new FileNotFoundException($"There is no backup at '{archive}'.", archive);
        }

        var folder = Path.GetFullPath(options.DataDirectory);
        using var folderLock = DataFolderLock.Acquire(folder, "restore");

        // Inside the data folder, so the final moves are renames on one file system.
        var staging = Path.Combine(folder, StagingPrefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        try
        {
            var manifest = BackupArchive.Extract(archive, staging);
            var store = SqliteStoreBackup.Verify(Path.Combine(staging, BackupManifest.DatabaseEntry));

            var database = Path.GetFullPath(options.ResolvedDatabasePath);
            var moves = new List<(string From, string To)> { (Path.Combine(staging, BackupManifest.DatabaseEntry), database) };
            var registry = Path.Combine(staging, BackupManifest.RegistryEntry);
            if (File.Exists(registry))
            {
                moves.Add((registry, Path.GetFullPath(options.ResolvedRegistryPath)));
            }

            var dataFiles = Path.Combine(staging, BackupManifest.DataFolderPrefix.TrimEnd('/'));
            if (Directory.Exists(dataFiles))
            {
                moves.AddRange(Directory.EnumerateFiles(dataFiles, "*", SearchOption.AllDirectories)
                    .Select(path => (path, Path.Combine(folder, Path.GetRelativePath(dataFiles, path)))));
            }

            // The old database's -wal and -shm go with it: left beside the restored file, SQLite
            // would replay the old node's last transactions into it.
            var replaced = moves.Select(m => m.To)
                .Concat([database + "-wal", database + "-shm", database + "-journal"])
                .Where(File.Exists)
                .ToList();

            PutInPlace(folder, moves, replaced, logger);
            NodeLog.Restored(logger, archive, folder, store.SchemaVersion, store.EnvelopeCount, moves.Count - 1, manifest.CreatedTime);
            return manifest;
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>
    /// Sets <paramref name="replaced"/> aside and renames the backup's files into place. Every rename
    /// is journalled: if one fails part-way (a full disk, a folder where a file should go, a
    /// permission), the data folder goes back to exactly what it was.
    /// </summary>
    private static void PutInPlace(string folder, List<(string From, string To)> moves, List<string> replaced, ILogger logger)
    {
        var journal = new FileMoveJournal();
        string? aside = null;
        try
        {
            if (replaced.Count > 0)
            {
                aside = SetAsideFolder(folder);
                foreach (var path in replaced)
                {
                    journal.Move(path, Path.Combine(aside, path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                        ? Path.GetRelativePath(folder, path)
                        : Path.GetFileName(path)));
                }
            }

            foreach (var (from, to) in moves)
            {
                journal.Move(from, to);
            }
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            try
            {
                journal.Undo();
            }
            catch (IOException undoFailure)
            {
                throw new IOException(
                    $"The restore failed part-way ({failure.Message}) and the data folder could not be put back as it was. " +
                    $"{undoFailure.Message} What the restore replaced is in '{aside}'.", failure);
            }

            throw new IOException($"The restore failed, and the data folder was left as it was: {failure.Message}", failure);
        }

        journal.Flush();
        if (aside is not null)
        {
            NodeLog.RestoreSetAside(logger, replaced.Count, aside);
        }
    }

    /// <summary>A new folder name for what this restore replaces; two restores within a second must not mix theirs.</summary>
    private static string SetAsideFolder(string folder)
    {
        var aside = Path.Combine(folder, SetAsidePrefix + DateTimeOffset.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        var candidate = aside;
        for (var n = 2; Directory.Exists(candidate); n++)
        {
            candidate = $"{aside}~{n}";
        }

        return candidate;
    }
}
