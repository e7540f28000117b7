namespace Skn.Store.Sqlite.Internal;

/// <summary>The database's pages, its free pages and the page size, as a connection sees them now.</summary>
internal readonly record struct PageCounts(long Pages, long FreePages, long PageSize)
{
    /// <summary>Pages that hold something: all of them but the free ones.</summary>
    public long UsedPages => Pages - FreePages;

    /// <summary>Reads SQLite's own counts (the header, no scan) with <paramref name="commands"/>' connection.</summary>
    public static PageCounts Read(CommandCache commands)
    {
        using var reader = commands.Get(Sql.DatabaseSize).ExecuteReader();
        reader.Read();
        return new PageCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }
}
