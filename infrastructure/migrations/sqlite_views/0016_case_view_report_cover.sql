-- SQLite only: the reports' read of the case view (docs/reports.md, "The case view as a cache
-- of the fold") from indexes that hold what it reads. `view_schema.rs` creates them in the
-- views file and on every rebuilt case view; PostgreSQL keeps large values out of line (TOAST)
-- and needs neither.
--
-- In SQLite a row larger than a page spills into a chain of overflow pages, and `report`, the
-- last column, sits behind `state`, the largest: reading it from the table walks each row to
-- its end, the whole table in all. This index holds the radicado, the position and the report
-- document, and SQLite answers `SELECT radicado, position, report FROM case_view` from it.
CREATE INDEX case_view_report_cover ON case_view (radicado, position, report);
-- With the index above, SQLite (3.46) answers "is any row without its document?" by scanning
-- it whole rather than through `case_view_report_missing` (migration 0016), which it does not
-- count as holding `report`; an index on `report` itself, of those rows only, it searches.
CREATE INDEX case_view_report_absent ON case_view (report) WHERE report IS NULL;
