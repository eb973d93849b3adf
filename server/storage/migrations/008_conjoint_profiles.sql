-- Conjoint waves (issue 15): every profile a conjoint participant is shown, one row per task × profile ×
-- attribute, written in the transaction that draws the participant and never changed, so a reload shows the same
-- tables and the export reads what was shown. `position` is the attribute's row in the participant's tables;
-- the probabilities are the exact ones of the design (weights and restrictions) that the analysis needs.
-- The answers to the tasks (choice, ratings) live with the participant's other answers.
CREATE TABLE conjoint_profiles (
  participant_id      INTEGER NOT NULL REFERENCES participants (id),
  task                INTEGER NOT NULL CHECK (task >= 1),
  profile             INTEGER NOT NULL CHECK (profile >= 1),
  attribute           TEXT    NOT NULL,
  level               TEXT    NOT NULL,
  position            INTEGER NOT NULL CHECK (position >= 1),
  level_probability   REAL    NOT NULL CHECK (level_probability > 0 AND level_probability <= 1),
  profile_probability REAL    NOT NULL CHECK (profile_probability > 0 AND profile_probability <= 1),
  PRIMARY KEY (participant_id, task, profile, attribute)
) WITHOUT ROWID;
