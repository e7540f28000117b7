using Microsoft.Data.Sqlite;
using Skn.Store.Sqlite.Internal;

namespace Skn.Store.Sqlite;

/// <summary>
/// Online backup of a message store with SQLite's backup API, and the check a backup must pass
/// before anyone relies on it. The copy is consistent while a node writes to the store: it is one
/// read transaction, so it holds exactly the transactions committed before it began.
/// </summary>
public static class SqliteStoreBackup
{
    /// <summary>
    /// Copies the store at <paramref name="sourcePath"/> into a new file at
    /// <paramref name="destinationPath"/> and checks the copy (<see cref="Verify"/>).
    /// </summary>
    /// <returns>What the copy holds.</returns>
    /// <exception cref="FileNotFoundException">There is no store at <paramref name="sourcePath"/>.</exception>
    /// <exception cref="IOException"><paramref name="destinationPath"/> exists already.</exception>
    /// <exception cref="InvalidOperationException">The source is not an Skn store, or the copy failed its check.</exception>
    public static StoreBackupSummary Backup(string sourcePath, string destinationPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourcePath);
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationPath);
        var source = Path.GetFullPath(sourcePath);
        var destination = Path.GetFullPath(destinationPath);
        if (!File.Exists(source))
        {
            throw new FileNotFoundException($"There is no message store at '{source}'.", source);
        }

        if (File.Exists(destination))
        {
            throw new IOException($"The backup file '{destination}' exists already; it is not overwritten.");
        }

        // Read-write without create: a read-only connection cannot open a WAL database whose -shm
        // file is missing (a stopped node's store), and nothing here writes to the source.
        using (var from = Open(source, SqliteOpenMode.ReadWrite))
        using (var to = Open(destination, SqliteOpenMode.ReadWriteCreate))
        {
            // Refuse a foreign or newer file before copying it, with the store's own message.
            Schema.Check(from, source);

            // sqlite3_backup_step(-1): every page in one step, under one read transaction of the source.
            from.BackupDatabase(to);

            // The copy is one self-contained file: no -wal beside it that a file copy could forget.
            // The node switches it back to WAL when it opens it.
            Execute(to, "PRAGMA journal_mode = DELETE");
        }

        return Verify(destination);
    }

    /// <summary>
    /// Checks a store file without changing it: SQLite's <c>PRAGMA integrity_check</c> and the schema
    /// version (a store of a newer schema than this code understands is refused, with the same
    /// message a node gives when it is asked to open one).
    /// </summary>
    /// <exception cref="InvalidOperationException">The file is damaged, foreign or of a newer schema.</exception>
    public static StoreBackupSummary Verify(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"There is no message store at '{full}'.", full);
        }

        try
        {
            using var connection = Open(full, SqliteOpenMode.ReadOnly);
            var integrity = Strings(connection, "PRAGMA integrity_check");
            if (integrity is not ["ok"])
            {
                throw new InvalidOperationException(
                    $"The message store '{full}' failed SQLite's integrity check: {string.Join("; ", integrity.Take(5))}.");
            }

            var version = Schema.Check(connection, full);
            if (version == 0)
            {
                throw new InvalidOperationException($"The file '{full}' is empty: it holds no message store.");
            }

            return new StoreBackupSummary(version, Count(connection, "SELECT count(*) FROM envelopes"), new FileInfo(full).Length);
        }
        catch (SqliteException exception)
        {
            throw new InvalidOperationException($"The file '{full}' cannot be read as an Skn message store: {exception.Message}", exception);
        }
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,

            // Closed for real on dispose: the restore moves the file right after.
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    private static List<string> Strings(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private static long Count(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

/// <summary>What a checked store file holds.</summary>
/// <param name="SchemaVersion">The store's schema version.</param>
/// <param name="EnvelopeCount">Envelope rows, whatever their state (the metadata trail included).</param>
/// <param name="SizeBytes">The file's size in bytes.</param>
public sealed record StoreBackupSummary(int SchemaVersion, long EnvelopeCount, long SizeBytes);
