using Skn.Domain.Storage;
using Skn.Store.Sqlite.Internal;

namespace Skn.Store.Sqlite;

public sealed partial class SqliteMessageStore
{
    /// <inheritdoc />
    public async Task<TrailPage> ListTrafficAsync(TrafficQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1, nameof(query));
        if (!string.IsNullOrEmpty(query.ParticipantOin))
        {
            // One participant's traffic is its trail, both directions: the trail's two index walks
            // serve it without scanning everyone's envelopes.
            return await ListTrailAsync(
                new TrailQuery
                {
                    ParticipantOin = query.ParticipantOin,
                    From = query.From,
                    To = query.To,
                    Types = query.Types,
                    States = query.States,
                    PageSize = query.PageSize,
                    BeforeSequence = query.BeforeSequence,
                },
                cancellationToken).ConfigureAwait(false);
        }

        return await ReadAsync(
            commands => ReadPage(
                commands.Get(OperatorSql.Traffic)
                    .Bind("$before", query.BeforeSequence ?? long.MaxValue)
                    .Bind("$from", query.From is { } from ? EnvelopeReader.ToMilliseconds(from) : null)
                    .Bind("$to", query.To is { } to ? EnvelopeReader.ToMilliseconds(to) : null)
                    .Bind("$types", EnvelopeReader.TypesJson(query.Types))
                    .Bind("$states", StoredStatesJson(query.States))
                    .Bind("$limit", (long)query.PageSize + 1),
                query.PageSize,
                query.States),
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<MailboxFigures>> CountMailboxesAsync(DateTimeOffset expiredSince, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<MailboxFigures>>(
            commands =>
            {
                var pending = new Dictionary<string, (long Count, DateTimeOffset Oldest)>(StringComparer.Ordinal);
                using (var reader = commands.Get(OperatorSql.PendingPerMailbox).ExecuteReader())
                {
                    while (reader.Read())
                    {
                        pending[reader.GetString(0)] = (reader.GetInt64(1), EnvelopeReader.FromMilliseconds(reader.GetInt64(2)));
                    }
                }

                var poisoned = CountPerMailbox(commands.Get(OperatorSql.PoisonedPerMailbox));
                var expired = CountPerMailbox(commands.Get(OperatorSql.ExpiredPerMailbox)
                    .Bind("$since", EnvelopeReader.ToMilliseconds(expiredSince)));
                return pending.Keys.Concat(poisoned.Keys).Concat(expired.Keys)
                    .Distinct(StringComparer.Ordinal)
                    .Order(StringComparer.Ordinal)
                    .Select(oin => new MailboxFigures(
                        oin,
                        pending.TryGetValue(oin, out var p) ? p.Count : 0,
                        pending.TryGetValue(oin, out var q) ? q.Oldest : null,
                        poisoned.GetValueOrDefault(oin),
                        expired.GetValueOrDefault(oin)))
                    .ToList();
            },
            cancellationToken);

    private static Dictionary<string, long> CountPerMailbox(Microsoft.Data.Sqlite.SqliteCommand command)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }
}
