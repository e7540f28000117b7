using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Skn.Store.Sqlite.Internal;

/// <summary>
/// What an operation sees while the writer runs it: the writer connection's reusable commands,
/// and the page limit for sends.
/// </summary>
internal sealed class WriterContext : IDisposable
{
    private readonly string? _hardLimitSql;
    private readonly string? _sendLimitSql;
    private bool _sendLimitActive;

    public WriterContext(SqliteConnection connection, long? maxPageCount)
    {
        Commands = new CommandCache(connection);
        if (maxPageCount is { } max)
        {
            // Sends stop this many pages short of the limit, so that leases (which grow rows) and
            // acknowledgements still find room and the node can drain a full store.
            var sendLimit = Math.Max(1, max - Math.Clamp(max / 32, 8, 4096));
            _hardLimitSql = string.Format(CultureInfo.InvariantCulture, Sql.MaxPageCountFormat, max);
            _sendLimitSql = string.Format(CultureInfo.InvariantCulture, Sql.MaxPageCountFormat, sendLimit);
        }
    }

    public CommandCache Commands { get; }

    public SqliteConnection Connection => Commands.Connection;

    public SqliteCommand Command(string sql) => Commands.Get(sql);

    /// <summary>
    /// Applies the lower page limit for a send (true) or the full limit for everything else (false).
    /// A no-op without a configured page limit.
    /// </summary>
    public void UseSendLimit(bool forSend)
    {
        if (_hardLimitSql is null || forSend == _sendLimitActive)
        {
            return;
        }

        // SQLite raises a limit below the current size to the current size: then nothing grows.
        Commands.Get(forSend ? _sendLimitSql! : _hardLimitSql).ExecuteNonQuery();
        _sendLimitActive = forSend;
    }

    public void Dispose() => Commands.Dispose();
}
