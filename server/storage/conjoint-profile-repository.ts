import type { ProfileAttributeRow } from '../domain/respondent-plan.ts';
import type { Db } from './db.ts';

/** A stored profile row with the participant it belongs to (what an export of several participants reads). */
export interface StoredProfileRow extends ProfileAttributeRow {
  participantId: number;
}

export interface ConjointProfileDbRow {
  participant_id: number;
  task: number;
  profile: number;
  attribute: string;
  level: string;
  position: number;
  level_probability: number;
  profile_probability: number;
}

export const toStoredProfileRow = (row: ConjointProfileDbRow): StoredProfileRow => ({
  participantId: row.participant_id,
  task: row.task,
  profile: row.profile,
  attribute: row.attribute,
  level: row.level,
  position: row.position,
  levelProbability: row.level_probability,
  profileProbability: row.profile_probability,
});

/** Task, profile, then the attribute's row in the participant's tables: the order the page shows them in. */
export const PROFILE_ORDER = 'task, profile, position';

/**
 * The profiles conjoint participants were shown (migration 008). They are written once, in the transaction that
 * draws the participant, and never change.
 */
export interface ConjointProfileRepository {
  /** Stores a participant's plan (respondent-plan.ts conjointPlanRows); call inside the drawing transaction. */
  insertAll(participantId: number, rows: readonly ProfileAttributeRow[]): Promise<void>;
  listByParticipant(participantId: number): Promise<StoredProfileRow[]>;
  /** The profiles of a wave's participants with `after < draw_index <= last`, in draw order: one export page. */
  listByDrawRange(waveId: string, after: number, last: number): Promise<StoredProfileRow[]>;
}

export const BY_DRAW_RANGE = `SELECT c.* FROM conjoint_profiles c JOIN participants p ON p.id = c.participant_id
  WHERE p.wave_id = ? AND p.draw_index > ? AND p.draw_index <= ? ORDER BY p.draw_index, c.task, c.profile, c.position`;

export function createConjointProfileRepository(db: Db): ConjointProfileRepository {
  const insert = db.prepare<[number, number, number, string, string, number, number, number]>(
    `INSERT INTO conjoint_profiles (participant_id, task, profile, attribute, level, position, level_probability, profile_probability)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const byParticipant = db.prepare<[number], ConjointProfileDbRow>(`SELECT * FROM conjoint_profiles WHERE participant_id = ? ORDER BY ${PROFILE_ORDER}`);
  const byDrawRange = db.prepare<[string, number, number], ConjointProfileDbRow>(BY_DRAW_RANGE);
  return {
    async insertAll(participantId, rows) {
      for (const r of rows) insert.run(participantId, r.task, r.profile, r.attribute, r.level, r.position, r.levelProbability, r.profileProbability);
    },
    async listByParticipant(participantId) {
      return byParticipant.all(participantId).map(toStoredProfileRow);
    },
    async listByDrawRange(waveId, after, last) {
      return byDrawRange.all(waveId, after, last).map(toStoredProfileRow);
    },
  };
}
