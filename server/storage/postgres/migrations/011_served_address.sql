-- PostgreSQL twin of sqlite migrations/011_served_address.sql: the address the last `vlab serve` listened on.
-- Several processes behind a proxy each record their own; their links need VLAB_PUBLIC_URL anyway.
CREATE TABLE served_address (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  origin      TEXT    NOT NULL,
  recorded_at TEXT    NOT NULL
);
