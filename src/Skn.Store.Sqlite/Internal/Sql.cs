namespace Skn.Store.Sqlite.Internal;

/// <summary>
/// Every SQL text the store runs. States are written as literals (1 pending, 2 delivered,
/// 3 acknowledged, 4 expired, 5 poisoned: the values of <c>Skn.V1.EnvelopeState</c>) because SQLite uses a
/// partial index only when the query repeats the index's WHERE term literally.
/// </summary>
internal static class Sql
{
    /// <summary>The schema version this code writes and understands.</summary>
    public static int SchemaVersion => Migrations.SchemaMigrations.Latest;

    /// <summary>PRAGMA application_id of an Skn store: "SKN1" in ASCII.</summary>
    public const int ApplicationId = 0x534B4E31;

    // ---- connection setup -------------------------------------------------------------------

    public const string BusyTimeoutFormat = "PRAGMA busy_timeout = {0}";
    public const string MaxPageCountFormat = "PRAGMA max_page_count = {0}";
    public const string JournalModeWal = "PRAGMA journal_mode = WAL";
    /// <summary>
    /// Durable commits, enforced references, deleted content overwritten with zeros, and a WAL
    /// that is reused from its start after each checkpoint but kept at its usual size (about
    /// 1,000 pages between automatic checkpoints; 8 MiB leaves room). Cutting it to nothing each
    /// time (a limit of 0) made every commit grow the file again, and the block allocation in each
    /// fsync cost the node a tenth of its throughput. Old frames in the reused file are overwritten
    /// as it fills; the store's periodic TRUNCATE checkpoint removes what an idle node leaves.
    /// Temporary files in memory: every write runs under a savepoint, whose sub-journal holds a copy
    /// of each page it changes; past 64 KiB (an expiry chunk, a batch send) SQLite spilled it to a
    /// temporary file, which cost the sweep a third of its CPU in pwrite and pread, and put copies
    /// of sealed bodies in files that secure_delete never sees.
    /// </summary>
    public const string WriterPragmas =
        "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON; PRAGMA journal_size_limit = 8388608; PRAGMA temp_store = MEMORY;";
    public const string ReaderPragmas = "PRAGMA query_only = ON;";
    public const string WalCheckpointTruncate = "PRAGMA wal_checkpoint(TRUNCATE)";
    public const string IntegrityCheck = "PRAGMA integrity_check";
    /// <summary>The database's pages, its free pages and the page size, as of the reader's snapshot.</summary>
    public const string DatabaseSize =
        "SELECT p.page_count, f.freelist_count, s.page_size FROM pragma_page_count() AS p, pragma_freelist_count() AS f, pragma_page_size() AS s";

    // ---- transactions -----------------------------------------------------------------------

    public const string BeginImmediate = "BEGIN IMMEDIATE";
    public const string Commit = "COMMIT";
    public const string Rollback = "ROLLBACK";
    public const string Savepoint = "SAVEPOINT op";
    public const string ReleaseSavepoint = "RELEASE op";
    public const string RollbackToSavepoint = "ROLLBACK TO op";

    // ---- schema -----------------------------------------------------------------------------

    public const string CountSchemaObjects = "SELECT count(*) FROM sqlite_schema";
    public const string HasSchemaVersionTable =
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_version'";
    public const string ReadApplicationId = "PRAGMA application_id";
    public const string ReadSchemaVersion = "SELECT max(version) FROM schema_version";
    public const string RecordSchemaVersionV1 = "INSERT INTO schema_version (version) VALUES ($version)";
    public const string RecordSchemaVersion = "INSERT INTO schema_version (version, applied_time) VALUES ($version, $applied_time)";

    // ---- envelope rows ----------------------------------------------------------------------

    /// <summary>The columns <see cref="EnvelopeReader"/> reads, in its ordinal order.</summary>
    public const string Columns =
        "sequence, message_id, type, sender_oin, recipient_oin, conversation_id, in_reply_to, " +
        "definition_version, request_id, send_time, expire_time, reply_due_date, state, attempts, " +
        "lease_expire_time, first_delivery_time, outcome_time, extension_days, content_size";

    public const string FindByMessageId =
        "SELECT " + Columns + " FROM envelopes WHERE message_id = $message_id";

    public const string FindByRequestId =
        "SELECT " + Columns + " FROM envelopes WHERE sender_oin = $sender_oin AND request_id = $request_id";

    public const string FindBySequence =
        "SELECT " + Columns + " FROM envelopes WHERE sequence = $sequence";

    // ---- send -------------------------------------------------------------------------------

    public const string InsertEnvelope = """
        INSERT INTO envelopes (
            message_id, type, sender_oin, recipient_oin, conversation_id, in_reply_to, definition_version,
            request_id, send_time, expire_time, reply_due_date, state, attempts, extension_days, content_size)
        VALUES (
            $message_id, $type, $sender_oin, $recipient_oin, $conversation_id, $in_reply_to, $definition_version,
            $request_id, $send_time, $expire_time, $reply_due_date, 1, 0, 0, $content_size)
        RETURNING sequence
        """;

    public const string InsertContent = "INSERT INTO contents (sequence, body) VALUES ($sequence, $body)";

    // ---- lease ------------------------------------------------------------------------------

    /// <summary>
    /// The recipient's deliverable envelopes, oldest first (INDEXED BY: without statistics the
    /// planner rates envelopes_by_recipient the same, which also walks the recipient's whole trail):
    /// pending or delivered, not yet due to expire. Leases live in memory, so leased envelopes are
    /// listed too and skipped by the caller, which stops reading once it has enough. $types is a
    /// JSON array of type numbers, or NULL for all.
    /// </summary>
    public const string SelectLeasable = """
        SELECT sequence FROM envelopes INDEXED BY envelopes_deliverable
        WHERE recipient_oin = $recipient_oin
          AND state IN (1, 2)
          AND sequence > $after
          AND expire_time > $now
          AND ($types IS NULL OR type IN (SELECT value FROM json_each($types)))
        ORDER BY sequence
        """;

    public const string SelectContent = "SELECT body FROM contents WHERE sequence = $sequence";

    /// <summary>An envelope's row with its body after the <see cref="Columns"/> (NULL when it has none).</summary>
    public const string SelectWithContent =
        "SELECT " + Columns + ", (SELECT body FROM contents WHERE contents.sequence = envelopes.sequence) FROM envelopes WHERE sequence = $sequence";

    /// <summary>A snapshot's delivery: recorded at once, since nothing holds it afterwards.</summary>
    public const string RecordSnapshotDelivery = """
        UPDATE envelopes
        SET state = 2,
            attempts = attempts + 1,
            lease_expire_time = NULL,
            first_delivery_time = coalesce(first_delivery_time, $now)
        WHERE sequence = $sequence
        RETURNING
        """ + " " + Columns;

    /// <summary>
    /// A delivery that ended unacknowledged (released, or its lease ran out): recorded when it ends.
    /// $failed is 1 when it counts against the envelope (its fetcher let it go), 0 when the node
    /// ended it (shutting down); at $max_failed failures (NULL: no limit) the envelope is set aside.
    /// Returns the state it is left in.
    /// </summary>
    public const string RecordEndedDelivery = """
        UPDATE envelopes
        SET state = CASE WHEN $max_failed IS NOT NULL AND failed_deliveries + $failed >= $max_failed THEN 5 ELSE 2 END,
            failed_deliveries = failed_deliveries + $failed,
            attempts = $attempt,
            lease_expire_time = NULL,
            first_delivery_time = coalesce(first_delivery_time, $leased_at)
        WHERE sequence = $sequence AND state IN (1, 2)
        RETURNING state
        """;

    /// <summary>Puts a poisoned envelope of the recipient back in its mailbox with a fresh count of failures.</summary>
    public const string ReleasePoisoned = """
        UPDATE envelopes
        SET state = 2, failed_deliveries = 0
        WHERE message_id = $message_id AND recipient_oin = $recipient_oin AND state = 5
        RETURNING sequence
        """;

    // Leases were written to the database by schema version 1 nodes before they moved to memory;
    // a database from such a node may still hold some. No fetcher survives a restart.
    public const string ReleaseAllLeases = """
        UPDATE envelopes SET lease_expire_time = NULL
        WHERE state = 2 AND lease_expire_time IS NOT NULL
        """;

    // ---- acknowledge ------------------------------------------------------------------------

    public const string SelectForRecipient = """
        SELECT sequence, state, attempts, extension_days FROM envelopes
        WHERE message_id = $message_id AND recipient_oin = $recipient_oin
        """;

    public const string DeleteContent = "DELETE FROM contents WHERE sequence = $sequence";

    public const string MarkAcknowledged = """
        UPDATE envelopes
        SET state = 3,
            outcome_time = $now,
            lease_expire_time = NULL,
            attempts = $attempt,
            first_delivery_time = coalesce(first_delivery_time, $first_delivery)
        WHERE sequence = $sequence
        RETURNING type, sender_oin, content_size
        """;

    // ---- extend -----------------------------------------------------------------------------

    public const string Extend = """
        UPDATE envelopes SET expire_time = $expire_time, extension_days = $days
        WHERE sequence = $sequence
        RETURNING
        """ + " " + Columns;

    // ---- expire -----------------------------------------------------------------------------

    /// <summary>The envelopes an expiry chunk takes: the oldest due first, the same set for both statements below.</summary>
    public const string SelectDue = """
        SELECT sequence FROM envelopes
        WHERE state IN (1, 2, 5) AND expire_time <= $now
        ORDER BY expire_time, sequence
        LIMIT $limit
        """;

    /// <summary>
    /// Deletes the content of a chunk of due envelopes in one statement (secure_delete overwrites
    /// it). Runs before <see cref="MarkDueExpired"/> in the same transaction, so both select the
    /// same envelopes.
    /// </summary>
    public const string DeleteDueContents = "DELETE FROM contents WHERE sequence IN (" + SelectDue + ")";

    /// <summary>
    /// Expires a chunk of due envelopes in one statement. An envelope that was out on a delivery at
    /// the time gets that delivery recorded afterwards by <see cref="RecordExpiredDelivery"/>.
    /// </summary>
    public const string MarkDueExpired = """
        UPDATE envelopes
        SET state = 4,
            outcome_time = $now,
            lease_expire_time = NULL
        WHERE sequence IN (
        """ + SelectDue + """
        )
        RETURNING
        """ + " " + Columns;

    /// <summary>The open delivery ($attempt and $leased_at of its lease) of an envelope that expired while out.</summary>
    public const string RecordExpiredDelivery = """
        UPDATE envelopes
        SET attempts = $attempt,
            first_delivery_time = coalesce(first_delivery_time, $leased_at)
        WHERE sequence = $sequence
        RETURNING
        """ + " " + Columns;

    public const string NextExpireTime = """
        SELECT expire_time FROM envelopes
        WHERE state IN (1, 2, 5)
        ORDER BY expire_time
        LIMIT 1
        """;

    /// <summary>
    /// Every waiting envelope's recipient, sender and size, to seed the pending ledger at open:
    /// a walk of the expiry index, whose condition it repeats (no sort, no table scan).
    /// </summary>
    public const string SelectWaiting = """
        SELECT recipient_oin, sender_oin, content_size FROM envelopes INDEXED BY envelopes_expiry
        WHERE state IN (1, 2, 5)
        """;

    public const string CountPending =
        "SELECT count(*) FROM envelopes INDEXED BY envelopes_deliverable WHERE recipient_oin = $recipient_oin AND state IN (1, 2)";

    // ---- health probe -----------------------------------------------------------------------

    /// <summary>A probe envelope that is always rolled back: does an envelope of about one page fit?</summary>
    public const string InsertProbeEnvelope = """
        INSERT INTO envelopes (
            message_id, type, sender_oin, recipient_oin, conversation_id, request_id, send_time, expire_time,
            state, content_size)
        VALUES ('skn-write-probe', 0, '', '', '', 'skn-write-probe', 0, 0, 3, 4000)
        RETURNING sequence
        """;

    public const string InsertProbeContent = "INSERT INTO contents (sequence, body) VALUES ($sequence, zeroblob(4000))";

    /// <summary>The number of committed write probes, kept in PRAGMA user_version (the store uses it for nothing else).</summary>
    public const string ReadProbeCount = "PRAGMA user_version";

    public const string WriteProbeCountFormat = "PRAGMA user_version = {0}";

    // ---- trail ------------------------------------------------------------------------------

    private const string TrailFilters = """
          AND sequence < $before
          AND ($from IS NULL OR send_time >= $from)
          AND ($to IS NULL OR send_time < $to)
          AND ($types IS NULL OR type IN (SELECT value FROM json_each($types)))
          AND ($conversation_id IS NULL OR conversation_id = $conversation_id)
          AND ($states IS NULL OR state IN (SELECT value FROM json_each($states)))
        """;

    private const string TrailSentHalf =
        "SELECT " + Columns + " FROM envelopes WHERE sender_oin = $participant\n" + TrailFilters +
        "\n  AND ($counterpart IS NULL OR recipient_oin = $counterpart)";

    private const string TrailReceivedHalf =
        "SELECT " + Columns + " FROM envelopes WHERE recipient_oin = $participant\n" + TrailFilters +
        "\n  AND ($counterpart IS NULL OR sender_oin = $counterpart)";

    public const string TrailSent = TrailSentHalf + "\nORDER BY sequence DESC\nLIMIT $limit";

    public const string TrailReceived = TrailReceivedHalf + "\nORDER BY sequence DESC\nLIMIT $limit";

    /// <summary>
    /// Both directions as a merge of the two index-ordered halves (an OR would scan); an envelope a
    /// participant sent to itself is listed once, from the sent half.
    /// </summary>
    public const string TrailBoth =
        TrailSentHalf + "\nUNION ALL\n" + TrailReceivedHalf + "\n  AND sender_oin <> $participant" +
        "\nORDER BY sequence DESC\nLIMIT $limit";

    // ---- purge ------------------------------------------------------------------------------

    public const string PurgeChunk = """
        DELETE FROM envelopes
        WHERE sequence IN (
            SELECT sequence FROM envelopes
            WHERE state IN (3, 4) AND outcome_time < $cutoff
            LIMIT $limit)
        """;
}
