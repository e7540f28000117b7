using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Skn.Domain.Storage;
using Skn.Store.Sqlite.Internal;

namespace Skn.Store.Sqlite;

/// <summary>
/// The embedded <see cref="IMessageStore"/>: one SQLite database in WAL mode. All writes go through
/// one writer that commits whatever is waiting in one transaction (group commit); reads use their
/// own connections and run alongside it.
/// </summary>
public sealed partial class SqliteMessageStore : IMessageStore
{
    private readonly GroupCommitWriter _writer;
    private readonly ReadConnectionPool _readers;
    private readonly LeaseTable _leases = new();
    private readonly PendingLedger _pending;
    private readonly CommitHealth _health;
    private readonly StoreTelemetry _telemetry;
    private readonly ILogger _logger;
    private readonly Timer? _checkpoints;
    private readonly SqliteStoreOptions _options;
    private int _disposed;

    private SqliteMessageStore(
        string path,
        GroupCommitWriter writer,
        ReadConnectionPool readers,
        ILogger logger,
        SqliteStoreOptions options,
        PendingLedger pending,
        CommitHealth health,
        StoreTelemetry telemetry)
    {
        _pending = pending;
        _health = health;
        _telemetry = telemetry;
        DatabasePath = path;
        _options = options;
        _writer = writer;
        _readers = readers;
        _logger = logger;
        // The limit is fixed for the store's life (and so is the page size): read it once, not per scrape.
        telemetry.ObserveSize(ReadSizeForMetrics, limitBytes: options.MaxPageCount is null ? null : ReadSizeForMetrics()?.LimitBytes);
        if (options.CheckpointInterval is { } interval)
        {
            _checkpoints = new Timer(_ => _ = CheckpointInBackgroundAsync(), null, interval, interval);
        }
    }

    /// <summary>The name of the store's meter and activity source (commit batch sizes, latency, failures; the database's size; commit spans).</summary>
    public const string TelemetryName = StoreTelemetry.Name;

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>Transactions the writer committed since the store was opened (for tests and metrics).</summary>
    internal long CommitCount => _writer.CommitCount;

    /// <summary>The writer, for tests that need to queue their own operations.</summary>
    internal GroupCommitWriter Writer => _writer;

    /// <summary>Leases open now (in memory), for tests.</summary>
    internal int OpenLeaseCount => _leases.Count;

    /// <summary>
    /// Opens the database at <see cref="SqliteStoreOptions.DatabasePath"/>, creating it and its
    /// schema when the file does not exist or is empty.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The file is not an Skn message store, or its schema is newer than this code understands.
    /// </exception>
    public static Task<SqliteMessageStore> OpenAsync(
        SqliteStoreOptions options, ILogger<SqliteMessageStore>? logger = null, CancellationToken ct = default) =>
        OpenAsync(options, logger, meterFactory: null, ct);

    /// <summary>
    /// Opens the database as <see cref="OpenAsync(SqliteStoreOptions, ILogger{SqliteMessageStore}?, CancellationToken)"/>
    /// does, with the store's meter ("Skn.Store.Sqlite") made by the host's <paramref name="meterFactory"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The file is not an Skn message store, or its schema is newer than this code understands.
    /// </exception>
    public static Task<SqliteMessageStore> OpenAsync(
        SqliteStoreOptions options, ILogger<SqliteMessageStore>? logger, IMeterFactory? meterFactory, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DatabasePath, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BusyTimeout, TimeSpan.Zero, nameof(options));
        if (options.CheckpointInterval is { } interval && interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "CheckpointInterval must be positive, or null for none.");
        }

        if (options.MaxFailedDeliveries is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxFailedDeliveries must be at least 1, or null for no limit.");
        }

        if (options.ResumeRoomBytes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "ResumeRoomBytes must not be negative.");
        }

        if (options.MaxPageCount is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxPageCount must be at least 1.");
        }

        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<SqliteMessageStore>(ct);
        }

        ILogger log = logger ?? (ILogger)NullLogger.Instance;
        var path = Path.GetFullPath(options.DatabasePath);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = false,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        }.ToString();
        var busyTimeoutSql = string.Format(
            CultureInfo.InvariantCulture, Sql.BusyTimeoutFormat, (long)options.BusyTimeout.TotalMilliseconds);

        var connection = new SqliteConnection(connectionString);
        var pending = new PendingLedger();
        try
        {
            connection.Open();
            Execute(connection, busyTimeoutSql);
            // Wall-clock time: it only dates the migration in schema_version for the operator.
            var found = Schema.Open(connection, path, DateTimeOffset.UtcNow);
            Configure(connection, options, path);
            if (found == 0)
            {
                Log.Created(log, path, Sql.SchemaVersion);
            }
            else if (found < Sql.SchemaVersion)
            {
                Log.Migrated(log, path, found, Sql.SchemaVersion);
            }

            SeedPending(connection, pending);
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode is SqliteErrors.NotADatabase or SqliteErrors.Corrupt)
        {
            connection.Dispose();
            throw new InvalidOperationException(
                $"The file '{path}' is not an Skn message store: SQLite cannot read it as a database ({exception.Message}).",
                exception);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        var telemetry = new StoreTelemetry(meterFactory);
        var health = new CommitHealth(options.ResumeRoomBytes);
        var writer = new GroupCommitWriter(
            connection, options.MaxBatchSize, options.MaxPageCount, options.BusyTimeout, path, log, telemetry, health);
        var readers = new ReadConnectionPool(connectionString, options.BusyTimeout);
        Log.Opened(log, path);
        return Task.FromResult(new SqliteMessageStore(
            path, writer, readers, log, options, pending, health, telemetry));
    }

    /// <inheritdoc />
    public Task<EnvelopeRecord?> FindAsync(string messageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        return ReadAsync(
            commands => Overlay(EnvelopeReader.ReadSingle(commands.Get(Sql.FindByMessageId).Bind("$message_id", messageId))),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<EnvelopeRecord?> FindByRequestIdAsync(string senderOin, string requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(senderOin);
        ArgumentNullException.ThrowIfNull(requestId);
        return ReadAsync(
            commands => Overlay(EnvelopeReader.ReadSingle(commands.Get(Sql.FindByRequestId)
                .Bind("$sender_oin", senderOin)
                .Bind("$request_id", requestId))),
            cancellationToken);
    }

    /// <summary>
    /// Copies the WAL into the database and truncates it (PRAGMA wal_checkpoint(TRUNCATE)), through
    /// the writer. Call it now and then so that deleted bodies do not linger in old WAL frames.
    /// When a long read keeps it from finishing, it gives up after a short wait (logged) rather
    /// than hold up the writer; the next call completes it.
    /// </summary>
    public Task CheckpointAsync(CancellationToken cancellationToken) =>
        _writer.SubmitAsync(
            context => _writer.Checkpoint(context, waitForReaders: false), cancellationToken, mode: WriteMode.OutsideTransaction);

    /// <summary>Runs PRAGMA integrity_check: "ok", or SQLite's list of problems, one a line.</summary>
    public Task<string> IntegrityCheckAsync(CancellationToken cancellationToken) =>
        ReadAsync(
            commands =>
            {
                var lines = new List<string>();
                using var reader = commands.Get(Sql.IntegrityCheck).ExecuteReader();
                while (reader.Read())
                {
                    lines.Add(reader.GetString(0));
                }

                return string.Join('\n', lines);
            },
            cancellationToken);

    /// <summary>
    /// Stops accepting operations, finishes the queued ones, records the deliveries still leased as
    /// ended (their fetchers do not outlive the store), checkpoints and truncates the WAL, and closes
    /// every connection.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_checkpoints is not null)
        {
            await _checkpoints.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            await _writer.SubmitAsync(RecordOpenLeases, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is Microsoft.Data.Sqlite.SqliteException or ObjectDisposedException)
        {
            // Not recorded: the next run hands those deliveries out again with the same attempt
            // numbers, told apart by the epoch, as after a crash.
            Log.LeasesNotRecorded(_logger, DatabasePath, exception);
        }

        _readers.Dispose();
        await _writer.DisposeAsync().ConfigureAwait(false);
        _telemetry.Dispose();
        Log.Closed(_logger, DatabasePath);
    }

    private async Task CheckpointInBackgroundAsync()
    {
        try
        {
            await CheckpointAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // The store is closing; closing checkpoints too.
        }
        catch (Microsoft.Data.Sqlite.SqliteException exception)
        {
            // The disk is in trouble (the next write reports it to its caller): the next tick tries again.
            Log.CheckpointFailed(_logger, DatabasePath, exception);
        }
    }

    private int RecordOpenLeases(WriterContext context)
    {
        var open = _leases.ToList();
        foreach (var (sequence, lease) in open)
        {
            // The node is stopping: not the fetcher's failure.
            RecordEndedDelivery(context, sequence, lease, failed: false);
            _leases.Remove(sequence, context);
        }

        return open.Count;
    }

    /// <summary>Runs a query on a pooled read connection.</summary>
    private Task<T> ReadAsync<T>(Func<CommandCache, T> query, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        try
        {
            var connection = _readers.Rent();
            try
            {
                return Task.FromResult(query(connection.Commands));
            }
            finally
            {
                _readers.Return(connection);
            }
        }
        catch (Exception exception)
        {
            return Task.FromException<T>(exception);
        }
    }

    private static void Configure(SqliteConnection connection, SqliteStoreOptions options, string path)
    {
        using (var command = connection.CreateCommand())
        {
            command.CommandText = Sql.JournalModeWal;
            var mode = command.ExecuteScalar() as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"The message store '{path}' could not be switched to WAL mode (journal mode is '{mode}').");
            }
        }

        Execute(connection, Sql.WriterPragmas);
        if (options.MaxPageCount is { } maxPageCount)
        {
            Execute(connection, string.Format(CultureInfo.InvariantCulture, Sql.MaxPageCountFormat, maxPageCount));
        }
    }

    /// <summary>
    /// Counts what waits into the ledger, once, before the writer starts: a walk of the expiry
    /// index (it holds exactly the waiting envelopes) with one row lookup each, so the cost follows
    /// what waits, not the size of the trail.
    /// </summary>
    private static void SeedPending(SqliteConnection connection, PendingLedger pending)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Sql.SelectWaiting;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            pending.Seed(reader.GetString(0), reader.GetString(1), reader.GetInt64(2));
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
