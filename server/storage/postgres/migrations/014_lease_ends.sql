-- PostgreSQL twin of sqlite migrations/014_lease_ends.sql: each quota lease carries its own end (see there).
ALTER TABLE quota_slots RENAME COLUMN active_at TO lease_ends_at;
UPDATE quota_slots
   SET lease_ends_at = to_char((lease_ends_at::timestamptz + interval '7200 seconds') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
 WHERE lease_ends_at > '1970-01-01T00:00:00.000Z';
