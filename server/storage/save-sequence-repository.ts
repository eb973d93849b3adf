import type { Db } from './db.ts';

/**
 * The page sessions kept per participant. Each page load that saves is one; without a bound, a participant who never
 * finishes (anyone with a link) could add a row per request for ever (attacker pass 25). A save from a page session
 * past the bound is applied as one from a page without `saveOrder` (the last to arrive wins), its order unchecked:
 * 32 page loads of one respondent, then a late save from one of them, is not a real respondent's path.
 */
export const SAVE_SESSIONS_KEPT = 32;

/**
 * Takes save `sequence` of a page session as the newest applied, unless a higher one was applied already: one
 * statement, under the participant's lock that the save holds (respondent-steps.ts lockedParticipant). An equal
 * number is taken again: the same save retried, whose answers are already stored, so storing them again is harmless.
 * A new page session is recorded only while the participant has fewer than SAVE_SESSIONS_KEPT. Its placeholders are
 * numbered in the order they appear (SQLite's `?` are positional): the values are claimValues'.
 */
export const CLAIM_SAVE_SQL = (placeholder: (n: number) => string) =>
  `INSERT INTO save_sequences (participant_id, page_session, last_sequence)
   SELECT CAST(${placeholder(1)} AS BIGINT), CAST(${placeholder(2)} AS TEXT), CAST(${placeholder(3)} AS BIGINT)
   WHERE (SELECT COUNT(*) FROM save_sequences WHERE participant_id = ${placeholder(4)}) < ${SAVE_SESSIONS_KEPT}
      OR EXISTS (SELECT 1 FROM save_sequences WHERE participant_id = ${placeholder(5)} AND page_session = ${placeholder(6)})
   ON CONFLICT (participant_id, page_session) DO UPDATE SET last_sequence = excluded.last_sequence
   WHERE save_sequences.last_sequence <= excluded.last_sequence`;

type ClaimValues = [number, string, number, number, number, string];
export const claimValues = (participantId: number, pageSession: string, sequence: number): ClaimValues =>
  [participantId, pageSession, sequence, participantId, participantId, pageSession];

/** Whether the page session has a row: after a claim that changed nothing, a stale save (else: past the bound). */
export const SESSION_KEPT_SQL = (placeholder: (n: number) => string) =>
  `SELECT 1 AS kept FROM save_sequences WHERE participant_id = ${placeholder(1)} AND page_session = ${placeholder(2)}`;

/** A finished participant's page sessions: no save of theirs is applied again (savePartial refuses it first). */
export const FORGET_SAVES_SQL = (placeholder: (n: number) => string) => `DELETE FROM save_sequences WHERE participant_id = ${placeholder(1)}`;

export function createSaveSequenceRepository(db: Db) {
  const claim = db.prepare<ClaimValues>(CLAIM_SAVE_SQL(() => '?'));
  const kept = db.prepare<[number, string]>(SESSION_KEPT_SQL(() => '?'));
  const forget = db.prepare<[number]>(FORGET_SAVES_SQL(() => '?'));
  return {
    /**
     * Whether save `sequence` of the page session is to be applied (it is not older than one applied, or its page
     * session is past SAVE_SESSIONS_KEPT), recording it if so.
     */
    async claim(participantId: number, pageSession: string, sequence: number): Promise<boolean> {
      return claim.run(...claimValues(participantId, pageSession, sequence)).changes > 0 || kept.get(participantId, pageSession) === undefined;
    },
    /**
     * Deletes the participant's rows, in the transaction that finishes them (complete, screened out, over quota):
     * a finished participant's saves are refused before any claim, so the rows would only grow the table by one
     * per page load that saved.
     */
    async forget(participantId: number): Promise<void> {
      forget.run(participantId);
    },
  };
}

export type SaveSequenceRepository = ReturnType<typeof createSaveSequenceRepository>;
