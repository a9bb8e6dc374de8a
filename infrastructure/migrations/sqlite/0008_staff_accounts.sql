-- Staff accounts and console sessions (issue 14). An account is a person: e-mail (lower-case,
-- the login), name, role and, for officials, the dependency they work in (assignment notices and
-- the daily digest go by it). `password_hash` is an Argon2id PHC string, NULL until the account's
-- one-time password or link is used; `must_change_password` forces a new one at first login.
-- Disabling an account (`disabled_at`) ends its sessions. Roles are checked in code
-- (`pqrs_domain::actor::Role`), so a new role needs no table rebuild.
CREATE TABLE staff_accounts
(
    id                   text PRIMARY KEY,
    email                text    NOT NULL UNIQUE,
    name                 text    NOT NULL,
    role                 text    NOT NULL,
    dependency           text,
    password_hash        text,
    must_change_password integer NOT NULL DEFAULT 1,
    created_at           text    NOT NULL,
    created_by           text    NOT NULL,
    disabled_at          text
);

-- A console session: the cookie holds a random secret, the table its SHA-256 (`id_hash`), so a
-- copy of the database opens no session. Shared by every `pqrs` process on the store; idle and
-- absolute timeouts are checked against `last_seen_at` and `created_at`.
CREATE TABLE staff_sessions
(
    id_hash      text PRIMARY KEY,
    account_id   text NOT NULL REFERENCES staff_accounts (id),
    csrf         text NOT NULL,
    created_at   text NOT NULL,
    last_seen_at text NOT NULL,
    address      text
);
CREATE INDEX staff_sessions_account ON staff_sessions (account_id);

-- Who signed in, failed to, signed out, or changed an account or a token: when, from where.
-- Read by auditors. Never holds a password or a secret.
CREATE TABLE staff_access_log
(
    id         integer PRIMARY KEY AUTOINCREMENT,
    at         text NOT NULL,
    kind       text NOT NULL,
    account_id text,
    email      text,
    actor      text,
    address    text,
    detail     text
);
CREATE INDEX staff_access_log_at ON staff_access_log (at);
-- Throttling counts the recent failed logins per e-mail and per address (accounts::login).
CREATE INDEX staff_access_log_email ON staff_access_log (email, kind, at);
CREATE INDEX staff_access_log_address ON staff_access_log (address, kind, at);

-- Machine tokens: who created each, and when it was last used.
ALTER TABLE staff_tokens ADD COLUMN created_by text;
ALTER TABLE staff_tokens ADD COLUMN last_used_at text;
