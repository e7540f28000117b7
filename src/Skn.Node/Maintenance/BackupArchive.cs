using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace Skn.Node.Maintenance;

/// <summary>
/// The backup file: a gzip-compressed tar archive (readable with <c>tar -tzf</c> for a look inside)
/// of <c>manifest.json</c> first, then the files it lists. Written under a temporary name and renamed
/// when complete, so a backup that was interrupted never looks like a finished one.
/// </summary>
internal static class BackupArchive
{
    /// <summary>Only the owner may read a backup: it names every participant's traffic.</summary>
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Writes the archive to <paramref name="destination"/>, which must not exist.</summary>
    public static void Write(string destination, BackupManifest manifest, IReadOnlyList<(string Entry, string SourcePath)> files)
    {
        var complete = manifest with
        {
            Files = files.Select(f => new BackupManifestFile(f.Entry, new FileInfo(f.SourcePath).Length, Sha256(f.SourcePath))).ToList(),
        };
        var partial = destination + ".partial";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        File.Delete(partial);
        try
        {
            using (var file = new FileStream(partial, options))
            {
                using (var gzip = new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true))
                using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
                {
                    var manifestBytes = JsonSerializer.SerializeToUtf8Bytes(complete, BackupManifest.JsonOptions);
                    tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, BackupManifest.EntryName)
                    {
                        DataStream = new MemoryStream(manifestBytes),
                        Mode = OwnerOnly,
                        ModificationTime = complete.CreatedTime,
                    });
                    foreach (var (entry, sourcePath) in files)
                    {
                        tar.WriteEntry(sourcePath, entry);
                    }
                }

                // On disk before the rename makes it the backup.
                file.Flush(flushToDisk: true);
            }

            File.Move(partial, destination, overwrite: false);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    /// <summary>
    /// Extracts the archive into <paramref name="staging"/> (an empty folder) and checks every file
    /// against the manifest.
    /// </summary>
    /// <exception cref="InvalidDataException">The archive is damaged, incomplete or not an Skn backup.</exception>
    public static BackupManifest Extract(string archive, string staging)
    {
        BackupManifest? manifest = null;
        var extracted = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var file = File.OpenRead(archive))
        using (var gzip = new GZipStream(file, CompressionMode.Decompress))
        using (var tar = new TarReader(gzip))
        {
            while (tar.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is TarEntryType.Directory)
                {
                    continue;
                }

                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
                {
                    throw new InvalidDataException($"The backup '{archive}' holds '{entry.Name}', which is not a plain file.");
                }

                if (entry.Name == BackupManifest.EntryName)
                {
                    manifest = JsonSerializer.Deserialize<BackupManifest>(entry.DataStream, BackupManifest.JsonOptions);
                    continue;
                }

                var target = SafeTarget(archive, staging, entry.Name);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                entry.ExtractToFile(target, overwrite: false);
                extracted[entry.Name] = target;
            }
        }

        if (manifest is null)
        {
            throw new InvalidDataException($"The file '{archive}' is not an Skn backup: it has no {BackupManifest.EntryName}.");
        }

        if (manifest.Format != BackupManifest.CurrentFormat)
        {
            throw new InvalidDataException(
                $"The backup '{archive}' has archive format {manifest.Format}; this node reads format {BackupManifest.CurrentFormat}: restore it with the node that made it.");
        }

        foreach (var expected in manifest.Files)
        {
            if (!extracted.Remove(expected.Entry, out var path))
            {
                throw new InvalidDataException($"The backup '{archive}' is incomplete: {expected.Entry} is missing.");
            }

            if (new FileInfo(path).Length != expected.Size || Sha256(path) != expected.Sha256)
            {
                throw new InvalidDataException($"The backup '{archive}' is damaged: {expected.Entry} does not match its checksum.");
            }
        }

        if (extracted.Count > 0)
        {
            throw new InvalidDataException($"The backup '{archive}' holds files its manifest does not list: {string.Join(", ", extracted.Keys)}.");
        }

        return manifest;
    }

    /// <summary>
    /// Where an entry goes inside the staging folder; refuses a rooted name or one that climbs out
    /// with "..", so a crafted archive cannot write anywhere else.
    /// </summary>
    private static string SafeTarget(string archive, string staging, string entryName)
    {
        var root = Path.GetFullPath(staging) + Path.DirectorySeparatorChar;
        var target = Path.GetFullPath(Path.Combine(root, entryName));
        if (Path.IsPathRooted(entryName) || !target.StartsWith(root, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"The backup '{archive}' holds '{entryName}', a path outside the backup; it is refused.");
        }

        return target;
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
