-- E-mail, rest of issue 15 (mail helper).
-- `audience`: `petitioner` (a message owed the petitioner by a case event, recorded in the
-- case's history when accepted) or `staff` (an assignment notice or the daily digest of a
-- dependency: sent and marked here, never recorded as an event of the case). For the digest,
-- `radicado` is empty and `recipient` lists the dependency's addresses, comma-separated.
-- `cancelled_at`/`cancelled_by`: a message not yet sent when the petitioner withdrew the
-- consent to e-mail (`NotificationConsentWithdrawn`, its sequence in `cancelled_by`); it is
-- never sent and stays as the record of what was not sent.
ALTER TABLE mail_outbox ADD COLUMN audience text NOT NULL DEFAULT 'petitioner';
ALTER TABLE mail_outbox ADD COLUMN cancelled_at text;
ALTER TABLE mail_outbox ADD COLUMN cancelled_by bigint;
