using Microsoft.Data.Sqlite;
using Skn.Domain.Storage;
using Skn.Store.Sqlite.Internal;

namespace Skn.Store.Sqlite;

public sealed partial class SqliteMessageStore
{
    /// <summary>How long a successful commit vouches for the store before a health check probes again.</summary>
    private static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(10);

    private readonly Lock _probeLock = new();
    private Task<WriteCheck>? _probe;

    /// <inheritdoc />
    public IPendingCounts PendingCounts => _pending;

    /// <inheritdoc />
    /// <remarks>
    /// While commits succeed, the writer's own record answers (no extra write on a busy node). When
    /// the store was idle for <see cref="FreshFor"/>, or its last commit or send failed, one probe runs
    /// through the writer, shared by concurrent checks: a page-sized envelope inserted under the send
    /// limit and rolled back (does a new envelope fit?), and a real commit of a one-page change
    /// (PRAGMA user_version, which the store uses for nothing else) that reaches the disk and its fsync.
    /// </remarks>
    public Task<WriteCheck> CheckWritableAsync(CancellationToken cancellationToken)
    {
        var last = _health.Last;
        if (last.Current == CommitHealth.State.Ok && Environment.TickCount64 - last.AtTicks < (long)FreshFor.TotalMilliseconds)
        {
            return Task.FromResult(last.ToWriteCheck());
        }

        Task<WriteCheck> probe;
        lock (_probeLock)
        {
            if (_probe is null || _probe.IsCompleted)
            {
                _probe = ProbeAsync();
            }

            probe = _probe;
        }

        return probe.WaitAsync(cancellationToken);
    }

    private async Task<WriteCheck> ProbeAsync()
    {
        Task<int> room;
        Task<long> commit;
        try
        {
            // Queued together, so they usually share one transaction.
            room = _writer.SubmitAsync(TryRoomForEnvelope, CancellationToken.None);
            commit = _writer.SubmitAsync(CommitProbeChange, CancellationToken.None);
        }
        catch (ObjectDisposedException exception)
        {
            return Record(CommitHealth.State.Failing, "The store is closed.", exception);
        }

        try
        {
            await commit.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            return SqliteErrors.IsFull(exception)
                ? Record(CommitHealth.State.Full, "The store is full: even a small change does not fit.", exception)
                : Record(CommitHealth.State.Failing, "The store cannot commit: " + exception.Message, exception);
        }

        try
        {
            await room.ConfigureAwait(false);
            return Record(CommitHealth.State.Failing, "The write probe was not rolled back.", null);
        }
        catch (RoomProbeRolledBackException probe)
        {
            _health.ProbedRoom(probe.Room);
            return _health.Last.ToWriteCheck();
        }
        catch (Exception exception) when (SqliteErrors.IsFull(exception))
        {
            return Record(CommitHealth.State.Full, "The store is full: a new envelope does not fit.", exception);
        }
        catch (Exception exception)
        {
            return Record(CommitHealth.State.Failing, "The store cannot write: " + exception.Message, exception);
        }
    }

    private WriteCheck Record(CommitHealth.State state, string description, Exception? failure)
    {
        _health.Probed(state, description, failure);
        return _health.Last.ToWriteCheck();
    }

    /// <summary>
    /// Inserts a page-sized probe envelope as a send would (under the send limit), then throws, so
    /// the writer rolls its savepoint back: nothing of it is ever committed.
    /// </summary>
    private static int TryRoomForEnvelope(WriterContext context)
    {
        var room = context.RoomUnderSendLimit();
        context.UseSendLimit(true);
        try
        {
            var sequence = context.Command(Sql.InsertProbeEnvelope).ScalarInt64()!.Value;
            context.Command(Sql.InsertProbeContent).Bind("$sequence", sequence).ExecuteNonQuery();
        }
        finally
        {
            context.UseSendLimit(false);
        }

        throw new RoomProbeRolledBackException(room);
    }

    /// <summary>A real one-page change, so that the transaction's COMMIT writes the WAL and syncs it.</summary>
    private static long CommitProbeChange(WriterContext context)
    {
        var probes = (context.Command(Sql.ReadProbeCount).ScalarInt64() ?? 0) + 1;
        context.Command(string.Format(System.Globalization.CultureInfo.InvariantCulture, Sql.WriteProbeCountFormat, probes % int.MaxValue))
            .ExecuteNonQuery();
        return probes;
    }

    /// <summary>Thrown by the room probe on purpose: its savepoint is rolled back. Carries the room it found before its insert.</summary>
    private sealed class RoomProbeRolledBackException(StoreRoom? room) : Exception("The write probe is rolled back on purpose.")
    {
        public StoreRoom? Room { get; } = room;
    }
}
