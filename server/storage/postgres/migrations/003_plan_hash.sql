-- PostgreSQL twin of sqlite migrations/003_plan_hash.sql: the analysis plan's hash recorded at launch.
ALTER TABLE waves ADD COLUMN plan_hash TEXT;
