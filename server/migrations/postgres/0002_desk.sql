-- The coordinators' desk (issue 21). Times are Unix milliseconds, as in 0001.

-- Who may log in to the desk. `departments` is `*` (all of them) or department ids separated by
-- commas; `role` is `coordinator` or `office`. `password_hash` is an argon2id PHC string;
-- `must_change` is 1 until the one-time password has been replaced.
CREATE TABLE coordinators (
    user_name      TEXT PRIMARY KEY,
    display_name   TEXT NOT NULL,
    role           TEXT NOT NULL,
    departments    TEXT NOT NULL,
    password_hash  TEXT NOT NULL,
    must_change    BIGINT NOT NULL,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
);

-- Logged-in desks: only the SHA-256 of each token is kept.
CREATE TABLE desk_sessions (
    token_hash     TEXT PRIMARY KEY,
    user_name      TEXT NOT NULL,
    expires_at     BIGINT NOT NULL,
    created_at     BIGINT NOT NULL
);
CREATE INDEX desk_sessions_user ON desk_sessions (user_name);

-- Failed logins, for the limit on guessing: by the name tried and by the client's address.
CREATE TABLE login_failures (
    seq            BIGSERIAL PRIMARY KEY,
    user_name      TEXT NOT NULL,
    client         TEXT NOT NULL,
    at             BIGINT NOT NULL
);
CREATE INDEX login_failures_user ON login_failures (user_name, at);
CREATE INDEX login_failures_client ON login_failures (client, at);

-- Every desk action: who, when, what, and on which department or sign-up; never a volunteer's
-- name, mobile or note.
CREATE TABLE audit (
    seq            BIGSERIAL PRIMARY KEY,
    at             BIGINT NOT NULL,
    user_name      TEXT NOT NULL,
    action         TEXT NOT NULL,
    target         TEXT NOT NULL DEFAULT ''
);
