using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Skn.Store.Sqlite.Internal;

/// <summary>
/// Read-only connections for queries, kept open with their compiled commands and handed out one
/// caller at a time. In WAL mode they read alongside the writer.
/// </summary>
internal sealed class ReadConnectionPool : IDisposable
{
    private const int MaxIdle = 16;

    private readonly ConcurrentBag<ReadConnection> _idle = [];
    private readonly string _connectionString;
    private readonly string _busyTimeoutSql;
    private volatile bool _disposed;

    public ReadConnectionPool(string connectionString, TimeSpan busyTimeout)
    {
        _connectionString = connectionString;
        _busyTimeoutSql = string.Format(
            CultureInfo.InvariantCulture, Sql.BusyTimeoutFormat, (long)busyTimeout.TotalMilliseconds);
    }

    public ReadConnection Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, typeof(SqliteMessageStore));
        return _idle.TryTake(out var connection) ? connection : Open();
    }

    public void Return(ReadConnection connection)
    {
        if (_disposed || _idle.Count >= MaxIdle)
        {
            connection.Dispose();
            return;
        }

        _idle.Add(connection);
        if (_disposed)
        {
            DisposeIdle();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        DisposeIdle();
    }

    private void DisposeIdle()
    {
        while (_idle.TryTake(out var connection))
        {
            connection.Dispose();
        }
    }

    private ReadConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = _busyTimeoutSql + ";" + Sql.ReaderPragmas;
            command.ExecuteNonQuery();
            return new ReadConnection(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}

/// <summary>An open read connection and its reusable commands.</summary>
internal sealed class ReadConnection(SqliteConnection connection) : IDisposable
{
    public CommandCache Commands { get; } = new(connection);

    public void Dispose()
    {
        Commands.Dispose();
        connection.Dispose();
    }
}
