import type { Answers } from '../domain/answers.ts';
import type { Db } from './db.ts';

export type AnswerKind = 'partial' | 'final';

export interface AnswerRecord {
  participantId: number;
  kind: AnswerKind;
  answers: Answers;
  derived: Record<string, number>;
  savedAt: string;
}

export interface AnswerRow {
  participant_id: number;
  kind: AnswerKind;
  answers_json: string;
  derived_json: string;
  saved_at: string;
}

export const toRecord = (row: AnswerRow): AnswerRecord => ({
  participantId: row.participant_id,
  kind: row.kind,
  answers: JSON.parse(row.answers_json) as Answers,
  derived: JSON.parse(row.derived_json) as Record<string, number>,
  savedAt: row.saved_at,
});

export function createAnswerRepository(db: Db) {
  const get = db.prepare<[number, AnswerKind], AnswerRow>('SELECT * FROM answers WHERE participant_id = ? AND kind = ?');
  const upsertPartial = db.prepare<[number, string, string]>(
    `INSERT INTO answers (participant_id, kind, answers_json, saved_at) VALUES (?, 'partial', ?, ?)
     ON CONFLICT (participant_id, kind) DO UPDATE SET answers_json = excluded.answers_json, saved_at = excluded.saved_at`,
  );
  const insertFinal = db.prepare<[number, string, string, string]>(
    `INSERT INTO answers (participant_id, kind, answers_json, derived_json, saved_at) VALUES (?, 'final', ?, ?, ?)`,
  );

  return {
    async get(participantId: number, kind: AnswerKind): Promise<AnswerRecord | undefined> {
      const row = get.get(participantId, kind);
      return row && toRecord(row);
    },
    /** The latest partial save replaces the previous one: the page always sends everything answered so far. */
    async savePartial(participantId: number, answers: Answers, now: string): Promise<void> {
      upsertPartial.run(participantId, JSON.stringify(answers), now);
    },
    /** Final answers are written once; a second insert violates the primary key. */
    async saveFinal(participantId: number, answers: Answers, derived: Record<string, number>, now: string): Promise<void> {
      insertFinal.run(participantId, JSON.stringify(answers), JSON.stringify(derived), now);
    },
  };
}
export type AnswerRepository = ReturnType<typeof createAnswerRepository>;
