import { CLAIM_SAVE_SQL, type SaveSequenceRepository } from '../save-sequence-repository.ts';
import type { Sql } from './sql.ts';

export function createPgSaveSequenceRepository(sql: Sql): SaveSequenceRepository {
  return {
    async claim(participantId, pageSession, sequence) {
      return (await sql.run(CLAIM_SAVE_SQL((n) => `$${n}`), [participantId, pageSession, sequence])) > 0;
    },
  };
}
