namespace Skn.Store.Sqlite;

/// <summary>
/// How much of the database file the store uses, and how much it may use. The file does not
/// shrink when content is deleted: freed pages stay in it and the next writes reuse them, so
/// <see cref="UsedBytes"/>, not the file's size, is what approaches <see cref="LimitBytes"/>.
/// </summary>
/// <param name="UsedBytes">Pages in use (envelopes, waiting bodies, the trail, indexes), in bytes.</param>
/// <param name="FreeBytes">Free pages inside the file, in bytes: room the next writes take first.</param>
/// <param name="LimitBytes">
/// <see cref="SqliteStoreOptions.MaxPageCount"/> in bytes, or null when no limit is set. Sends stop
/// a small reserve short of it.
/// </param>
public sealed record StoreSize(long UsedBytes, long FreeBytes, long? LimitBytes)
{
    /// <summary>The file's size as the database sees it: used and free pages.</summary>
    public long FileBytes => UsedBytes + FreeBytes;
}
