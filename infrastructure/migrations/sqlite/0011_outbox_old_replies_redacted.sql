-- A mail server's words recorded before the deliverer redacted them (`last_error`,
-- `server_reply`) may name the petitioner's address (docs/privacy.md): such words are replaced
-- whole with `[redacted]` (personal_data::REDACTED), once, at the upgrade. The deliverer has
-- written none since: it redacts every address before recording.
UPDATE mail_outbox SET last_error = '[redacted]' WHERE last_error LIKE '%@%';
UPDATE mail_outbox SET server_reply = '[redacted]' WHERE server_reply LIKE '%@%';
