-- PostgreSQL twin of sqlite migrations/006_participant_locale.sql: each participant's and each wave's locale.
ALTER TABLE participants ADD COLUMN locale TEXT NOT NULL DEFAULT 'en';
ALTER TABLE waves ADD COLUMN locale TEXT NOT NULL DEFAULT 'en';
