-- Personal data at rest (issue 16, docs/privacy.md). Each case's personal fields are stored in
-- the event log encrypted under the case's own data key; the keys live here, wrapped by the
-- key-encryption key (KEK) the operator keeps outside the database. Destroying a case's key
-- (suppression, Ley 1581 de 2012 art. 8 lit. e) makes its personal data unreadable without
-- rewriting the hash-chained log: wrapped_key is then emptied and destroyed_* say who, when
-- and why.
CREATE TABLE data_keys
(
    radicado     text PRIMARY KEY,
    wrapped_key  text NOT NULL,
    kek_id       text NOT NULL,
    created_at   text NOT NULL,
    destroyed_at text,
    destroyed_by text,
    basis        text
);

-- The KEK this store's data keys are wrapped under (its id, a hash that does not reveal it):
-- a server started with another KEK refuses to start instead of failing case by case.
CREATE TABLE data_key_check
(
    id     integer PRIMARY KEY CHECK (id = 1),
    kek_id text NOT NULL,
    set_at text NOT NULL
);

-- Keyed blind index of the petitioner's identity number and e-mail (HMAC-SHA256 of the
-- normalised value under a key derived from the KEK): finds a person's cases for an access
-- request (Ley 1581 art. 8 lit. a) without decrypting the whole log or keeping the value.
CREATE TABLE personal_data_index
(
    kind     text NOT NULL CHECK (kind IN ('id_number', 'email')),
    digest   text NOT NULL,
    radicado text NOT NULL,
    PRIMARY KEY (kind, digest, radicado)
);
CREATE INDEX personal_data_index_radicado ON personal_data_index (radicado);

-- The data-protection officer's role (`privacy`): SQLite cannot change a CHECK, so the table is
-- rebuilt with the same rows.
CREATE TABLE staff_tokens_new
(
    id           text PRIMARY KEY,
    name         text NOT NULL,
    role         text NOT NULL CHECK (role IN ('agent', 'supervisor', 'auditor', 'reporter', 'admin', 'privacy')),
    token_hash   text NOT NULL UNIQUE,
    created_at   text NOT NULL,
    revoked_at   text,
    created_by   text,
    last_used_at text
);
INSERT INTO staff_tokens_new (id, name, role, token_hash, created_at, revoked_at, created_by, last_used_at)
SELECT id, name, role, token_hash, created_at, revoked_at, created_by, last_used_at FROM staff_tokens;
DROP TABLE staff_tokens;
ALTER TABLE staff_tokens_new RENAME TO staff_tokens;
