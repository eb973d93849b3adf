-- PostgreSQL twin of sqlite migrations/004_quality_flags.sql (1 = flagged, 0 = not, NULL = not evaluable).
CREATE TABLE quality_flags (
  participant_id          INTEGER PRIMARY KEY REFERENCES participants (id),
  duplicate_panel_id      SMALLINT NOT NULL CHECK (duplicate_panel_id IN (0, 1)),
  speeder                 SMALLINT CHECK (speeder IN (0, 1)),
  straightlining          SMALLINT NOT NULL CHECK (straightlining IN (0, 1)),
  straightlined_batteries TEXT     NOT NULL DEFAULT '[]',
  honeypot                SMALLINT NOT NULL CHECK (honeypot IN (0, 1)),
  attention_failed        SMALLINT CHECK (attention_failed IN (0, 1)),
  duration_seconds        DOUBLE PRECISION NOT NULL,
  computed_at             TEXT     NOT NULL
);
