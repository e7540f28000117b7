using Microsoft.Data.Sqlite;

namespace Skn.Store.Sqlite.Internal;

/// <summary>The SQLite result codes the store tells apart (https://sqlite.org/rescode.html).</summary>
internal static class SqliteErrors
{
    public const int Busy = 5;
    public const int Locked = 6;
    public const int Corrupt = 11;
    public const int Full = 13;
    public const int NotADatabase = 26;

    /// <summary>The database reached its page limit or the disk is full: the transaction did not fit.</summary>
    public static bool IsFull(Exception exception) => exception is SqliteException { SqliteErrorCode: Full };
}
