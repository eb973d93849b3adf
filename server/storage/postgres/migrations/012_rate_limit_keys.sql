-- The keys that storage/postgres/rate-counter.ts hashes rate-limit keys with, one a day (UTC days by the database's
-- clock): rate_limit_hits holds an address only as an HMAC under the day's key, never as it was sent, and the day's
-- key is deleted once the next day's is made, so no row (nor a dead row or WAL page left behind) can be tied back to an
-- address by trying every address after that. Every process on the database uses the same key for the day.
CREATE TABLE rate_limit_keys (
  day    BIGINT PRIMARY KEY,
  secret TEXT   NOT NULL
);
