-- The access-code hash of each filed PQR, one row per radicado (issue 11): citizen tracking
-- checks the code against this row before loading anything, so a wrong code and an unknown
-- radicado take the same time. Written in the same transaction as the PqrFiled event
-- (radicacion.rs); the hash is also in that event, which stays the record.
CREATE TABLE access_codes
(
    radicado  text PRIMARY KEY,
    code_hash text NOT NULL
);

-- The row an unknown radicado is checked against, so both paths read one row
-- (infrastructure/src/access.rs). `0000-000000` is never a radicado (years start at 1984);
-- its hash is SHA-256 of nothing, which no 20-character code has.
INSERT INTO access_codes (radicado, code_hash)
VALUES ('0000-000000', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');

-- Cases filed before this table existed.
INSERT INTO access_codes (radicado, code_hash)
SELECT aggregate_id, (payload::jsonb -> 'PqrFiled' ->> 'access_code_hash')
FROM events
WHERE aggregate_type = 'Pqr'
  AND event_type = 'PqrFiled'
  AND (payload::jsonb -> 'PqrFiled' ->> 'access_code_hash') IS NOT NULL
ON CONFLICT (radicado) DO NOTHING;
