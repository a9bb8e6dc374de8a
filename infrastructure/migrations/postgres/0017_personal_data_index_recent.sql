-- The blind index's newest entries (docs/privacy.md, "Blind index"). The case projection
-- appends each page's entries here, in the transaction that moves its checkpoint, and merges
-- them into `personal_data_index` in sorted batches of thousands: an entry's key is a random
-- digest, so written one page of events at a time each one dirtied an index page of its own
-- (docs/performance.md, filing run 16). An access request reads both tables. On SQLite the
-- table lives in the views file, created from this text.
CREATE TABLE personal_data_index_recent
(
    kind     text NOT NULL CHECK (kind IN ('id_number', 'email')),
    digest   text NOT NULL,
    radicado text NOT NULL
);
