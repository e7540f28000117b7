using System.Buffers.Binary;

namespace Skn.Bench.Soak;

/// <summary>
/// The node's SQLite files as seen from outside, without opening a connection (which would take
/// locks and change what is measured): the database file's size, the WAL's size, and how many of
/// the database's pages are free, read from the file header.
/// </summary>
/// <remarks>
/// In WAL mode the header in the main file changes only when a checkpoint copies pages back, so
/// the free-page count is as of the last checkpoint, which SQLite runs by default once the WAL holds 1,000 pages.
/// </remarks>
internal readonly record struct DatabaseFileStats(long DatabaseBytes, long WalBytes, long FreePages, int PageSize)
{
    private const int HeaderLength = 100;

    public double DatabaseMb => DatabaseBytes / (1024.0 * 1024.0);

    public double WalMb => WalBytes / (1024.0 * 1024.0);

    /// <summary>Free pages in MB: space the database file holds and no row uses.</summary>
    public double FreeMb => FreePages * (double)PageSize / (1024.0 * 1024.0);

    /// <summary>Reads the sizes and the header of <paramref name="databasePath"/>; zeros for what does not exist yet.</summary>
    public static DatabaseFileStats Read(string databasePath)
    {
        var database = new FileInfo(databasePath);
        var wal = new FileInfo(databasePath + "-wal");
        if (!database.Exists)
        {
            return default;
        }

        var header = new byte[HeaderLength];
        int read;
        using (var stream = new FileStream(databasePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            read = stream.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false);
        }

        if (read < HeaderLength)
        {
            return new DatabaseFileStats(database.Length, wal.Exists ? wal.Length : 0, 0, 0);
        }

        // The header's page size is at offset 16 (1 means 65,536), the freelist's length at 36; both big-endian.
        var pageSize = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(16, 2));
        var freePages = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(36, 4));
        return new DatabaseFileStats(
            database.Length,
            wal.Exists ? wal.Length : 0,
            freePages,
            pageSize == 1 ? 65536 : pageSize);
    }
}
