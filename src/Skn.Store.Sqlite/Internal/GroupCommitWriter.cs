using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SQLitePCL;

namespace Skn.Store.Sqlite.Internal;

/// <summary>
/// The store's one writer. Callers queue operations; whoever owns the write connection takes every
/// operation waiting (up to the batch size), runs them in one BEGIN IMMEDIATE ... COMMIT with a
/// savepoint each, and completes them only after COMMIT returned: many writes, one fsync. A caller
/// that finds the connection idle owns it for one batch and commits on its own thread; while it
/// is busy, what queues meanwhile is left to a background loop, so batches keep forming under load.
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    /// <summary>How long a periodic checkpoint waits for readers: the writer, and every send, waits with it.</summary>
    private const int CheckpointBusyTimeoutMilliseconds = 100;

    /// <summary>Most links a commit span carries: enough to find the calls, bounded for a full batch.</summary>
    private const int MaxCommitLinks = 32;

    private readonly Channel<WriteOperation> _queue = Channel.CreateUnbounded<WriteOperation>(
        new UnboundedChannelOptions { SingleReader = false, SingleWriter = false, AllowSynchronousContinuations = false });

    /// <summary>Wakes the background loop: work is waiting that no caller took.</summary>
    private readonly SemaphoreSlim _wake = new(0);

    // Owned by whoever holds the connection (_owned = 1): a caller committing inline, or the loop.
    private readonly List<WriteOperation> _batch;
    private readonly List<WriteOperation> _deferred = [];
    private readonly List<WriteOperation> _single = new(1);
    private int _owned;

    private readonly SqliteConnection _connection;
    private readonly WriterContext _context;
    private readonly int _maxBatchSize;
    private readonly string _path;
    private readonly ILogger _logger;
    private readonly string _busyTimeoutSql;
    private readonly string _checkpointBusyTimeoutSql;
    private readonly StoreTelemetry _telemetry;
    private readonly CommitHealth _health;
    private readonly WalCheckpointer _checkpointer;
    private readonly WalGrowth _walGrowth = new();
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
        CommitHealth health,
        WalCheckpointer checkpointer)
    {
        _checkpointer = checkpointer;
        _telemetry = telemetry;
        _health = health;
        _busyTimeoutSql = string.Format(
            CultureInfo.InvariantCulture, Sql.BusyTimeoutFormat, (long)busyTimeout.TotalMilliseconds);
        _checkpointBusyTimeoutSql = string.Format(
            CultureInfo.InvariantCulture, Sql.BusyTimeoutFormat, Math.Min(CheckpointBusyTimeoutMilliseconds, (long)busyTimeout.TotalMilliseconds));
        _connection = connection;
        _context = new WriterContext(connection, maxPageCount);
        _maxBatchSize = maxBatchSize;
        _path = path;
        _logger = logger;
        _batch = new List<WriteOperation>(maxBatchSize);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Transactions committed so far.</summary>
    public long CommitCount => Interlocked.Read(ref _commitCount);

    /// <summary>The background checkpointer, for tests.</summary>
    internal WalCheckpointer Checkpointer => _checkpointer;

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

        if (mode != WriteMode.Batched)
        {
            _wake.Release();
        }
        else if (TryOwn())
        {
            CommitInline();
        }

        return operation.Task;
    }

    /// <summary>
    /// The writer was idle: the caller commits what is waiting itself, on its own thread, instead
    /// of handing it to the loop and waiting for the loop to hand the result back. At one send in
    /// flight each of those hand-offs costs a thread wake-up, as much as the commit's own CPU. Only
    /// the short writes: a long one taken along is left to the loop, so the caller is not held up.
    /// </summary>
    private void CommitInline()
    {
        var caller = Activity.Current;
        Activity.Current = null;
        try
        {
            TakeAndCommitBatch();
        }
        catch (Exception exception)
        {
            Stop(exception);
        }
        finally
        {
            Activity.Current = caller;
            Disown();
        }
    }

    private bool TryOwn() => Interlocked.CompareExchange(ref _owned, 1, 0) == 0;

    /// <summary>Gives up the connection; the loop takes over if anything is left.</summary>
    private void Disown()
    {
        var deferredLeft = _deferred.Count > 0;
        Volatile.Write(ref _owned, 0);
        // After giving it up: a caller that found the connection owned has queued its work by now.
        if (deferredLeft || _queue.Reader.TryPeek(out _))
        {
            _wake.Release();
        }
    }

    /// <summary>Stops accepting operations, finishes the queued ones, checkpoints the WAL and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        _wake.Release();
        await _loop.ConfigureAwait(false);
        // A caller may still be committing inline: wait for it, then keep the connection for good.
        var spin = new SpinWait();
        while (!TryOwn())
        {
            spin.SpinOnce();
        }

        RunDeferred();
        _checkpointer.Dispose();
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
        await RunBatchesAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Not expected (every batch catches its own failures), but the writer must never die silently
    /// with callers waiting: refuse new operations and fail the queued ones.
    /// </summary>
    private void Stop(Exception exception)
    {
        Log.WriterFailed(_logger, _path, exception);
        _queue.Writer.TryComplete();
        var closed = new ObjectDisposedException(nameof(SqliteMessageStore), "The message store's writer stopped.");
        foreach (var operation in _deferred)
        {
            operation.FailBatch(closed);
        }

        _deferred.Clear();
        while (_queue.Reader.TryRead(out var operation))
        {
            if (operation.TryTake())
            {
                operation.FailBatch(closed);
            }
        }
    }

    /// <summary>
    /// The writer's loop, for the work no caller committed inline: what queued while the
    /// connection was busy, and the long writes. It waits asynchronously rather than parking a
    /// dedicated thread: a blocked wait spins (sched_yield) before it sleeps, which on a small
    /// machine costs as much CPU as the writes. Whoever owns the connection runs its batch
    /// synchronously, so only one thread at a time ever uses it.
    /// </summary>
    private async Task RunBatchesAsync()
    {
        while (true)
        {
            await _wake.WaitAsync().ConfigureAwait(false);
            while (TryOwn())
            {
                try
                {
                    TakeAndCommitBatch();
                    RunDeferred();
                }
                catch (Exception exception)
                {
                    Stop(exception);
                    return;
                }
                finally
                {
                    Volatile.Write(ref _owned, 0);
                }

                // Checked after giving it up, as in Disown.
                if (!_queue.Reader.TryPeek(out _))
                {
                    break;
                }
            }

            if (_queue.Reader.Completion.IsCompleted)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Takes what is waiting (up to the batch size) and commits the short writes together; the
    /// long ones taken with them wait in the deferred list for <see cref="RunDeferred"/>.
    /// </summary>
    private void TakeAndCommitBatch()
    {
        var reader = _queue.Reader;
        while (_batch.Count < _maxBatchSize && _deferred.Count < _maxBatchSize && reader.TryRead(out var operation))
        {
            if (!operation.TryTake())
            {
                continue;
            }

            Interlocked.Increment(ref _operationCount);
            (operation.Mode == WriteMode.Batched ? _batch : _deferred).Add(operation);
        }

        try
        {
            RunBatch(_batch);
        }
        finally
        {
            _batch.Clear();
        }
    }

    /// <summary>Runs the long writes taken with the last batch, each on its own.</summary>
    private void RunDeferred()
    {
        foreach (var operation in _deferred)
        {
            if (operation.Mode == WriteMode.OutsideTransaction)
            {
                RunOutsideTransaction(operation);
            }
            else
            {
                _single.Add(operation);
                RunBatch(_single);
                _single.Clear();
            }
        }

        _deferred.Clear();
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
        _health.Committed(_context.SendStored, _context.SendFull);
        Interlocked.Increment(ref _commitCount);
        foreach (var operation in batch)
        {
            operation.Complete();
        }

        // After the callers have their answers: what this costs delays the next batch, not this one.
        KeepWalShort();
    }

    /// <summary>
    /// Counts the pages the last commit wrote to the WAL and takes the step <see cref="WalGrowth"/>
    /// asks for: a background checkpoint, or finishing one here while no transaction is open.
    /// </summary>
    private void KeepWalShort()
    {
        _ = raw.sqlite3_db_status(_connection.Handle, raw.SQLITE_DBSTATUS_CACHE_WRITE, out var pagesWritten, out _, 1);
        var finished = _checkpointer.TakeFinished();
        switch (_walGrowth.AfterCommit(pagesWritten, finished, _checkpointer.Busy))
        {
            case WalStep.RequestCheckpoint:
                if (_checkpointer.TryRequest())
                {
                    _walGrowth.Requested();
                }

                break;
            case WalStep.FinishCheckpoint:
                try
                {
                    Execute(Sql.WalCheckpointPassive);
                    _walGrowth.Finished();
                }
                catch (SqliteException exception)
                {
                    Log.CheckpointFailed(_logger, _path, exception);
                }

                break;
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
