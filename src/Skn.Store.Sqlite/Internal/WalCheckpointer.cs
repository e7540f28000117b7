using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Skn.Store.Sqlite.Internal;

/// <summary>
/// Copies the WAL back into the database on a thread and connection of its own
/// (PRAGMA wal_checkpoint(PASSIVE)), so that no commit waits for it. Left to SQLite, that copy
/// (about 4 MB and an fsync of the database) runs inside whichever commit crosses 1,000 WAL pages:
/// a send's, which then waits for it. The writer decides when to ask (<see cref="WalGrowth"/>);
/// a passive checkpoint never blocks the writer or a reader, it copies what nobody still reads.
/// </summary>
internal sealed class WalCheckpointer : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly string _path;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _requests = new(0, 1);
    private readonly Thread _thread;
    private volatile bool _stopping;
    private int _running;
    private int _finished;
    private long _completed;

    private WalCheckpointer(SqliteConnection connection, string path, ILogger logger)
    {
        _connection = connection;
        _path = path;
        _logger = logger;
        // A thread rather than a pool task: each checkpoint blocks for the copy and the fsync,
        // which a thread-pool thread should not.
        _thread = new Thread(Run) { IsBackground = true, Name = "Skn WAL checkpointer" };
        _thread.Start();
    }

    /// <summary>Opens the checkpointer's own connection to the store's database and starts its thread.</summary>
    public static WalCheckpointer Open(string connectionString, string path, ILogger logger)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // The fsync of the database before the WAL may be reused depends on this connection's
            // own setting: FULL, as the writer's.
            command.CommandText = Sql.CheckpointerPragmas;
            command.ExecuteNonQuery();
            return new WalCheckpointer(connection, path, logger);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>True from a request until its checkpoint finished.</summary>
    public bool Busy => Volatile.Read(ref _running) != 0;

    /// <summary>Checkpoints finished so far (for tests).</summary>
    public long CompletedCount => Interlocked.Read(ref _completed);

    /// <summary>Asks for a checkpoint; false when one is already asked for or running.</summary>
    public bool TryRequest()
    {
        if (_stopping || Interlocked.CompareExchange(ref _running, 1, 0) != 0)
        {
            return false;
        }

        _requests.Release();
        return true;
    }

    /// <summary>True once after each finished checkpoint: the writer's cue to finish the frames committed meanwhile.</summary>
    public bool TakeFinished() => Interlocked.Exchange(ref _finished, 0) != 0;

    /// <summary>Stops the thread after the checkpoint it runs, if any, and closes the connection.</summary>
    public void Dispose()
    {
        if (_stopping)
        {
            return;
        }

        _stopping = true;
        _requests.Release();
        _thread.Join();
        _connection.Dispose();
        _requests.Dispose();
    }

    private void Run()
    {
        while (true)
        {
            _requests.Wait();
            if (_stopping)
            {
                return;
            }

            try
            {
                using var command = _connection.CreateCommand();
                command.CommandText = Sql.WalCheckpointPassive;
                command.ExecuteNonQuery();
            }
            catch (SqliteException exception)
            {
                // The disk is in trouble: the writer's next commit reports it to its caller, and
                // the next request tries again.
                Log.CheckpointFailed(_logger, _path, exception);
            }

            Interlocked.Increment(ref _completed);
            Volatile.Write(ref _finished, 1);
            Volatile.Write(ref _running, 0);
        }
    }
}
