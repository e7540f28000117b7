using Microsoft.Data.Sqlite;

namespace Skn.Reliability.Tests.Infrastructure;

/// <summary>
/// Reads the node's SQLite file while the node is stopped, read-only (the node's own recovery runs on
/// its next start, not here). The schema is the store's (src/Skn.Store.Sqlite/Internal/Sql.cs):
/// envelopes(message_id, sender_oin, request_id, state 1..4, ...) and contents(sequence, body).
/// </summary>
public sealed class StoreFile : IDisposable
{
    private readonly SqliteConnection _connection;

    private StoreFile(SqliteConnection connection) => _connection = connection;

    public static StoreFile OpenReadOnly(string databasePath)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        return new StoreFile(connection);
    }

    public string IntegrityCheck() => string.Join('\n', Query("PRAGMA integrity_check", r => r.GetString(0)));

    /// <summary>Every envelope row: message id, sender, request id, state, and the body if the contents table still has one.</summary>
    public Dictionary<string, StoredEnvelope> Envelopes() =>
        Query(
                "SELECT e.message_id, e.sender_oin, e.request_id, e.state, c.body FROM envelopes e LEFT JOIN contents c ON c.sequence = e.sequence",
                r => new StoredEnvelope(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.IsDBNull(4) ? null : (byte[])r.GetValue(4)))
            .ToDictionary(e => e.MessageId, StringComparer.Ordinal);

    /// <summary>Bodies that belong to an acknowledged or expired envelope: there must be none.</summary>
    public long OrphanBodies() =>
        Query("SELECT count(*) FROM contents c JOIN envelopes e ON e.sequence = c.sequence WHERE e.state IN (3, 4)", r => r.GetInt64(0)).Single()
        + Query("SELECT count(*) FROM contents c WHERE NOT EXISTS (SELECT 1 FROM envelopes e WHERE e.sequence = c.sequence)", r => r.GetInt64(0)).Single();

    public void Dispose()
    {
        _connection.Dispose();
        SqliteConnection.ClearAllPools();
    }

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> read)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}

/// <summary>One row of the envelopes table with its body (null when the contents row is gone).</summary>
public sealed record StoredEnvelope(string MessageId, string SenderOin, string RequestId, int State, byte[]? Body)
{
    public const int Pending = 1;
    public const int Delivered = 2;
    public const int Acknowledged = 3;
    public const int Expired = 4;
}
