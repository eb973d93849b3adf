-- A live wave under real conditions (issue 12): a non-secret participant reference for the panels, and quota
-- slots held on a lease by participants who have not completed.

-- The participant code is the respondent's credential for saving and completing; redirect URLs send the panel
-- this reference instead ({participant}): 64 random bits, never accepted by any route. Nothing looks a
-- participant up by it, so it has no index (an index on random keys costs every start a page write).
ALTER TABLE participants ADD COLUMN public_ref TEXT;
UPDATE participants SET public_ref = lower(hex(randomblob(8)));

-- A slot of a participant who has not completed counts while they are active: `active_at` is the time of their
-- admission or last save, and the slot lapses VLAB_QUOTA_LEASE_SECONDS after it. NULL: the participant
-- completed, and the slot is held for good. Slots of participants who left (screened out, over quota) are gone.
ALTER TABLE quota_slots ADD COLUMN active_at TEXT;
UPDATE quota_slots SET active_at = (
  SELECT p.updated_at FROM participants p WHERE p.id = quota_slots.participant_id AND p.status = 'started'
);
DELETE FROM quota_slots WHERE participant_id IN (SELECT id FROM participants WHERE status IN ('screened_out', 'overquota'));
DROP INDEX quota_slots_cell;
CREATE INDEX quota_slots_cell ON quota_slots (wave_id, variable, level, active_at);
