-- What the reports read of each case (issue 11, item 20; docs/reports.md, "The case view as a
-- cache of the fold"): `ReportCase` as JSON, written with the case's state by the same fold.
-- A report takes a case from here when its row is current at the report's position instead
-- of folding the case's events again. Rows written before this column existed hold NULL until
-- the runner next writes them or `pqrs projections rebuild` writes them all; while any row
-- holds NULL, reports fold the log (the partial index below answers that at once).
ALTER TABLE case_view ADD COLUMN report text;
CREATE INDEX case_view_report_missing ON case_view (radicado) WHERE report IS NULL;
