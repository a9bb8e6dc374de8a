-- The queue's totals (issue 14): `SELECT COUNT(*) … WHERE closed = 0` beside every bandeja page
-- is an index-only scan only over pages the visibility map marks all-visible; over pages
-- written since the last vacuum PostgreSQL reads the table itself (at 100 000 cases, right
-- after a bulk fill: a 75 ms sequential scan instead of 3 ms). The case view is updated all
-- day, so vacuum it after 2 % of its rows changed or were inserted instead of PostgreSQL's
-- default 20 %. A rebuilt case view gets the same settings from view_schema.rs, which reads
-- this statement, and is vacuumed once before it is swapped in (docs/performance.md,
-- "Bandeja").
ALTER TABLE case_view SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);
