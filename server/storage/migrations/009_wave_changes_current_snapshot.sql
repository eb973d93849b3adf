-- Researcher tools (issue 14): the audit log of wave settings changed mid-wave, and which stored snapshot of a
-- study is its current one.

-- One row per setting changed by `vlab wave update` or PATCH /api/researcher/waves/:id: when, which setting, the
-- values before and after (JSON: a number, a string or null) and who ("cli", or "token:<name>" of the API token).
CREATE TABLE wave_changes (
  id         INTEGER PRIMARY KEY,
  wave_id    TEXT    NOT NULL REFERENCES waves (id),
  changed_at TEXT    NOT NULL,
  field      TEXT    NOT NULL,
  old_value  TEXT    NOT NULL,
  new_value  TEXT    NOT NULL,
  changed_by TEXT    NOT NULL
);
CREATE INDEX wave_changes_wave ON wave_changes (wave_id, id);

-- The snapshot a study's new waves use is the one whose content the definitions folder held last: a definition
-- reverted to earlier content makes that earlier snapshot current again (its row is kept, not copied). The
-- highest current_rank of a study is current; until now that was the newest row, so rank = id.
ALTER TABLE studies ADD COLUMN current_rank INTEGER NOT NULL DEFAULT 0;
UPDATE studies SET current_rank = id;
