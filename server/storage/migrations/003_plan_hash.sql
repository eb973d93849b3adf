-- The analysis plan a wave launched with: sha256 of the plan and the parts of the definition it reads
-- (server/domain/plan/plan-hash.ts), written by the transaction that creates the wave. Estimates and exports
-- carry it, so a reader can check that the numbers come from the pre-registered plan. Waves created before
-- this migration have NULL; their snapshot still fixes the plan, and the estimates report its hash.
ALTER TABLE waves ADD COLUMN plan_hash TEXT;
