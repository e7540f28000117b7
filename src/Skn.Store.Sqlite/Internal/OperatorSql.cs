namespace Skn.Store.Sqlite.Internal;

/// <summary>
/// The SQL of the operator's views: traffic across all participants and per-mailbox figures. Kept
/// beside <see cref="Sql"/> because it reads the same tables through the same indexes; none of it
/// touches the contents table, so no listing ever reads a body.
/// </summary>
internal static class OperatorSql
{
    /// <summary>Every participant's envelopes, newest first, walking the primary key downwards.</summary>
    public const string Traffic = "SELECT " + Sql.Columns + """
         FROM envelopes
        WHERE sequence < $before
          AND ($from IS NULL OR send_time >= $from)
          AND ($to IS NULL OR send_time < $to)
          AND ($types IS NULL OR type IN (SELECT value FROM json_each($types)))
          AND ($states IS NULL OR state IN (SELECT value FROM json_each($states)))
        ORDER BY sequence DESC
        LIMIT $limit
        """;

    /// <summary>
    /// Pending envelopes per mailbox with the oldest one's send time: a walk of the deliverable
    /// index (it holds only live envelopes), then one row lookup per mailbox.
    /// </summary>
    public const string PendingPerMailbox = """
        WITH pending AS (
            SELECT recipient_oin, count(*) AS pending_count, min(sequence) AS oldest
            FROM envelopes INDEXED BY envelopes_deliverable
            WHERE state IN (1, 2)
            GROUP BY recipient_oin)
        SELECT pending.recipient_oin, pending.pending_count, envelopes.send_time
        FROM pending JOIN envelopes ON envelopes.sequence = pending.oldest
        """;

    /// <summary>Poisoned envelopes per mailbox, through the expiry index (it holds every envelope that still has a body).</summary>
    public const string PoisonedPerMailbox = """
        SELECT recipient_oin, count(*)
        FROM envelopes INDEXED BY envelopes_expiry
        WHERE state IN (1, 2, 5) AND state = 5
        GROUP BY recipient_oin
        """;

    /// <summary>Envelopes expired since a moment, per mailbox, through the outcome index.</summary>
    public const string ExpiredPerMailbox = """
        SELECT recipient_oin, count(*)
        FROM envelopes INDEXED BY envelopes_outcome
        WHERE state IN (3, 4) AND state = 4 AND outcome_time >= $since
        GROUP BY recipient_oin
        """;
}
