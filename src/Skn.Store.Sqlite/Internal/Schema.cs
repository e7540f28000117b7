using Microsoft.Data.Sqlite;

namespace Skn.Store.Sqlite.Internal;

/// <summary>Checks an opened database file and creates the schema in an empty one.</summary>
internal static class Schema
{
    /// <summary>
    /// Makes sure the database is an Skn store of a version this code understands, creating the
    /// schema when the database is empty. Returns true when it created it. Checks before changing
    /// anything, so a foreign database is left as it was.
    /// </summary>
    public static bool Open(SqliteConnection connection, string path)
    {
        if (Check(connection, path))
        {
            return false;
        }

        Execute(connection, Sql.BeginImmediate);
        try
        {
            // Another process may have created it since the check.
            var created = false;
            if (!Check(connection, path))
            {
                Execute(connection, Sql.CreateSchema);
                created = true;
            }

            Execute(connection, Sql.Commit);
            return created;
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

    /// <summary>True when the database holds a usable Skn schema; false when it is empty.</summary>
    private static bool Check(SqliteConnection connection, string path)
    {
        if (Scalar(connection, Sql.CountSchemaObjects) == 0)
        {
            return false;
        }

        if (Scalar(connection, Sql.HasSchemaVersionTable) == 0 || Scalar(connection, Sql.ReadApplicationId) != Sql.ApplicationId)
        {
            throw new InvalidOperationException(
                $"The file '{path}' is a SQLite database but not an Skn message store (it has no Skn schema_version table).");
        }

        var version = Scalar(connection, Sql.ReadSchemaVersion);
        if (version > Sql.SchemaVersion)
        {
            throw new InvalidOperationException(
                $"The message store '{path}' has schema version {version}, newer than version {Sql.SchemaVersion} " +
                "that this node understands: run a newer node, or restore a backup made for this one.");
        }

        if (version != Sql.SchemaVersion)
        {
            throw new InvalidOperationException(
                $"The message store '{path}' has an unknown schema version ({version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}).");
        }

        return true;
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
