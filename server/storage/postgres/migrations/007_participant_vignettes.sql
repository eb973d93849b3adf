-- PostgreSQL twin of sqlite migrations/007_participant_vignettes.sql.
-- Repeated vignettes (issue 15): each participant of a design with m > 1 vignettes per respondent reads m
-- distinct cells in a drawn order. One row per participant and vignette, written in the transaction that draws
-- the participant and never changed: the reading position (1..m), the cell, its levels and the inclusion
-- probability m·w/L actually used (server/domain/vignette-draws.ts). The participant's own row keeps vignette 1.
CREATE TABLE participant_vignettes (
  participant_id          INTEGER NOT NULL REFERENCES participants (id),
  position                INTEGER NOT NULL CHECK (position >= 1),
  cell_index              INTEGER NOT NULL CHECK (cell_index >= 0),
  assignment_json         TEXT    NOT NULL,
  inclusion_probability   DOUBLE PRECISION NOT NULL CHECK (inclusion_probability > 0 AND inclusion_probability <= 1),
  PRIMARY KEY (participant_id, position)
);
