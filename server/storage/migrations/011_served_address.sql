-- The address the last `vlab serve` on this database announced (one row at most): its VLAB_PUBLIC_URL, else
-- http://localhost and the port it took (`--port`, its own PORT, or port 0's pick). `vlab wave create` and `vlab
-- wave list` make their links from it instead of their own shell's PORT; the shell's VLAB_PUBLIC_URL still wins.
CREATE TABLE served_address (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  origin      TEXT    NOT NULL,
  recorded_at TEXT    NOT NULL
);
