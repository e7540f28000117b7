using Skn.Domain.Storage;
using Skn.Store.Sqlite;
using Skn.Store.Tests.Infrastructure;
using Skn.V1;
using static Skn.Store.Tests.Infrastructure.Envelopes;

namespace Skn.Store.Tests;

public sealed class TrailTests
{
    private const string DossierX = "aaaaaaaa-0000-4000-8000-000000000001";
    private const string DossierY = "bbbbbbbb-0000-4000-8000-000000000002";

    /// <summary>Seven envelopes, named by their order; "t" is the hour after T0 they were sent.</summary>
    private static async Task SeedAsync(SqliteMessageStore store)
    {
        (string Id, string From, string To, BerichtType Type, string Dossier)[] rows =
        [
            ("1-shv-se1", Shv, Se1, BerichtType.Saldoverzoek, DossierX),
            ("2-shv-se2", Shv, Se2, BerichtType.Saldoverzoek, DossierY),
            ("3-se1-shv", Se1, Shv, BerichtType.SaldoverzoekAntwoord, DossierX),
            ("4-se2-shv", Se2, Shv, BerichtType.GeenMedewerking, DossierY),
            ("5-shv-se1", Shv, Se1, BerichtType.Betaalvoorstel, DossierX),
            ("6-se1-se2", Se1, Se2, BerichtType.Kennisgeving, DossierX),
            ("7-shv-shv", Shv, Shv, BerichtType.Kennisgeving, DossierY),
        ];
        for (var i = 0; i < rows.Length; i++)
        {
            var (id, from, to, type, dossier) = rows[i];
            var result = await store.SendAsync(
                New(sender: from, recipient: to, type: type, messageId: id, conversationId: dossier, sendTime: T0.AddHours(i)),
                default).Within();
            Assert.Equal(SendOutcome.Stored, result.Outcome);
        }
    }

    private static async Task<string[]> ListAsync(SqliteMessageStore store, TrailQuery query)
    {
        var page = await store.ListTrailAsync(query, default).Within();
        Assert.Null(page.NextBeforeSequence);
        return page.Entries.Select(e => e.MessageId).ToArray();
    }

    private static TrailQuery Query(string participant = Shv) => new() { ParticipantOin = participant, PageSize = 100 };

    [Fact]
    public async Task ListTrailAsync_SmallPages_ReturnsEverythingNewestFirstThenNull()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        await SeedAsync(temp.Store);
        var pages = new List<string[]>();
        long? before = null;

        // Act
        do
        {
            var page = await temp.Store.ListTrailAsync(Query() with { PageSize = 2, BeforeSequence = before }, default).Within();
            pages.Add(page.Entries.Select(e => e.MessageId).ToArray());
            before = page.NextBeforeSequence;
        }
        while (before is not null && pages.Count < 10);

        // Assert
        Assert.Equal(
            [["7-shv-shv", "5-shv-se1"], ["4-se2-shv", "3-se1-shv"], ["2-shv-se2", "1-shv-se1"]],
            pages);
    }

    [Fact]
    public async Task ListTrailAsync_Direction_ReturnsSentReceivedOrBoth()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        await SeedAsync(temp.Store);

        // Act
        var both = await ListAsync(temp.Store, Query());
        var sent = await ListAsync(temp.Store, Query() with { Direction = TrailDirection.Sent });
        var received = await ListAsync(temp.Store, Query() with { Direction = TrailDirection.Received });
        var se2 = await ListAsync(temp.Store, Query(Se2));

        // Assert
        Assert.Equal(["7-shv-shv", "5-shv-se1", "4-se2-shv", "3-se1-shv", "2-shv-se2", "1-shv-se1"], both);
        Assert.Equal(["7-shv-shv", "5-shv-se1", "2-shv-se2", "1-shv-se1"], sent);
        Assert.Equal(["7-shv-shv", "4-se2-shv", "3-se1-shv"], received);
        Assert.Equal(["6-se1-se2", "4-se2-shv", "2-shv-se2"], se2);
    }

    [Fact]
    public async Task ListTrailAsync_TypeFilter_ReturnsOnlyThoseTypes()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        await SeedAsync(temp.Store);

        // Act
        var saldo = await ListAsync(temp.Store, Query() with { Types = [BerichtType.Saldoverzoek, BerichtType.SaldoverzoekAntwoord] });
        var receivedSaldo = await ListAsync(temp.Store, Query() with
        {
            Direction = TrailDirection.Received,
            Types = [BerichtType.Saldoverzoek, BerichtType.SaldoverzoekAntwoord],
        });

        // Assert
        Assert.Equal(["3-se1-shv", "2-shv-se2", "1-shv-se1"], saldo);
        Assert.Equal(["3-se1-shv"], receivedSaldo);
    }

    [Fact]
    public async Task ListTrailAsync_CounterpartFilter_ReturnsExchangesWithThatParticipant()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        await SeedAsync(temp.Store);

        // Act
        var withSe1 = await ListAsync(temp.Store, Query() with { CounterpartOin = Se1 });
        var fromSe2 = await ListAsync(temp.Store, Query() with { CounterpartOin = Se2, Direction = TrailDirection.Received });
        var toSe2 = await ListAsync(temp.Store, Query() with { CounterpartOin = Se2, Direction = TrailDirection.Sent });
        var withSelf = await ListAsync(temp.Store, Query() with { CounterpartOin = Shv });

        // Assert
        Assert.Equal(["5-shv-se1", "3-se1-shv", "1-shv-se1"], withSe1);
        Assert.Equal(["4-se2-shv"], fromSe2);
        Assert.Equal(["2-shv-se2"], toSe2);
        Assert.Equal(["7-shv-shv"], withSelf);
    }

    [Fact]
    public async Task ListTrailAsync_TimeRangeAndDossier_ReturnsOnlyMatches()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        await SeedAsync(temp.Store);

        // Act
        var range = await ListAsync(temp.Store, Query() with { From = T0.AddHours(1), To = T0.AddHours(4) });
        var from = await ListAsync(temp.Store, Query() with { From = T0.AddHours(4) });
        var dossier = await ListAsync(temp.Store, Query() with { ConversationId = DossierX });

        // Assert
        Assert.Equal(["4-se2-shv", "3-se1-shv", "2-shv-se2"], range);
        Assert.Equal(["7-shv-shv", "5-shv-se1"], from);
        Assert.Equal(["5-shv-se1", "3-se1-shv", "1-shv-se1"], dossier);
    }

    [Fact]
    public async Task ListTrailAsync_FilteredPages_ContinueBelowLastEntry()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        await SeedAsync(temp.Store);
        var query = Query() with { Direction = TrailDirection.Sent, PageSize = 3 };

        // Act
        var first = await temp.Store.ListTrailAsync(query, default).Within();
        var second = await temp.Store.ListTrailAsync(query with { BeforeSequence = first.NextBeforeSequence }, default).Within();

        // Assert
        Assert.Equal(["7-shv-shv", "5-shv-se1", "2-shv-se2"], first.Entries.Select(e => e.MessageId));
        Assert.Equal(first.Entries[^1].Sequence, first.NextBeforeSequence);
        Assert.Equal(["1-shv-se1"], second.Entries.Select(e => e.MessageId));
        Assert.Null(second.NextBeforeSequence);
    }

    [Fact]
    public async Task ListTrailAsync_AcknowledgedEnvelope_KeepsMetadataAndOutcome()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        var store = temp.Store;
        await store.SendAsync(New(messageId: "m-1", body: new byte[1234]), default).Within();
        var delivery = Assert.Single(await store.LeaseAsync(Lease(Se1, now: T0.AddMinutes(1)), default).Within()).Delivery;
        await store.AcknowledgeAsync(Se1, [delivery], T0.AddMinutes(2), default).Within();

        // Act
        var entry = Assert.Single((await store.ListTrailAsync(Query(Se1), default).Within()).Entries);

        // Assert
        Assert.Equal(EnvelopeState.Acknowledged, entry.State);
        Assert.Equal(1234, entry.SealedContentSize);
        Assert.Equal(T0.AddMinutes(1), entry.FirstDeliveryTime);
        Assert.Equal(T0.AddMinutes(2), entry.OutcomeTime);
        Assert.Equal(1, entry.Attempts);
    }

    [Fact]
    public async Task PurgeTrailAsync_Cutoff_DeletesOnlyTerminalEntriesWithOlderOutcome()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        var store = temp.Store;
        await store.SendAsync(New(messageId: "acked"), default).Within();
        await store.SendAsync(New(messageId: "expired", recipient: Se2, expireTime: T0.AddDays(10)), default).Within();
        await store.SendAsync(New(messageId: "pending", recipient: Se2, expireTime: T0.AddDays(30)), default).Within();
        var delivery = Assert.Single(await store.LeaseAsync(Lease(Se1), default).Within()).Delivery;
        await store.AcknowledgeAsync(Se1, [delivery], T0.AddDays(1), default).Within();
        await store.ExpireAsync(T0.AddDays(10), 10, default).Within();

        // Act
        var first = await store.PurgeTrailAsync(T0.AddDays(5), default).Within();
        var afterFirst = (await store.FindAsync("acked", default).Within(), await store.FindAsync("expired", default).Within());
        var second = await store.PurgeTrailAsync(T0.AddDays(100), default).Within();

        // Assert
        Assert.Equal(1, first);
        Assert.Null(afterFirst.Item1);
        Assert.NotNull(afterFirst.Item2);
        Assert.Equal(1, second);
        Assert.Null(await store.FindAsync("expired", default).Within());
        Assert.NotNull(await store.FindAsync("pending", default).Within());
    }

    [Fact]
    public async Task PurgeTrailAsync_MoreThanOneChunk_DeletesAll()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        var store = temp.Store;
        await Task.WhenAll(Enumerable.Range(0, 2100)
            .Select(i => store.SendAsync(New(messageId: $"m-{i}", expireTime: T0.AddHours(1)), default))).Within();
        var expired = 0;
        while ((await store.ExpireAsync(T0.AddHours(1), 5000, default).Within()) is { Count: > 0 } batch)
        {
            expired += batch.Count;
        }

        Assert.Equal(2100, expired);

        // Act
        var purged = await store.PurgeTrailAsync(T0.AddDays(1), default).Within();

        // Assert
        Assert.Equal(2100, purged);
        Assert.Empty((await store.ListTrailAsync(Query(), default).Within()).Entries);
    }
}
