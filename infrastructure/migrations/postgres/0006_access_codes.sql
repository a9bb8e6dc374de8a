-- The access-code hash of each filed PQR, one row per radicado (issue 11): citizen tracking
-- checks the code against this row before loading anything, so a wrong code and an unknown
-- radicado take the same time. Written in the same transaction as the PqrFiled event
-- (radicacion.rs); the hash is also in that event, which stays the record.
CREATE TABLE access_codes
(
    radicado  text PRIMARY KEY,
    code_hash text NOT NULL
);

-- Cases filed before this table existed.
INSERT INTO access_codes (radicado, code_hash)
SELECT aggregate_id, (payload::jsonb -> 'PqrFiled' ->> 'access_code_hash')
FROM events
WHERE aggregate_type = 'Pqr'
  AND event_type = 'PqrFiled'
  AND (payload::jsonb -> 'PqrFiled' ->> 'access_code_hash') IS NOT NULL
ON CONFLICT (radicado) DO NOTHING;
