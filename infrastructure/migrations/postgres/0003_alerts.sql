-- Alerts (issue 5): each transition of a case into an alert state is recorded once
-- (alerts_once), and its webhook deliveries are queued in the same transaction (the outbox),
-- so a crash never loses a delivery; deliveries are at least once, each with a stable id.
CREATE TABLE alerts
(
    id        text PRIMARY KEY,
    radicado  text NOT NULL,
    kind      text NOT NULL,
    due_date  text NOT NULL,
    raised_at text NOT NULL,
    payload   text NOT NULL,
    CONSTRAINT alerts_once UNIQUE (radicado, kind, due_date)
);
CREATE INDEX alerts_raised ON alerts (raised_at);

CREATE TABLE webhook_outbox
(
    id              text PRIMARY KEY,
    alert_id        text    NOT NULL,
    url             text    NOT NULL,
    payload         text    NOT NULL,
    attempts        integer NOT NULL,
    next_attempt_at text    NOT NULL,
    delivered_at    text,
    last_error      text
);
CREATE INDEX webhook_outbox_due ON webhook_outbox (delivered_at, next_attempt_at);
