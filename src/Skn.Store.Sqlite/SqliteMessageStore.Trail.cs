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
            commands =>
            {
                var entries = EnvelopeReader.ReadAll(commands.Get(sql)
                    .Bind("$participant", query.ParticipantOin)
                    .Bind("$before", query.BeforeSequence ?? long.MaxValue)
                    .Bind("$from", query.From is { } from ? EnvelopeReader.ToMilliseconds(from) : null)
                    .Bind("$to", query.To is { } to ? EnvelopeReader.ToMilliseconds(to) : null)
                    .Bind("$types", EnvelopeReader.TypesJson(query.Types))
                    .Bind("$counterpart", string.IsNullOrEmpty(query.CounterpartOin) ? null : query.CounterpartOin)
                    .Bind("$conversation_id", string.IsNullOrEmpty(query.ConversationId) ? null : query.ConversationId)
                    .Bind("$limit", (long)query.PageSize + 1));
                for (var i = 0; i < entries.Count; i++)
                {
                    entries[i] = Overlay(entries[i])!;
                }
                if (entries.Count <= query.PageSize)
                {
                    return new TrailPage(entries, null);
                }

                entries.RemoveAt(entries.Count - 1);
                return new TrailPage(entries, entries[^1].Sequence);
            },
            cancellationToken);
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
                cancellationToken).ConfigureAwait(false);
            total += deleted;
            if (deleted < PurgeChunkSize)
            {
                return total;
            }
        }
    }
}
