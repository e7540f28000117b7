using Microsoft.Data.Sqlite;
using Skn.Domain.Storage;
using Skn.Store.Sqlite.Internal;
using Skn.Store.Tests.Infrastructure;
using Skn.V1;
using static Skn.Store.Tests.Infrastructure.Envelopes;

namespace Skn.Store.Tests.Migrations;

/// <summary>Opening stores written by earlier schema versions: forward migration at start.</summary>
public sealed class MigrationTests
{
    private const string Pending = "11111111-0000-4000-8000-000000000001";
    private const string Acknowledged = "11111111-0000-4000-8000-000000000002";
    private const string Expired = "11111111-0000-4000-8000-000000000003";
    private const string Delivered = "11111111-0000-4000-8000-000000000004";
    private const string LeasedInDatabase = "11111111-0000-4000-8000-000000000005";

    [Fact]
    public async Task OpenAsync_StoreOfFirstSchema_MigratesAndKeepsEveryEnvelope()
    {
        // Arrange
        await using var temp = TempStore.CreateDirectory();
        LoadFirstSchemaStore(temp);

        // Act
        var store = await temp.OpenAsync();
        var pending = await store.FindAsync(Pending, default).Within();
        var acknowledged = await store.FindAsync(Acknowledged, default).Within();
        var expired = await store.FindAsync(Expired, default).Within();
        var delivered = await store.FindAsync(Delivered, default).Within();
        var fromShv = await store.LeaseAsync(Lease(Shv, now: T0.AddHours(1)), default).Within();
        var fromSe1 = await store.LeaseAsync(Lease(Se1, now: T0.AddHours(1)), default).Within();

        // Assert: every envelope as the old node left it, the old lease no longer holding anything.
        Assert.Equal(Sql.SchemaVersion, SchemaVersionOf(temp));
        Assert.Equal((EnvelopeState.Delivered, 1, 16L), (pending!.State, pending.Attempts, pending.SealedContentSize));
        Assert.Equal((EnvelopeState.Acknowledged, T0.AddMinutes(5)), (acknowledged!.State, acknowledged.OutcomeTime));
        Assert.Equal(EnvelopeState.Expired, expired!.State);
        Assert.Equal((EnvelopeState.Delivered, (DateOnly?)new DateOnly(2026, 3, 16)), (delivered!.State, delivered.ReplyDueDate));
        var redelivered = Assert.Single(fromShv);
        Assert.Equal((LeasedInDatabase, 2), (redelivered.Envelope.MessageId, redelivered.Envelope.Attempts));
        Assert.Equal("sealed-leased-5"u8.ToArray(), redelivered.SealedContent.ToArray());
        Assert.Equal([Pending], fromSe1.Select(l => l.Envelope.MessageId));
        Assert.Equal("ok", await store.IntegrityCheckAsync(default).Within());
    }

    [Fact]
    public async Task OpenAsync_StoreOfFirstSchema_WorksLikeANewStoreAfterwards()
    {
        // Arrange
        await using var temp = TempStore.CreateDirectory();
        LoadFirstSchemaStore(temp);
        var store = await temp.OpenAsync();

        // Act: send, deliver, acknowledge and expire on the migrated store, then open it again.
        var sent = await store.SendAsync(New(messageId: "after-migration", recipient: Se2, sendTime: T0.AddHours(1)), default).Within();
        var leased = await store.LeaseAsync(Lease(Se2, now: T0.AddHours(1)), default).Within();
        var acks = await store.AcknowledgeAsync(Se2, [.. leased.Select(l => l.Delivery)], T0.AddHours(1), default).Within();
        var expiredLater = await store.ExpireAsync(T0.AddDays(30), 100, default).Within();
        store = await temp.ReopenAsync();

        // Assert
        Assert.Equal(SendOutcome.Stored, sent.Outcome);
        Assert.Equal([Delivered, "after-migration"], leased.Select(l => l.Envelope.MessageId));
        Assert.All(acks, a => Assert.Equal(AcknowledgeOutcome.Acknowledged, a.Outcome));
        Assert.Equal([Pending, LeasedInDatabase], expiredLater.Select(e => e.MessageId).Order());
        Assert.Equal(Sql.SchemaVersion, SchemaVersionOf(temp));
        Assert.Equal("ok", await store.IntegrityCheckAsync(default).Within());
    }

    [Fact]
    public async Task OpenAsync_NewStore_HasTheSameSchemaAsAMigratedOne()
    {
        // Arrange
        await using var migrated = TempStore.CreateDirectory();
        LoadFirstSchemaStore(migrated);
        await migrated.OpenAsync();
        await using var created = await TempStore.CreateAsync();

        // Act
        var migratedSchema = SchemaOf(migrated);
        var createdSchema = SchemaOf(created);

        // Assert
        Assert.Equal(createdSchema, migratedSchema);
        Assert.Contains(migratedSchema, sql => sql.Contains("failed_deliveries", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpenAsync_MigrationFails_LeavesTheStoreAtItsVersionAndSaysWhy()
    {
        // Arrange: a version 1 store that someone gave a column the next step adds.
        await using var temp = TempStore.CreateDirectory();
        LoadFirstSchemaStore(temp);
        using (var connection = temp.OpenRawConnection())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "ALTER TABLE envelopes ADD COLUMN failed_deliveries TEXT";
            command.ExecuteNonQuery();
        }

        var before = SchemaOf(temp);

        // Act
        var exception = await Assert.ThrowsAsync<SqliteException>(() => temp.OpenAsync());

        // Assert
        Assert.Contains("failed_deliveries", exception.Message);
        Assert.Equal(1, SchemaVersionOf(temp));
        Assert.Equal(before, SchemaOf(temp));
    }

    private static void LoadFirstSchemaStore(TempStore temp)
    {
        var script = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Migrations", "store-v1.sql"));
        using var connection = temp.OpenRawConnection();
        using var command = connection.CreateCommand();
        command.CommandText = script;
        command.ExecuteNonQuery();
    }

    private static long SchemaVersionOf(TempStore temp)
    {
        using var connection = temp.OpenRawConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT max(version) FROM schema_version";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Every table and index definition, whitespace normalised, by name.</summary>
    private static List<string> SchemaOf(TempStore temp)
    {
        using var connection = temp.OpenRawConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name";
        using var reader = command.ExecuteReader();
        var schema = new List<string>();
        while (reader.Read())
        {
            schema.Add(reader.GetString(0) + ": " + string.Join(' ', reader.GetString(1).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        }

        return schema;
    }
}
