-- A message store written by a schema version 1 node (sqlite3 .dump), with each state it kept:
-- pending-then-released (1), acknowledged (2), expired (3), delivered (4), and a lease that the
-- first nodes wrote to the database (5). The .dump leaves out PRAGMA application_id; it is added.
PRAGMA application_id = 1397444145;
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE schema_version (
    version INTEGER NOT NULL
);
INSERT INTO schema_version VALUES(1);
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
INSERT INTO envelopes VALUES(1,'11111111-0000-4000-8000-000000000001',4,'00000001000000000001','00000001000000000002','c0ffee00-0000-4000-8000-000000000001','','1.0','11111111-0000-4000-8000-000000000001',1772442000000,1773046800000,NULL,2,1,NULL,1772442000000,NULL,0,16);
INSERT INTO envelopes VALUES(2,'11111111-0000-4000-8000-000000000002',4,'00000001000000000001','00000001000000000002','c0ffee00-0000-4000-8000-000000000001','','1.0','11111111-0000-4000-8000-000000000002',1772442000000,1773046800000,NULL,3,1,NULL,1772442000000,1772442300000,0,14);
INSERT INTO envelopes VALUES(3,'11111111-0000-4000-8000-000000000003',4,'00000001000000000001','00000001000000000003','c0ffee00-0000-4000-8000-000000000001','','1.0','11111111-0000-4000-8000-000000000003',1772442060000,1772528400000,NULL,4,1,NULL,1772442360000,1772614800000,0,16);
INSERT INTO envelopes VALUES(4,'11111111-0000-4000-8000-000000000004',4,'00000001000000000001','00000001000000000003','c0ffee00-0000-4000-8000-000000000001','','1.0','11111111-0000-4000-8000-000000000004',1772442120000,1773046920000,'2026-03-16',2,1,NULL,1772442360000,NULL,0,18);
INSERT INTO envelopes VALUES(5,'11111111-0000-4000-8000-000000000005',4,'00000001000000000002','00000001000000000001','c0ffee00-0000-4000-8000-000000000001','','1.0','req-5',1772442180000,1773046980000,NULL,2,1,1772442780000,1772442480000,NULL,0,15);
CREATE TABLE contents (
    sequence INTEGER PRIMARY KEY REFERENCES envelopes (sequence) ON DELETE CASCADE,
    body     BLOB    NOT NULL
);
INSERT INTO contents VALUES(1,X'7365616c65642d70656e64696e672d31');
INSERT INTO contents VALUES(4,X'7365616c65642d64656c6976657265642d34');
INSERT INTO contents VALUES(5,X'7365616c65642d6c65617365642d35');
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('envelopes',5);
CREATE INDEX envelopes_deliverable ON envelopes
    (recipient_oin, sequence, state, lease_expire_time, expire_time, type) WHERE state IN (1, 2);
CREATE INDEX envelopes_expiry ON envelopes (expire_time) WHERE state IN (1, 2);
CREATE INDEX envelopes_by_sender ON envelopes (sender_oin, sequence);
CREATE INDEX envelopes_by_recipient ON envelopes (recipient_oin, sequence);
CREATE INDEX envelopes_outcome ON envelopes (outcome_time) WHERE state IN (3, 4);
COMMIT;
