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
        var pages = PageCounts.Read(commands);
        return new StoreSize(pages.UsedPages * pages.PageSize, pages.FreePages * pages.PageSize, _options.MaxPageCount * pages.PageSize);
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
