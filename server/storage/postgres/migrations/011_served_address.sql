-- PostgreSQL twin of sqlite migrations/011_served_address.sql: the address the last `vlab serve` announced.
-- Several processes behind a proxy each record their own: with VLAB_PUBLIC_URL set on each, the same.
CREATE TABLE served_address (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  origin      TEXT    NOT NULL,
  recorded_at TEXT    NOT NULL
);
