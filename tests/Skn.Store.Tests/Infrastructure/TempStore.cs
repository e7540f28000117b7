using Microsoft.Data.Sqlite;
using Skn.Store.Sqlite;

namespace Skn.Store.Tests.Infrastructure;

/// <summary>A store on a real SQLite file in a fresh temporary directory, deleted afterwards.</summary>
internal sealed class TempStore : IAsyncDisposable
{
    private readonly Func<SqliteStoreOptions, SqliteStoreOptions> _configure;
    private SqliteMessageStore? _store;

    private TempStore(string directory, Func<SqliteStoreOptions, SqliteStoreOptions> configure)
    {
        Directory = directory;
        DatabasePath = Path.Combine(directory, "skn.db");
        _configure = configure;
    }

    public string Directory { get; }

    public string DatabasePath { get; }

    public string WalPath => DatabasePath + "-wal";

    public SqliteMessageStore Store => _store ?? throw new InvalidOperationException("The store is closed.");

    public SqliteStoreOptions Options => _configure(new SqliteStoreOptions(DatabasePath));

    /// <summary>A directory with no store opened yet.</summary>
    public static TempStore CreateDirectory(Func<SqliteStoreOptions, SqliteStoreOptions>? configure = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "skn-store-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        return new TempStore(directory, configure ?? (o => o));
    }

    /// <summary>A directory with a new store opened in it.</summary>
    public static async Task<TempStore> CreateAsync(Func<SqliteStoreOptions, SqliteStoreOptions>? configure = null)
    {
        var temp = CreateDirectory(configure);
        await temp.OpenAsync().Within();
        return temp;
    }

    public async Task<SqliteMessageStore> OpenAsync()
    {
        _store = await SqliteMessageStore.OpenAsync(Options).Within();
        return _store;
    }

    /// <summary>Disposes the store (checkpointing and closing its files), leaving the files in place.</summary>
    public async Task CloseAsync()
    {
        if (_store is { } store)
        {
            _store = null;
            await store.DisposeAsync().Within();
        }
    }

    public async Task<SqliteMessageStore> ReopenAsync()
    {
        await CloseAsync();
        return await OpenAsync();
    }

    /// <summary>A plain connection to the database file, outside the store.</summary>
    public SqliteConnection OpenRawConnection()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>Whether the database file, or its WAL when there is one, contains <paramref name="marker"/>.</summary>
    public bool FilesContain(byte[] marker)
    {
        foreach (var path in new[] { DatabasePath, WalPath })
        {
            if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().IndexOf(marker) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory must not fail a test.
        }
    }
}
