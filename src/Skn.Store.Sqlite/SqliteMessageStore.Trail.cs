using Microsoft.Data.Sqlite;
using Skn.Domain.Storage;
using Skn.Store.Sqlite.Internal;
using Skn.V1;

namespace Skn.Store.Sqlite;

public sealed partial class SqliteMessageStore
{
    /// <summary>Trail rows one purge operation deletes, so sends are not held up behind a large purge.</summary>
    private const int PurgeChunkSize = 1000;

    /// <inheritdoc />
    public Task<TrailPage> ListTrailAsync(TrailQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentException.ThrowIfNullOrEmpty(query.ParticipantOin, nameof(query));
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1, nameof(query));
        var sql = query.Direction switch
        {
            TrailDirection.Sent => Sql.TrailSent,
            TrailDirection.Received => Sql.TrailReceived,
            TrailDirection.Unspecified => Sql.TrailBoth,
            _ => throw new ArgumentOutOfRangeException(nameof(query), query.Direction, "Unknown trail direction."),
        };

        return ReadAsync(
            commands => ReadPage(
                commands.Get(sql)
                    .Bind("$participant", query.ParticipantOin)
                    .Bind("$before", query.BeforeSequence ?? long.MaxValue)
                    .Bind("$from", query.From is { } from ? EnvelopeReader.ToMilliseconds(from) : null)
                    .Bind("$to", query.To is { } to ? EnvelopeReader.ToMilliseconds(to) : null)
                    .Bind("$types", EnvelopeReader.TypesJson(query.Types))
                    .Bind("$counterpart", string.IsNullOrEmpty(query.CounterpartOin) ? null : query.CounterpartOin)
                    .Bind("$conversation_id", string.IsNullOrEmpty(query.ConversationId) ? null : query.ConversationId)
                    .Bind("$states", StoredStatesJson(query.States))
                    .Bind("$limit", (long)query.PageSize + 1),
                query.PageSize,
                query.States),
            cancellationToken);
    }

    /// <summary>
    /// One page of a listing query that reads one row more than the page (to know whether another
    /// follows), newest first, with the in-memory leases laid over the stored states.
    /// </summary>
    private TrailPage ReadPage(SqliteCommand command, int pageSize, IReadOnlyCollection<EnvelopeState> states)
    {
        var entries = EnvelopeReader.ReadAll(command);
        for (var i = 0; i < entries.Count; i++)
        {
            entries[i] = Overlay(entries[i])!;
        }

        long? next = null;
        if (entries.Count > pageSize)
        {
            entries.RemoveAt(entries.Count - 1);
            next = entries[^1].Sequence;
        }

        // A leased envelope is stored as pending but read as delivered: the query takes both and the
        // exact states are kept here. A page may come out short; the token still continues after its
        // last row.
        if (states.Count > 0)
        {
            entries.RemoveAll(entry => !states.Contains(entry.State));
        }

        return new TrailPage(entries, next);
    }

    /// <summary>The stored states that may read as the wanted ones, as a JSON array, or null for all.</summary>
    private static string? StoredStatesJson(IReadOnlyCollection<EnvelopeState> states)
    {
        if (states.Count == 0)
        {
            return null;
        }

        var stored = new SortedSet<int>();
        foreach (var state in states)
        {
            if (state is EnvelopeState.Pending or EnvelopeState.Delivered)
            {
                stored.Add((int)EnvelopeState.Pending);
                stored.Add((int)EnvelopeState.Delivered);
            }
            else
            {
                stored.Add((int)state);
            }
        }

        return "[" + string.Join(",", stored) + "]";
    }

    /// <inheritdoc />
    /// <remarks>
    /// Deletes in chunks of <see cref="PurgeChunkSize"/>, each its own write, so that a large purge
    /// does not hold up sends. Cancelled between chunks, it stops after the chunks already done.
    /// </remarks>
    public async Task<int> PurgeTrailAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var cutoffMs = EnvelopeReader.ToMilliseconds(cutoff);
        var total = 0;
        while (true)
        {
            var deleted = await _writer.SubmitAsync(
                context => context.Command(Sql.PurgeChunk)
                    .Bind("$cutoff", cutoffMs)
                    .Bind("$limit", PurgeChunkSize)
                    .ExecuteNonQuery(),
                cancellationToken,
                mode: WriteMode.Alone).ConfigureAwait(false);
            total += deleted;
            if (deleted < PurgeChunkSize)
            {
                return total;
            }
        }
    }
}
