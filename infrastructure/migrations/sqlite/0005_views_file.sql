-- The views move to their own file (issue 8): SQLite has one write lock per file, and with the
-- case view beside the log every projection step made the filing desk wait. Every connection
-- attaches `<store>.views.db` as schema `views` (infrastructure/src/db.rs), and `Db::migrate`
-- creates the case view and the checkpoints there when missing; the runner then fills the
-- view again from the log. The copies in the log's file are dropped here: they were derived
-- data, and leaving them would hide the attached tables from unqualified queries.
DROP TABLE IF EXISTS main.case_view;
DROP TABLE IF EXISTS main.projection_checkpoints;
