namespace Skn.Store.Sqlite.Internal.Migrations;

/// <summary>
/// Version 1, the first released schema, exactly as the first nodes created it (the version row is
/// written by the migration runner). Frozen: stores in the field were made by it.
/// </summary>
internal static class SchemaV1
{
    public const string Sql = """
        PRAGMA application_id = 1397444145;

        CREATE TABLE schema_version (
            version INTEGER NOT NULL
        );

        CREATE TABLE envelopes (
            sequence            INTEGER PRIMARY KEY AUTOINCREMENT,
            message_id          TEXT    NOT NULL UNIQUE,
            type                INTEGER NOT NULL,
            sender_oin          TEXT    NOT NULL,
            recipient_oin       TEXT    NOT NULL,
            conversation_id     TEXT    NOT NULL,
            in_reply_to         TEXT    NOT NULL DEFAULT '',
            definition_version  TEXT    NOT NULL DEFAULT '',
            request_id          TEXT    NOT NULL,
            send_time           INTEGER NOT NULL,
            expire_time         INTEGER NOT NULL,
            reply_due_date      TEXT,
            state               INTEGER NOT NULL,
            attempts            INTEGER NOT NULL DEFAULT 0,
            lease_expire_time   INTEGER,
            first_delivery_time INTEGER,
            outcome_time        INTEGER,
            extension_days      INTEGER NOT NULL DEFAULT 0,
            content_size        INTEGER NOT NULL,
            UNIQUE (sender_oin, request_id)
        );

        CREATE TABLE contents (
            sequence INTEGER PRIMARY KEY REFERENCES envelopes (sequence) ON DELETE CASCADE,
            body     BLOB    NOT NULL
        );

        -- A recipient's mailbox in delivery order; terminal envelopes leave the index. It carries
        -- the columns the lease and count filters read, so skipping leased envelopes and counting
        -- never touch the table.
        CREATE INDEX envelopes_deliverable ON envelopes
            (recipient_oin, sequence, state, lease_expire_time, expire_time, type) WHERE state IN (1, 2);
        -- The expiry sweeper's queue.
        CREATE INDEX envelopes_expiry ON envelopes (expire_time) WHERE state IN (1, 2);
        -- The trail, per side.
        CREATE INDEX envelopes_by_sender ON envelopes (sender_oin, sequence);
        CREATE INDEX envelopes_by_recipient ON envelopes (recipient_oin, sequence);
        -- Trail retention.
        CREATE INDEX envelopes_outcome ON envelopes (outcome_time) WHERE state IN (3, 4);
        """;
}
