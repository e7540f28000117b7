using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Skn.Store.Sqlite.Internal;

/// <summary>
/// What an operation sees while the writer runs it: the writer connection's reusable commands,
/// the page limit for sends, and an undo log for the in-memory state it changes alongside the database.
/// </summary>
internal sealed class WriterContext : IDisposable
{
    private readonly List<Action> _undo = [];
    private readonly string? _hardLimitSql;
    private readonly string? _sendLimitSql;
    private readonly long? _sendLimitPages;
    private bool _sendLimitActive;

    public WriterContext(SqliteConnection connection, long? maxPageCount)
    {
        Commands = new CommandCache(connection);
        if (maxPageCount is { } max)
        {
            // Sends stop this many pages short of the limit, so that leases (which grow rows) and
            // acknowledgements still find room and the node can drain a full store.
            var sendLimit = Math.Max(1, max - Math.Clamp(max / 32, 8, 4096));
            _sendLimitPages = sendLimit;
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

    /// <summary>
    /// How much a send could still add under its page limit, as this connection sees the database
    /// now; null without a configured page limit (then only the disk bounds the store).
    /// </summary>
    public StoreRoom? RoomUnderSendLimit()
    {
        if (_sendLimitPages is not { } sendLimit)
        {
            return null;
        }

        var pages = PageCounts.Read(Commands);
        return new StoreRoom(Math.Max(0, sendLimit - pages.UsedPages) * pages.PageSize, sendLimit * pages.PageSize);
    }

    /// <summary>
    /// Registers how to take back a change to memory made with the transaction (an open lease, say):
    /// the writer runs it when the operation's savepoint or the whole transaction is rolled back,
    /// so memory never claims what the database does not hold.
    /// </summary>
    public void OnRollback(Action undo) => _undo.Add(undo);

    /// <summary>Set by a send that stored its envelope in the current batch (for <see cref="CommitHealth"/>).</summary>
    public bool SendStored { get; set; }

    /// <summary>Set when an operation of the current batch did not fit (SQLITE_FULL).</summary>
    internal bool SendFull { get; set; }

    internal void ResetBatchOutcome()
    {
        SendStored = false;
        SendFull = false;
    }

    /// <summary>A mark to roll memory back to (see <see cref="RollBackMemory"/>).</summary>
    internal int UndoMark => _undo.Count;

    /// <summary>Undoes the memory changes made since <paramref name="mark"/>, newest first.</summary>
    internal void RollBackMemory(int mark = 0)
    {
        for (var i = _undo.Count - 1; i >= mark; i--)
        {
            _undo[i]();
        }

        _undo.RemoveRange(mark, _undo.Count - mark);
    }

    /// <summary>The transaction committed: its memory changes stand.</summary>
    internal void KeepMemory() => _undo.Clear();

    public void Dispose() => Commands.Dispose();
}
