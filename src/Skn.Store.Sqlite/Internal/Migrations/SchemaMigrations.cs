namespace Skn.Store.Sqlite.Internal.Migrations;

/// <summary>
/// Every schema step in order. A new store runs them all from version 1, so the path an upgraded
/// store takes is the path every test takes too.
/// </summary>
internal static class SchemaMigrations
{
    public static readonly IReadOnlyList<SchemaMigration> All =
    [
        new(1, "The first released schema", SchemaV1.Sql),
        new(2, "Poison list: count failed deliveries, keep set-aside envelopes in the expiry queue", SchemaV2.Sql),
    ];

    /// <summary>The version this code writes and understands.</summary>
    public static int Latest => All[^1].Version;
}
