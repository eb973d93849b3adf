-- Wave lifecycle, quotas and researcher tokens.

-- Completes per wave (auto-close at target) and status counts are read inside the respondent's transactions.
CREATE INDEX participants_wave_status ON participants (wave_id, status);

-- The quota cell a participant was admitted to, one row per quota variable, written by the quota step in the
-- same IMMEDIATE transaction that counted the cell: a slot is held while the participant is started or complete.
CREATE TABLE quota_slots (
  participant_id INTEGER NOT NULL REFERENCES participants (id),
  wave_id        TEXT    NOT NULL REFERENCES waves (id),
  variable       TEXT    NOT NULL,
  level          TEXT    NOT NULL,
  PRIMARY KEY (participant_id, variable)
);
CREATE INDEX quota_slots_cell ON quota_slots (wave_id, variable, level);

-- Researcher API tokens `vlab_<public_id>_<secret>`: only a scrypt hash of the secret is kept, with its own salt.
CREATE TABLE researcher_tokens (
  id           INTEGER PRIMARY KEY,
  public_id    TEXT    NOT NULL UNIQUE,
  name         TEXT    NOT NULL,
  salt         TEXT    NOT NULL,
  hash         TEXT    NOT NULL,
  created_at   TEXT    NOT NULL,
  last_used_at TEXT,
  revoked_at   TEXT
);
