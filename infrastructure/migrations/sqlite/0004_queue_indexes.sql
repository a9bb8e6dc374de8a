-- The work queue and the overdue list at scale (issue 5: p99 under 20 ms at 100 000 cases).
-- Each index serves one common filter together with its sort (ties broken by radicado, as
-- queue.rs orders), so a page reads its 50 entries in order and the COUNT of the page's
-- total is an index-only scan. A rebuilt case view gets the same indexes
-- (projection.rs, case_view_index_ddl).

-- Overdue: open, not suspended, due before today (partial: only the cases that can be late).
CREATE INDEX case_view_overdue ON case_view (due_date, radicado) WHERE closed = 0 AND suspended = 0;
-- A dependency's queue and an official's queue, open cases first-class.
CREATE INDEX case_view_dependency_queue ON case_view (dependency, closed, due_date, radicado);
CREATE INDEX case_view_official_queue ON case_view (official, closed, due_date, radicado);
-- By status, newest or oldest received first.
CREATE INDEX case_view_status_received ON case_view (status, received_at, radicado);
