-- The bandeja's default page (issue 14): open cases by due date, ties by radicado, as
-- queue.rs orders them. A partial index in exactly that order lets PostgreSQL read the first
-- page's 50 entries in order (an index-only scan, about 0.1 ms at 100 000 cases) instead of
-- scanning and sorting every open case (docs/performance.md, "Bandeja"). SQLite gets the same
-- index in its views file from view_schema.rs, which reads this statement; a rebuilt case view
-- gets it too.
CREATE INDEX case_view_open_page ON case_view (due_date, radicado) WHERE closed = 0;
