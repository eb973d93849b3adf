-- Data-quality flags of completed participants (server/domain/quality-flags.ts), written in the completion's
-- transaction. 1 = flagged, 0 = not, NULL = not evaluable (speeder before enough completes; attention_failed in
-- a study without an attention check). Flags never change or remove a participant: the analysis plan decides.
CREATE TABLE quality_flags (
  participant_id          INTEGER PRIMARY KEY REFERENCES participants (id),
  duplicate_panel_id      INTEGER NOT NULL CHECK (duplicate_panel_id IN (0, 1)),
  -- As judged at completion against the median of the wave's earlier completes; exports re-evaluate it.
  speeder                 INTEGER CHECK (speeder IN (0, 1)),
  straightlining          INTEGER NOT NULL CHECK (straightlining IN (0, 1)),
  straightlined_batteries TEXT    NOT NULL DEFAULT '[]',
  honeypot                INTEGER NOT NULL CHECK (honeypot IN (0, 1)),
  attention_failed        INTEGER CHECK (attention_failed IN (0, 1)),
  duration_seconds        REAL    NOT NULL,
  computed_at             TEXT    NOT NULL
);
