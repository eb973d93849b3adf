-- PostgreSQL twin of sqlite migrations/008_conjoint_profiles.sql: every profile a conjoint participant is shown,
-- task × profile × attribute, with its position and exact probabilities (DOUBLE PRECISION: SQLite's REAL is 8 bytes).
CREATE TABLE conjoint_profiles (
  participant_id      INTEGER          NOT NULL REFERENCES participants (id),
  task                INTEGER          NOT NULL CHECK (task >= 1),
  profile             INTEGER          NOT NULL CHECK (profile >= 1),
  attribute           TEXT             NOT NULL,
  level               TEXT             NOT NULL,
  position            INTEGER          NOT NULL CHECK (position >= 1),
  level_probability   DOUBLE PRECISION NOT NULL CHECK (level_probability > 0 AND level_probability <= 1),
  profile_probability DOUBLE PRECISION NOT NULL CHECK (profile_probability > 0 AND profile_probability <= 1),
  PRIMARY KEY (participant_id, task, profile, attribute)
);
