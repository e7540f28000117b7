using System.Globalization;
using Microsoft.Data.Sqlite;
using Skn.Store.Sqlite.Internal.Migrations;

namespace Skn.Store.Sqlite.Internal;

/// <summary>
/// Checks an opened database file and brings its schema to the version this code writes: creates
/// it in an empty file, migrates an older store forward, refuses a newer or a foreign one.
/// </summary>
internal static class Schema
{
    /// <summary>
    /// Makes sure the database is an Skn store of the current version. Checks before changing
    /// anything, so a foreign or newer database is left as it was; all pending steps run in one
    /// transaction, so a failed migration leaves the store at its old version.
    /// </summary>
    /// <returns>The version the file had: 0 when it was empty.</returns>
    public static int Open(SqliteConnection connection, string path, DateTimeOffset now)
    {
        var found = Check(connection, path);
        if (found == SchemaMigrations.Latest)
        {
            return found;
        }

        Execute(connection, Sql.BeginImmediate);
        try
        {
            // Another process may have created or migrated it since the check.
            found = Check(connection, path);
            foreach (var step in SchemaMigrations.All.Where(m => m.Version > found))
            {
                Execute(connection, step.Sql);
                using var record = connection.CreateCommand();
                record.CommandText = step.Version == 1 ? Sql.RecordSchemaVersionV1 : Sql.RecordSchemaVersion;
                record.Parameters.AddWithValue("$version", step.Version);
                if (step.Version > 1)
                {
                    record.Parameters.AddWithValue("$applied_time", now.ToUnixTimeMilliseconds());
                }

                record.ExecuteNonQuery();
            }

            Execute(connection, Sql.Commit);
            return found;
        }
        catch
        {
            if (SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) == 0)
            {
                Execute(connection, Sql.Rollback);
            }

            throw;
        }
    }

    /// <summary>
    /// The schema version of the database: 0 when it is empty. Refuses a foreign database and one of a
    /// newer schema with a message for the operator (also used to check backups before restoring them).
    /// </summary>
    internal static int Check(SqliteConnection connection, string path)
    {
        if (Scalar(connection, Sql.CountSchemaObjects) == 0)
        {
            return 0;
        }

        if (Scalar(connection, Sql.HasSchemaVersionTable) == 0 || Scalar(connection, Sql.ReadApplicationId) != Sql.ApplicationId)
        {
            throw new InvalidOperationException(
                $"The file '{path}' is a SQLite database but not an Skn message store (it has no Skn schema_version table).");
        }

        var version = Scalar(connection, Sql.ReadSchemaVersion);
        if (version > SchemaMigrations.Latest)
        {
            throw new InvalidOperationException(
                $"The message store '{path}' has schema version {version}, newer than version {SchemaMigrations.Latest} " +
                "that this node understands: run a newer node, or restore a backup made for this one.");
        }

        if (version is not { } known || known < 1)
        {
            throw new InvalidOperationException(
                $"The message store '{path}' has an unknown schema version ({version?.ToString(CultureInfo.InvariantCulture) ?? "none"}).");
        }

        return (int)known;
    }

    private static long? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ScalarInt64();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
