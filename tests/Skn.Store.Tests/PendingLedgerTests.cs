using Skn.Domain.Storage;
using Skn.Store.Sqlite;
using Skn.Store.Tests.Infrastructure;
using static Skn.Store.Tests.Infrastructure.Envelopes;

namespace Skn.Store.Tests;

/// <summary>
/// The pending ledger (what waits, per recipient and per sender) must always equal what a COUNT(*)
/// over the waiting states (1, 2, 5) finds, through every state change and across restarts.
/// </summary>
public sealed class PendingLedgerTests
{
    private static readonly string[] Participants = [Shv, Se1, Se2];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task PendingCounts_RandomMixWithRestarts_MatchCountOfWaitingRows(int seed)
    {
        // Arrange: at two failed deliveries an envelope is set aside, so poisoning happens often.
        var random = new Random(seed);
        await using var temp = await TempStore.CreateAsync(o => o with { MaxFailedDeliveries = 2 });
        var now = T0;
        var sent = 0;

        // Act and Assert: after every step the ledger equals the database.
        for (var step = 0; step < 120; step++)
        {
            var store = temp.Store;
            switch (random.Next(10))
            {
                case < 4:
                    await store.SendAsync(
                        New(
                            sender: Pick(random),
                            recipient: Pick(random),
                            messageId: $"m-{seed}-{sent++}",
                            sendTime: now,
                            expireTime: now.AddHours(random.Next(1, 48)),
                            body: new byte[random.Next(1, 3000)]),
                        default).Within();
                    break;
                case 4:
                    // A duplicate send changes nothing.
                    if (sent > 0)
                    {
                        var again = $"m-{seed}-{random.Next(sent)}";
                        var first = await store.FindAsync(again, default).Within();
                        await store.SendAsync(New(sender: first!.SenderOin, recipient: first.RecipientOin, messageId: again, sendTime: now), default).Within();
                    }

                    break;
                case 5:
                {
                    var leased = await store.LeaseAsync(Lease(Pick(random), maxCount: 5, now: now), default).Within();
                    await store.AcknowledgeAsync(leased.Count > 0 ? leased[0].Envelope.RecipientOin : Se1, [.. leased.Where(_ => random.Next(2) == 0).Select(l => l.Delivery)], now, default).Within();
                    await store.ReleaseAsync([.. leased.Select(l => l.Delivery)], failed: true, default).Within();
                    break;
                }

                case 6:
                {
                    // Streams that end holding their deliveries: failed deliveries, then the poison list.
                    var leased = await store.LeaseAsync(Lease(Pick(random), maxCount: 10, now: now), default).Within();
                    await store.ReleaseAsync([.. leased.Select(l => l.Delivery)], failed: true, default).Within();
                    break;
                }

                case 7:
                {
                    var recipient = Pick(random);
                    var poisoned = await store.ListTrailAsync(new TrailQuery { ParticipantOin = recipient, Direction = Skn.V1.TrailDirection.Received, PageSize = 10, States = [Skn.V1.EnvelopeState.Poisoned] }, default).Within();
                    if (poisoned.Entries.Count > 0)
                    {
                        await store.ReleasePoisonedAsync(recipient, [poisoned.Entries[0].MessageId], default).Within();
                    }

                    break;
                }

                case 8:
                    now = now.AddHours(random.Next(1, 12));
                    await store.ExpireAsync(now, random.Next(1, 20), default).Within();
                    break;
                default:
                    await temp.ReopenAsync();
                    break;
            }

            AssertLedgerMatchesDatabase(temp);
        }

        Assert.True(sent > 20, "The mix sent too little to test anything.");
    }

    [Fact]
    public async Task PendingCounts_AfterReopen_SeededFromDatabase()
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        await temp.Store.SendAsync(New(sender: Shv, recipient: Se1, body: new byte[100]), default).Within();
        await temp.Store.SendAsync(New(sender: Shv, recipient: Se2, body: new byte[200]), default).Within();
        await temp.Store.SendAsync(New(sender: Se1, recipient: Shv, body: new byte[300]), default).Within();

        // Act
        var store = await temp.ReopenAsync();
        var counts = store.PendingCounts;

        // Assert
        Assert.Equal(new PendingVolume(3, 600), counts.Total);
        Assert.Equal(new PendingVolume(2, 300), counts.ForSender(Shv));
        Assert.Equal(new PendingVolume(1, 100), counts.ForRecipient(Se1));
        Assert.Equal(new PendingVolume(1, 300), counts.ForRecipient(Shv));
        Assert.Equal(PendingVolume.None, counts.ForSender(Se2));
    }

    private static string Pick(Random random) => Participants[random.Next(Participants.Length)];

    private static void AssertLedgerMatchesDatabase(TempStore temp)
    {
        var counts = temp.Store.PendingCounts;
        using var connection = temp.OpenRawConnection();
        var total = Volume(connection, "SELECT count(*), coalesce(sum(content_size), 0) FROM envelopes WHERE state IN (1, 2, 5)");
        Assert.Equal(total, counts.Total);
        foreach (var oin in Participants)
        {
            Assert.Equal(
                Volume(connection, $"SELECT count(*), coalesce(sum(content_size), 0) FROM envelopes WHERE state IN (1, 2, 5) AND recipient_oin = '{oin}'"),
                counts.ForRecipient(oin));
            Assert.Equal(
                Volume(connection, $"SELECT count(*), coalesce(sum(content_size), 0) FROM envelopes WHERE state IN (1, 2, 5) AND sender_oin = '{oin}'"),
                counts.ForSender(oin));
        }
    }

    private static PendingVolume Volume(Microsoft.Data.Sqlite.SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        reader.Read();
        return new PendingVolume(reader.GetInt64(0), reader.GetInt64(1));
    }
}
