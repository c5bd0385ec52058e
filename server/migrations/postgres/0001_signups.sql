-- Sign-ups, one row per volunteer and department, whether it came over the network, by SMS, or
-- both (the reference joins them). Times are Unix milliseconds (the Any driver has no common
-- timestamp type). Personal columns are set to NULL on withdrawal and by the purge.
CREATE TABLE signups (
    seq            BIGSERIAL PRIMARY KEY,
    id             TEXT UNIQUE,
    department_id  TEXT NOT NULL,
    reference      TEXT NOT NULL,
    state          TEXT NOT NULL,
    reason         TEXT NOT NULL DEFAULT '',
    holds_place    BIGINT NOT NULL DEFAULT 0,
    via            TEXT NOT NULL,
    lang           TEXT NOT NULL,
    full_name      TEXT,
    mobile         TEXT,
    national_id    TEXT,
    age_group      TEXT,
    days           TEXT,
    note           TEXT,
    waiting_list   BIGINT NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL DEFAULT '',
    received_at    BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL,
    purged_at      BIGINT
);
-- Not unique: two phones' ids may share their first eight characters; an SMS joins the oldest.
CREATE INDEX signups_reference ON signups (department_id, reference);
CREATE INDEX signups_waiting ON signups (department_id, state, seq);

-- Places per department: `taken` counts the places held (those the catalog said were taken when
-- the server first saw the department, plus every sign-up holding one); `waiting` the waiting list.
CREATE TABLE places (
    department_id  TEXT PRIMARY KEY,
    taken          BIGINT NOT NULL,
    waiting        BIGINT NOT NULL DEFAULT 0,
    updated_at     BIGINT NOT NULL
);

-- The first answer to each Idempotency-Key, and a fingerprint of the body it came with.
CREATE TABLE idempotency (
    key            TEXT PRIMARY KEY,
    fingerprint    TEXT NOT NULL,
    status         BIGINT NOT NULL,
    answer         TEXT NOT NULL,
    created_at     BIGINT NOT NULL
);

-- SMS the parser could not read, kept for a coordinator to read by eye.
CREATE TABLE sms_unread (
    seq            BIGSERIAL PRIMARY KEY,
    sender         TEXT,
    text           TEXT,
    problem        TEXT NOT NULL,
    sent_at        TEXT NOT NULL DEFAULT '',
    received_at    BIGINT NOT NULL
);
