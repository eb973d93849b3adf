import { toRecord, type AnswerRepository, type AnswerRow } from '../answer-repository.ts';
import type { Sql } from './sql.ts';

export function createPgAnswerRepository(sql: Sql): AnswerRepository {
  return {
    async get(participantId, kind) {
      const row = await sql.one<AnswerRow>('SELECT * FROM answers WHERE participant_id = $1 AND kind = $2', [participantId, kind]);
      return row && toRecord(row);
    },
    async savePartial(participantId, answers, now) {
      await sql.run(
        `INSERT INTO answers (participant_id, kind, answers_json, saved_at) VALUES ($1, 'partial', $2, $3)
         ON CONFLICT (participant_id, kind) DO UPDATE SET answers_json = excluded.answers_json, saved_at = excluded.saved_at`,
        [participantId, JSON.stringify(answers), now],
      );
    },
    async saveFinal(participantId, answers, derived, now) {
      await sql.run(`INSERT INTO answers (participant_id, kind, answers_json, derived_json, saved_at) VALUES ($1, 'final', $2, $3, $4)`, [
        participantId,
        JSON.stringify(answers),
        JSON.stringify(derived),
        now,
      ]);
    },
  };
}
