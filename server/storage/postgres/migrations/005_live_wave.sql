-- PostgreSQL twin of sqlite migrations/005_live_wave.sql: the participant's public reference and quota leases.
ALTER TABLE participants ADD COLUMN public_ref TEXT;
UPDATE participants SET public_ref = substr(md5(random()::text || id::text), 1, 16);

ALTER TABLE quota_slots ADD COLUMN active_at TEXT;
UPDATE quota_slots SET active_at = (
  SELECT p.updated_at FROM participants p WHERE p.id = quota_slots.participant_id AND p.status = 'started'
);
DELETE FROM quota_slots WHERE participant_id IN (SELECT id FROM participants WHERE status IN ('screened_out', 'overquota'));
DROP INDEX quota_slots_cell;
CREATE INDEX quota_slots_cell ON quota_slots (wave_id, variable, level, active_at);
