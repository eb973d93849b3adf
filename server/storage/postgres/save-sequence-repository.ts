import { CLAIM_SAVE_SQL, FORGET_SAVES_SQL, type SaveSequenceRepository } from '../save-sequence-repository.ts';
import type { Sql } from './sql.ts';

/** Built once, as SQLite's statement is prepared once: the claim runs on every numbered save. */
const CLAIM = CLAIM_SAVE_SQL((n) => `$${n}`);
const FORGET = FORGET_SAVES_SQL((n) => `$${n}`);

export function createPgSaveSequenceRepository(sql: Sql): SaveSequenceRepository {
  return {
    async claim(participantId, pageSession, sequence) {
      return (await sql.run(CLAIM, [participantId, pageSession, sequence])) > 0;
    },
    async forget(participantId) {
      await sql.run(FORGET, [participantId]);
    },
  };
}
