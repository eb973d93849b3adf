-- The address the last `vlab serve` on this database listened on (one row at most), so that `vlab wave create`
-- and `vlab wave list` print links on the port the server really took (`--port`, its own PORT, or port 0's pick)
-- instead of PORT's default. VLAB_PUBLIC_URL, when set, still wins.
CREATE TABLE served_address (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  origin      TEXT    NOT NULL,
  recorded_at TEXT    NOT NULL
);
