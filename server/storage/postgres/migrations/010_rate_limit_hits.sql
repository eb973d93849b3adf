-- Rate limits shared by every `vlab serve` process on this database (issue 16): one row per key (an address at
-- one door: participant starts, failed researcher authentications) counts its hits in the window that the key's
-- first hit opened; storage/postgres/rate-counter.ts increments it with INSERT … ON CONFLICT DO UPDATE (starting
-- a new window once the old one has ended) and deletes rows whose window has ended. Times are epoch milliseconds.
CREATE TABLE rate_limit_hits (
  key        TEXT    PRIMARY KEY,
  window_end BIGINT  NOT NULL,
  n          INTEGER NOT NULL
);
