using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Skn.Node.Maintenance;
using Skn.Reliability.Tests.Infrastructure;
using Skn.Store.Sqlite;

namespace Skn.Reliability.Tests.BackupRestore;

/// <summary>
/// Restore on stopped folders: it replaces the store and keeps what it replaced, or puts every file
/// back when it fails part-way; a backup leaves private keys out unless asked; a backup of a newer
/// schema, or a damaged one, is refused before anything in the folder changes. Stores are made with
/// the store itself; the verbs run as the node binary's own processes.
/// </summary>
public sealed class RestoreTests : IDisposable
{
    private const string KeyPem = "-----BEGIN PRIVATE KEY-----\nMIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEA\n-----END PRIVATE KEY-----\n";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "skn-restore-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Restore_OverStoppedFolder_ReplacesStoreKeepsPreviousAndKeys()
    {
        // Arrange: a folder with a store, a public certificate and a private key; back it up, then
        // change the store so the restore has something to undo.
        var data = await NewDataFolderAsync("data");
        var backupFile = Path.Combine(_root, "skn.tar.gz");
        var backup = await NodeVerb.RunAsync("backup", "--to", backupFile, $"--Skn:DataDirectory={data}");
        Assert.True(backup.ExitCode == 0, backup.ToString());
        Execute(Path.Combine(data, "skn.db"), "CREATE TABLE written_after_backup (x INTEGER)");

        // Act
        var restore = await NodeVerb.RunAsync("restore", "--from", backupFile, $"--Skn:DataDirectory={data}");

        // Assert: the backup holds no private key; the store is the backup's, the replaced one is kept
        // in pre-restore-*/, and the key the backup left out is still in place.
        Assert.True(restore.ExitCode == 0, restore.ToString());
        Assert.DoesNotContain(Entries(backupFile), e => e.EndsWith("-key.pem", StringComparison.Ordinal));
        Assert.Contains("data/certs/server.pem", Entries(backupFile));
        Assert.False(HasTable(Path.Combine(data, "skn.db"), "written_after_backup"));
        var setAside = Assert.Single(Directory.GetDirectories(data, "pre-restore-*"));
        Assert.True(HasTable(Path.Combine(setAside, "skn.db"), "written_after_backup"));
        Assert.Equal(KeyPem, await File.ReadAllTextAsync(Path.Combine(data, "certs", "server-key.pem")));
        Assert.Equal(2, SqliteStoreBackup.Verify(Path.Combine(data, "skn.db")).SchemaVersion);
    }

    [Fact]
    public async Task Restore_BackupOfNewerSchema_RefusedWithClearMessage_FolderUntouched()
    {
        // Arrange: a good backup whose store is then replaced by one of schema version 99, with the
        // manifest's checksums made to match, as a newer node would have written it.
        var source = await NewDataFolderAsync("source");
        var backupFile = Path.Combine(_root, "newer.tar.gz");
        var backup = await NodeVerb.RunAsync("backup", "--to", backupFile, $"--Skn:DataDirectory={source}");
        Assert.True(backup.ExitCode == 0, backup.ToString());
        var newerStore = Path.Combine(_root, "newer.db");
        File.Copy(Path.Combine(source, "skn.db"), newerStore);
        Execute(newerStore, "INSERT INTO schema_version (version, applied_time) VALUES (99, 0)");
        ReplaceDatabase(backupFile, newerStore);
        var target = await NewDataFolderAsync("target");
        var before = Snapshot(target);

        // Act
        var restore = await NodeVerb.RunAsync("restore", "--from", backupFile, $"--Skn:DataDirectory={target}");

        // Assert: the store's own refusal, naming both versions; nothing in the folder changed.
        Assert.Equal(1, restore.ExitCode);
        Assert.Contains("has schema version 99, newer than version 2 that this node understands", restore.Error, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(target));
    }

    [Fact]
    public async Task Restore_DamagedBackup_RefusedBeforeAnythingChanges()
    {
        // Arrange: a backup whose store bytes changed after the manifest was written.
        var source = await NewDataFolderAsync("source");
        var backupFile = Path.Combine(_root, "damaged.tar.gz");
        Assert.Equal(0, (await NodeVerb.RunAsync("backup", "--to", backupFile, $"--Skn:DataDirectory={source}")).ExitCode);
        var damaged = Path.Combine(_root, "damaged.db");
        File.Copy(Path.Combine(source, "skn.db"), damaged);
        Execute(damaged, "CREATE TABLE tampered (x INTEGER)");
        ReplaceDatabase(backupFile, damaged, fixManifest: false);
        var target = await NewDataFolderAsync("target");
        var before = Snapshot(target);

        // Act
        var restore = await NodeVerb.RunAsync("restore", "--from", backupFile, $"--Skn:DataDirectory={target}");

        // Assert
        Assert.Equal(1, restore.ExitCode);
        Assert.Contains("is damaged: store.db does not match its checksum", restore.Error, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(target));
    }

    [Fact]
    public async Task Restore_FailingPartWay_PutsTheFolderBackAsItWas()
    {
        // Arrange: a good backup, and a target where one of its certificate files cannot go because a
        // folder has that name. The store's rename comes first and succeeds, so the restore fails
        // with the old store already set aside and the backup's in its place.
        var source = await NewDataFolderAsync("source");
        var backupFile = Path.Combine(_root, "good.tar.gz");
        Assert.Equal(0, (await NodeVerb.RunAsync("backup", "--to", backupFile, $"--Skn:DataDirectory={source}")).ExitCode);
        var target = await NewDataFolderAsync("target");
        Execute(Path.Combine(target, "skn.db"), "CREATE TABLE only_in_target (x INTEGER)");
        File.Delete(Path.Combine(target, "certs", "server.pem"));
        Directory.CreateDirectory(Path.Combine(target, "certs", "server.pem"));
        await File.WriteAllTextAsync(Path.Combine(target, "certs", "server.pem", "in-the-way.txt"), "a folder where a file should go");
        var before = Snapshot(target);

        // Act
        var restore = await NodeVerb.RunAsync("restore", "--from", backupFile, $"--Skn:DataDirectory={target}");

        // Assert: refused with the cause; every file is back, the target's own store among them, and
        // neither a set-aside nor a staging folder is left behind.
        Assert.Equal(1, restore.ExitCode);
        Assert.Contains("The restore failed, and the data folder was left as it was", restore.Error, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(target));
        Assert.True(HasTable(Path.Combine(target, "skn.db"), "only_in_target"));
        Assert.Empty(Directory.GetDirectories(target, NodeRestore.SetAsidePrefix + "*"));
        Assert.Empty(Directory.GetDirectories(target, NodeRestore.StagingPrefix + "*"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    /// <summary>A stopped node's data folder: a store of the current schema, a public certificate and a private key.</summary>
    private async Task<string> NewDataFolderAsync(string name)
    {
        var folder = Path.Combine(_root, name);
        Directory.CreateDirectory(Path.Combine(folder, "certs"));
        await using (await SqliteMessageStore.OpenAsync(new SqliteStoreOptions(Path.Combine(folder, "skn.db"))))
        {
        }

        await File.WriteAllTextAsync(Path.Combine(folder, "certs", "server.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "certs", "server-key.pem"), KeyPem);
        return folder;
    }

    /// <summary>Every file's hash, but the lock file's: the restore took the lock before it looked at the backup, and the file stays.</summary>
    private static Dictionary<string, string> Snapshot(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "skn-node.lock")
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))), StringComparer.Ordinal);

    private static List<string> Entries(string archive)
    {
        using var file = File.OpenRead(archive);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        var names = new List<string>();
        while (tar.GetNextEntry() is { } entry)
        {
            names.Add(entry.Name);
        }

        return names;
    }

    /// <summary>Swaps the archive's store.db for <paramref name="database"/>, and its manifest entry with it unless told not to.</summary>
    private static void ReplaceDatabase(string archive, string database, bool fixManifest = true)
    {
        var entries = new List<(string Name, byte[] Data)>();
        using (var file = File.OpenRead(archive))
        using (var gzip = new GZipStream(file, CompressionMode.Decompress))
        using (var tar = new TarReader(gzip))
        {
            while (tar.GetNextEntry() is { } entry)
            {
                using var data = new MemoryStream();
                entry.DataStream?.CopyTo(data);
                entries.Add((entry.Name, data.ToArray()));
            }
        }

        var store = File.ReadAllBytes(database);
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Name == "store.db")
            {
                entries[i] = ("store.db", store);
            }
            else if (entries[i].Name == "manifest.json" && fixManifest)
            {
                var manifest = JsonNode.Parse(entries[i].Data)!;
                var entry = manifest["files"]!.AsArray().Single(f => (string?)f!["entry"] == "store.db")!;
                entry["size"] = store.Length;
                entry["sha256"] = Convert.ToHexStringLower(SHA256.HashData(store));
                entries[i] = ("manifest.json", System.Text.Encoding.UTF8.GetBytes(manifest.ToJsonString()));
            }
        }

        using var output = File.Create(archive);
        using var zip = new GZipStream(output, CompressionLevel.Fastest);
        using var writer = new TarWriter(zip, TarEntryFormat.Pax);
        foreach (var (name, data) in entries)
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) });
        }
    }

    private static void Execute(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static bool HasTable(string database, string table)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = $name";
        command.Parameters.AddWithValue("$name", table);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }
}
