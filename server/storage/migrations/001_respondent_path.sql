-- The respondent path: study snapshots, waves, participants with their drawn condition, answers, and the
-- per-cell assignment counters that monitoring and quotas read.

-- One row per distinct content of a study definition. Waves point at a snapshot, so editing a definition
-- file never changes what a running wave shows or how its data are read.
CREATE TABLE studies (
  id              INTEGER PRIMARY KEY,
  study_key       TEXT    NOT NULL,
  version         INTEGER NOT NULL,
  title           TEXT    NOT NULL,
  content_hash    TEXT    NOT NULL,
  definition_json TEXT    NOT NULL,
  created_at      TEXT    NOT NULL,
  UNIQUE (study_key, content_hash)
);

CREATE TABLE waves (
  id            TEXT    PRIMARY KEY,
  study_id      INTEGER NOT NULL REFERENCES studies (id),
  status        TEXT    NOT NULL,
  target        INTEGER NOT NULL CHECK (target > 0),
  seed          TEXT    NOT NULL,
  complete_url  TEXT,
  screenout_url TEXT,
  overquota_url TEXT,
  created_at    TEXT    NOT NULL,
  updated_at    TEXT    NOT NULL
);

-- draw_index is the position in the wave's assignment sequence: unique per wave and gap-free, because it is
-- read and written inside one IMMEDIATE transaction.
CREATE TABLE participants (
  id                     INTEGER PRIMARY KEY,
  code                   TEXT    NOT NULL UNIQUE,
  wave_id                TEXT    NOT NULL REFERENCES waves (id),
  panel_source           TEXT,
  panel_id               TEXT,
  panel_params_json      TEXT    NOT NULL,
  draw_index             INTEGER NOT NULL CHECK (draw_index >= 0),
  cell_index             INTEGER NOT NULL CHECK (cell_index >= 0),
  assignment_json        TEXT    NOT NULL,
  assignment_probability REAL    NOT NULL CHECK (assignment_probability > 0 AND assignment_probability <= 1),
  status                 TEXT    NOT NULL,
  screenout_reason       TEXT,
  current_page           INTEGER NOT NULL DEFAULT 0,
  started_at             TEXT    NOT NULL,
  updated_at             TEXT    NOT NULL,
  completed_at           TEXT,
  UNIQUE (wave_id, draw_index)
);

CREATE UNIQUE INDEX participants_panel_identity
  ON participants (wave_id, panel_source, panel_id)
  WHERE panel_id IS NOT NULL;

-- At most one partial row (the latest save, replaced on every page change) and one final row per participant.
CREATE TABLE answers (
  participant_id INTEGER NOT NULL REFERENCES participants (id),
  kind           TEXT    NOT NULL CHECK (kind IN ('partial', 'final')),
  answers_json   TEXT    NOT NULL,
  derived_json   TEXT    NOT NULL DEFAULT '{}',
  saved_at       TEXT    NOT NULL,
  PRIMARY KEY (participant_id, kind)
);

CREATE TABLE assignment_counters (
  wave_id    TEXT    NOT NULL REFERENCES waves (id),
  cell_index INTEGER NOT NULL CHECK (cell_index >= 0),
  assigned   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (wave_id, cell_index)
);
