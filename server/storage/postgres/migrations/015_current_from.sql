-- PostgreSQL twin of sqlite migrations/015_current_from.sql: the folder that made each current snapshot current.
ALTER TABLE studies ADD COLUMN current_from TEXT;
