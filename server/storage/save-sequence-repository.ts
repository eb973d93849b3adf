import type { Db } from './db.ts';

/**
 * Takes save `sequence` of a page session as the newest applied, unless a higher one was applied already: one
 * statement, under the participant's lock that the save holds (respondent-steps.ts lockedParticipant). An equal
 * number is taken again: the same save retried, whose answers are already stored, so storing them again is harmless.
 */
export const CLAIM_SAVE_SQL = (placeholder: (n: number) => string) =>
  `INSERT INTO save_sequences (participant_id, page_session, last_sequence) VALUES (${placeholder(1)}, ${placeholder(2)}, ${placeholder(3)})
   ON CONFLICT (participant_id, page_session) DO UPDATE SET last_sequence = excluded.last_sequence
   WHERE save_sequences.last_sequence <= excluded.last_sequence`;

/** A finished participant's page sessions: no save of theirs is applied again (savePartial refuses it first). */
export const FORGET_SAVES_SQL = (placeholder: (n: number) => string) => `DELETE FROM save_sequences WHERE participant_id = ${placeholder(1)}`;

export function createSaveSequenceRepository(db: Db) {
  const claim = db.prepare<[number, string, number]>(CLAIM_SAVE_SQL(() => '?'));
  const forget = db.prepare<[number]>(FORGET_SAVES_SQL(() => '?'));
  return {
    /** Whether save `sequence` of the page session is to be applied (it is not older than one applied), recording it if so. */
    async claim(participantId: number, pageSession: string, sequence: number): Promise<boolean> {
      return claim.run(participantId, pageSession, sequence).changes > 0;
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
