namespace Skn.Store.Sqlite.Internal.Migrations;

/// <summary>
/// Version 2: the poison list (state 5, set aside). An envelope whose deliveries keep ending without
/// an acknowledgement is set aside after a configured number of them instead of looping forever;
/// it keeps its body until it expires, so the expiry queue must hold it too. The index is rebuilt
/// for that (a partial index's condition cannot be altered in place). Building it reads the table
/// once: seconds for a store of millions of rows, once, at the upgrade's start.
/// </summary>
internal static class SchemaV2
{
    public const string Sql = """
        ALTER TABLE schema_version ADD COLUMN applied_time INTEGER;

        -- Deliveries that ended without an acknowledgement since the envelope was sent or last
        -- released from the poison list (leases that ran out, streams that ended holding it).
        ALTER TABLE envelopes ADD COLUMN failed_deliveries INTEGER NOT NULL DEFAULT 0;

        DROP INDEX envelopes_expiry;
        CREATE INDEX envelopes_expiry ON envelopes (expire_time) WHERE state IN (1, 2, 5);
        """;
}
