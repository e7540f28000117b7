using Skn.Store.Sqlite.Internal;

namespace Skn.Store.Sqlite;

public sealed partial class SqliteMessageStore
{
    /// <summary>
    /// Reads how much of the database the store uses, from SQLite's own page counts on a read
    /// connection: a look at the database header, no scan, so it is cheap enough for every
    /// metrics scrape.
    /// </summary>
    public Task<StoreSize> ReadSizeAsync(CancellationToken cancellationToken) =>
        ReadAsync(ReadSize, cancellationToken);

    private StoreSize ReadSize(CommandCache commands)
    {
        using var reader = commands.Get(Sql.DatabaseSize).ExecuteReader();
        reader.Read();
        var pages = reader.GetInt64(0);
        var free = reader.GetInt64(1);
        var pageSize = reader.GetInt64(2);
        return new StoreSize((pages - free) * pageSize, free * pageSize, _options.MaxPageCount * pageSize);
    }

    /// <summary>The size for a metrics collection; null when the store is closed or cannot be read.</summary>
    private StoreSize? ReadSizeForMetrics()
    {
        try
        {
            return ReadSizeAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception exception) when (exception is ObjectDisposedException or Microsoft.Data.Sqlite.SqliteException)
        {
            return null;
        }
    }
}
