import { CLAIM_SAVE_SQL, claimValues, FORGET_SAVES_SQL, SESSION_KEPT_SQL, type SaveSequenceRepository } from '../save-sequence-repository.ts';
import type { Sql } from './sql.ts';

/** Built once, as SQLite's statement is prepared once: the claim runs on every numbered save. */
const CLAIM = CLAIM_SAVE_SQL((n) => `$${n}`);
const SESSION_KEPT = SESSION_KEPT_SQL((n) => `$${n}`);
const FORGET = FORGET_SAVES_SQL((n) => `$${n}`);

export function createPgSaveSequenceRepository(sql: Sql): SaveSequenceRepository {
  return {
    async claim(participantId, pageSession, sequence) {
      if ((await sql.run(CLAIM, claimValues(participantId, pageSession, sequence))) > 0) return true;
      return (await sql.one(SESSION_KEPT, [participantId, pageSession])) === undefined;
    },
    async forget(participantId) {
      await sql.run(FORGET, [participantId]);
    },
  };
}
