-- Rate limits shared by every `vlab serve` process on this database (issue 16): one row per (key, window start)
-- counts the hits of an address at one door (participant starts, failed researcher authentications) in one fixed
-- window; storage/postgres/rate-counter.ts increments it with INSERT … ON CONFLICT DO UPDATE and deletes rows
-- whose window has ended. Times are epoch milliseconds.
CREATE TABLE rate_limit_hits (
  key          TEXT    NOT NULL,
  window_start BIGINT  NOT NULL,
  window_end   BIGINT  NOT NULL,
  n            INTEGER NOT NULL,
  PRIMARY KEY (key, window_start)
);
