using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SQLitePCL;

namespace Skn.Store.Sqlite.Internal;

/// <summary>
/// The store's one writer. Callers queue operations; a single long-running task owns the write
/// connection, takes every operation waiting (up to the batch size), runs them in one
/// BEGIN IMMEDIATE ... COMMIT with a savepoint each, and completes them only after COMMIT returned:
/// many writes, one fsync.
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    /// <summary>How long a periodic checkpoint waits for readers: the writer, and every send, waits with it.</summary>
    private const int CheckpointBusyTimeoutMilliseconds = 100;

    /// <summary>Most links a commit span carries: enough to find the calls, bounded for a full batch.</summary>
    private const int MaxCommitLinks = 32;

    private readonly Channel<WriteOperation> _queue = Channel.CreateUnbounded<WriteOperation>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false, AllowSynchronousContinuations = false });

    private readonly SqliteConnection _connection;
    private readonly WriterContext _context;
    private readonly int _maxBatchSize;
    private readonly string _path;
    private readonly ILogger _logger;
    private readonly string _busyTimeoutSql;
    private readonly string _checkpointBusyTimeoutSql;
    private readonly StoreTelemetry _telemetry;
    private readonly CommitHealth _health;

    // Made once: a method group passed on every commit would allocate a delegate each time.
    private readonly Func<StoreRoom?> _roomUnderSendLimit;
    private readonly Task _loop;
    private long _commitCount;
    private long _operationCount;
    private int _disposed;

    public GroupCommitWriter(
        SqliteConnection connection,
        int maxBatchSize,
        long? maxPageCount,
        TimeSpan busyTimeout,
        string path,
        ILogger logger,
        StoreTelemetry telemetry,
        CommitHealth health)
    {
        _telemetry = telemetry;
        _health = health;
        _busyTimeoutSql = string.Format(
            CultureInfo.InvariantCulture, Sql.BusyTimeoutFormat, (long)busyTimeout.TotalMilliseconds);
        _checkpointBusyTimeoutSql = string.Format(
            CultureInfo.InvariantCulture, Sql.BusyTimeoutFormat, Math.Min(CheckpointBusyTimeoutMilliseconds, (long)busyTimeout.TotalMilliseconds));
        _connection = connection;
        _context = new WriterContext(connection, maxPageCount);
        _roomUnderSendLimit = _context.RoomUnderSendLimit;
        _maxBatchSize = maxBatchSize;
        _path = path;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Transactions committed so far.</summary>
    public long CommitCount => Interlocked.Read(ref _commitCount);

    /// <summary>Operations taken by the writer so far (cancelled ones not counted).</summary>
    public long OperationCount => Interlocked.Read(ref _operationCount);

    /// <summary>
    /// Queues an operation. The task completes after the operation's batch committed, or faults
    /// with the operation's own failure (mapped by <paramref name="mapFailure"/>) or the batch's.
    /// </summary>
    public Task<T> SubmitAsync<T>(
        Func<WriterContext, T> body,
        CancellationToken cancellationToken,
        Func<Exception, Exception>? mapFailure = null,
        WriteMode mode = WriteMode.Batched)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        var operation = new WriteOperation<T>(body, mapFailure, mode);
        operation.CancelWhileQueued(cancellationToken);
        if (!_queue.Writer.TryWrite(operation))
        {
            throw new ObjectDisposedException(nameof(SqliteMessageStore), "The message store is closed.");
        }

        return operation.Task;
    }

    /// <summary>Stops accepting operations, finishes the queued ones, checkpoints the WAL and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        try
        {
            Checkpoint(_context, waitForReaders: true);
        }
        catch (SqliteException exception)
        {
            Log.CheckpointFailed(_logger, _path, exception);
        }

        _context.Dispose();
        _connection.Dispose();
    }

    /// <summary>
    /// Runs PRAGMA wal_checkpoint(TRUNCATE); false when a reader kept it from finishing. Unless
    /// <paramref name="waitForReaders"/>, it waits only briefly for readers, so that a long query
    /// cannot hold up the writer: the next checkpoint finishes the work.
    /// </summary>
    public bool Checkpoint(WriterContext context, bool waitForReaders)
    {
        if (!waitForReaders)
        {
            context.Command(_checkpointBusyTimeoutSql).ExecuteNonQuery();
        }

        bool busy;
        try
        {
            using var reader = context.Command(Sql.WalCheckpointTruncate).ExecuteReader();
            busy = reader.Read() && reader.GetInt64(0) != 0;
        }
        finally
        {
            if (!waitForReaders)
            {
                context.Command(_busyTimeoutSql).ExecuteNonQuery();
            }
        }

        if (busy)
        {
            Log.CheckpointBusy(_logger, _path);
        }

        return !busy;
    }

    private async Task RunAsync()
    {
        // The loop outlives whatever call opened the store: its commit spans are roots, never children of that call.
        Activity.Current = null;
        try
        {
            await RunBatchesAsync().ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // Not expected (every batch catches its own failures), but the writer must never die
            // silently with callers waiting: refuse new operations and fail the queued ones.
            Log.WriterFailed(_logger, _path, exception);
            _queue.Writer.TryComplete();
            var closed = new ObjectDisposedException(nameof(SqliteMessageStore), "The message store's writer stopped.");
            while (_queue.Reader.TryRead(out var operation))
            {
                if (operation.TryTake())
                {
                    operation.FailBatch(closed);
                }
            }
        }
    }

    /// <summary>
    /// The writer's loop. It waits for work asynchronously rather than parking a dedicated thread:
    /// a blocked wait spins (sched_yield) before it sleeps, which on a small machine costs as much
    /// CPU as the writes. Between awaits the batch runs synchronously, so only one thread at a
    /// time ever uses the connection.
    /// </summary>
    private async Task RunBatchesAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<WriteOperation>(_maxBatchSize);
        var deferred = new List<WriteOperation>();
        var single = new List<WriteOperation>(1);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // The short writes waiting are committed first, together; the long ones taken with
            // them follow, each on its own.
            while (batch.Count < _maxBatchSize && deferred.Count < _maxBatchSize && reader.TryRead(out var operation))
            {
                if (!operation.TryTake())
                {
                    continue;
                }

                Interlocked.Increment(ref _operationCount);
                (operation.Mode == WriteMode.Batched ? batch : deferred).Add(operation);
            }

            RunBatch(batch);
            batch.Clear();
            foreach (var operation in deferred)
            {
                if (operation.Mode == WriteMode.OutsideTransaction)
                {
                    RunOutsideTransaction(operation);
                }
                else
                {
                    single.Add(operation);
                    RunBatch(single);
                    single.Clear();
                }
            }

            deferred.Clear();
        }
    }

    private void RunOutsideTransaction(WriteOperation operation)
    {
        try
        {
            operation.Execute(_context);
            _context.KeepMemory();
        }
        catch (Exception exception)
        {
            _context.RollBackMemory();
            operation.RecordFailure(exception);
        }

        operation.Complete();
    }

    private void RunBatch(List<WriteOperation> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        using var activity = StartCommitActivity(batch);
        var started = Stopwatch.GetTimestamp();
        _context.ResetBatchOutcome();
        try
        {
            do
            {
                _context.RollBackMemory();
                Execute(Sql.BeginImmediate);
            }
            while (!ExecuteAll(batch));

            Execute(Sql.Commit);
            _context.KeepMemory();
        }
        catch (Exception exception)
        {
            // BEGIN or COMMIT failed (or a savepoint could not be rolled back): nothing of the batch is stored.
            TryRollback();
            _context.RollBackMemory();
            Log.BatchFailed(_logger, batch.Count, _path, exception);
            var errorType = ErrorType(exception);
            _telemetry.CommitFailed(errorType);
            _health.Failed(exception, SqliteErrors.IsFull(exception));
            activity?.SetStatus(ActivityStatusCode.Error);
            activity?.SetTag("error.type", errorType);
            foreach (var operation in batch)
            {
                operation.FailBatch(exception);
            }

            return;
        }

        _telemetry.Committed(batch.Count, Stopwatch.GetElapsedTime(started));
        _health.Committed(_context.SendStored, _context.SendFull, _roomUnderSendLimit);
        Interlocked.Increment(ref _commitCount);
        foreach (var operation in batch)
        {
            operation.Complete();
        }
    }

    /// <summary>
    /// Runs each operation that has not failed under its own savepoint. Returns false when SQLite
    /// rolled back the whole transaction after a failure (it may, for example on SQLITE_FULL): the
    /// caller then begins again and the operations that had succeeded run again.
    /// </summary>
    private bool ExecuteAll(List<WriteOperation> batch)
    {
        foreach (var operation in batch)
        {
            if (operation.Failure is not null)
            {
                continue;
            }

            var mark = _context.UndoMark;
            Execute(Sql.Savepoint);
            try
            {
                operation.Execute(_context);
                Execute(Sql.ReleaseSavepoint);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                _context.RollBackMemory(mark);
                operation.RecordFailure(exception);
                if (SqliteErrors.IsFull(exception))
                {
                    _context.SendFull = true;
                }

                if (!InTransaction)
                {
                    Log.TransactionLost(_logger, _path, exception);
                    return false;
                }

                Execute(Sql.RollbackToSavepoint);
                Execute(Sql.ReleaseSavepoint);
            }
        }

        return true;
    }

    /// <summary>
    /// A span for the group commit when anyone listens, linked to the spans of the calls whose
    /// operations it commits (a commit serves many traces, so it is a root with links, not a child).
    /// </summary>
    private static Activity? StartCommitActivity(List<WriteOperation> batch)
    {
        if (!StoreTelemetry.Source.HasListeners())
        {
            return null;
        }

        var links = new List<ActivityLink>();
        foreach (var operation in batch)
        {
            if (operation.Caller is { } caller && links.Count < MaxCommitLinks)
            {
                links.Add(new ActivityLink(caller));
            }
        }

        var activity = StoreTelemetry.Source.StartActivity(
            "skn.store.commit", ActivityKind.Internal, parentContext: default, tags: null, links: links);
        activity?.SetTag("db.system.name", "sqlite");
        activity?.SetTag("skn.store.batch_size", batch.Count);
        return activity;
    }

    /// <summary>A short, bounded name of what went wrong, for the failure counter's tag.</summary>
    private static string ErrorType(Exception exception) => exception switch
    {
        SqliteException { SqliteErrorCode: SqliteErrors.Full } => "full",
        SqliteException { SqliteErrorCode: SqliteErrors.Busy or SqliteErrors.Locked } => "locked",
        SqliteException { SqliteErrorCode: var code } => "sqlite_" + code.ToString(CultureInfo.InvariantCulture),
        _ => exception.GetType().Name,
    };

    private bool InTransaction => raw.sqlite3_get_autocommit(_connection.Handle) == 0;

    private void Execute(string sql) => _context.Command(sql).ExecuteNonQuery();

    private void TryRollback()
    {
        try
        {
            if (InTransaction)
            {
                Execute(Sql.Rollback);
            }
        }
        catch (SqliteException exception)
        {
            Log.RollbackFailed(_logger, _path, exception);
        }
    }
}
