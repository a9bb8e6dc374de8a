-- E-mail to the petitioner (issue 15): one row per message owed, written in the same
-- transaction as the event that owes it (infrastructure/src/outbox), so no event can lose its
-- message. `id` is the Message-ID (without angle brackets), derived from the case and the
-- causing event, so a message is queued once and keeps its id across retries. `facts` holds
-- what the message says (the causing event and the filing's facts, JSON); it is rendered when
-- sent. A row is due while neither `sent_at` nor `failed_at` is set and `next_attempt_at` has
-- come; a deliverer claims it by moving `next_attempt_at` forward (a lease) with its own
-- `lease_token`.
CREATE TABLE mail_outbox
(
    id              text PRIMARY KEY,
    radicado        text    NOT NULL,
    caused_by       integer NOT NULL,
    message         text    NOT NULL,
    recipient       text    NOT NULL,
    facts           text    NOT NULL,
    created_at      text    NOT NULL,
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at text    NOT NULL,
    lease_token     text,
    sent_at         text,
    server_reply    text,
    failed_at       text,
    last_error      text
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX mail_outbox_case ON mail_outbox (radicado);
