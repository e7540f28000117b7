using Microsoft.Data.Sqlite;

namespace Skn.Bench.Scale;

/// <summary>
/// Counts what is still pending in the node's database, read-only from the side (WAL lets a reader
/// run beside the node's writer). Used to see when the expiry sweep is done without asking the node.
/// The states repeat the expiry index's condition literally (pending, delivered, poisoned), or SQLite
/// cannot use it.
/// </summary>
internal static class PendingCounter
{
    public static long CountPending(string databasePath, long upToSequence)
    {
        using var connection = OpenReadOnly(databasePath);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM envelopes INDEXED BY envelopes_expiry WHERE state IN (1, 2, 5) AND sequence <= $upTo AND expire_time > 0";
        command.Parameters.AddWithValue("$upTo", upToSequence);
        return (long)command.ExecuteScalar()!;
    }

    public static long MaxSequence(string databasePath)
    {
        using var connection = OpenReadOnly(databasePath);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(sequence), 0) FROM envelopes";
        return (long)command.ExecuteScalar()!;
    }

    private static SqliteConnection OpenReadOnly(string databasePath)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
