-- Read models (issue 5). Every view row is written in the same transaction as the
-- projection's checkpoint, so a view is always exactly "the log up to its checkpoint".
CREATE TABLE projection_checkpoints
(
    name     text PRIMARY KEY,
    position bigint NOT NULL CHECK (position >= 0)
);

-- One row per case: the folded aggregate state (JSON) and the columns the tracking view,
-- the work queue, the deadline view and the alerts filter and sort on.
CREATE TABLE case_view
(
    radicado              text PRIMARY KEY,
    year                  integer NOT NULL,
    number                bigint  NOT NULL,
    kind                  text    NOT NULL,
    status                text    NOT NULL,
    channel               text    NOT NULL,
    subject               text    NOT NULL,
    dependency            text,
    official              text,
    tier                  integer NOT NULL,
    priority              integer NOT NULL,
    received_at           text    NOT NULL,
    effective_received_on text    NOT NULL,
    due_date              text    NOT NULL,
    suspended             integer NOT NULL,
    positive_silence      integer NOT NULL,
    closed                integer NOT NULL,
    policy                text    NOT NULL,
    state                 text    NOT NULL,
    position              bigint  NOT NULL
);
CREATE INDEX case_view_open_due ON case_view (closed, due_date);
CREATE INDEX case_view_status ON case_view (status, due_date);
CREATE INDEX case_view_dependency ON case_view (dependency, due_date);
CREATE INDEX case_view_official ON case_view (official, due_date);
CREATE INDEX case_view_kind ON case_view (kind, due_date);
