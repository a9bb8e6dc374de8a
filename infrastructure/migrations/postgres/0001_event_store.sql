-- The event log of pqrs. One table for every aggregate, as in postgres-es, plus:
--  * position: a global, gapless order that equals commit order (appends serialize on
--    ledger_head, so position n+1 is only written after the transaction holding n committed);
--  * recorded_at, prev_hash, hash: the tamper-evident chain (hash covers prev_hash and the
--    canonical bytes of the row). payload and metadata are stored as the exact JSON text hashed.
CREATE TABLE events
(
    position       bigint PRIMARY KEY CHECK (position >= 1),
    aggregate_type text   NOT NULL,
    aggregate_id   text   NOT NULL,
    sequence       bigint NOT NULL CHECK (sequence >= 1),
    event_type     text   NOT NULL,
    event_version  text   NOT NULL,
    payload        text   NOT NULL,
    metadata       text   NOT NULL,
    recorded_at    text   NOT NULL,
    prev_hash      text   NOT NULL,
    hash           text   NOT NULL,
    CONSTRAINT events_stream_sequence UNIQUE (aggregate_type, aggregate_id, sequence)
);

-- The head of the chain: the last position and hash. Every append locks this row first.
CREATE TABLE ledger_head
(
    id       smallint PRIMARY KEY CHECK (id = 1),
    position bigint NOT NULL,
    hash     text   NOT NULL
);
INSERT INTO ledger_head (id, position, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- The radicado counter of each year of receipt. Incremented in the same transaction that
-- appends the PqrFiled events, so a number exists if and only if its filing committed.
CREATE TABLE radicado_counters
(
    year        integer PRIMARY KEY CHECK (year BETWEEN 1984 AND 2199),
    last_number bigint  NOT NULL CHECK (last_number >= 0)
);

-- Idempotency-Key of filings. key_hash = SHA-256 of the key; sealed_code = the access code
-- masked with a pad derived from the key, so only the holder of the key can recover it.
CREATE TABLE idempotency_keys
(
    key_hash     text PRIMARY KEY,
    request_hash text NOT NULL,
    radicado     text NOT NULL,
    sealed_code  text NOT NULL,
    created_at   text NOT NULL
);

-- Staff bearer tokens, stored as SHA-256 hashes.
CREATE TABLE staff_tokens
(
    id         text PRIMARY KEY,
    name       text NOT NULL,
    role       text NOT NULL CHECK (role IN ('agent', 'supervisor', 'auditor', 'reporter', 'admin')),
    token_hash text NOT NULL UNIQUE,
    created_at text NOT NULL,
    revoked_at text
);
