import type { Assignment } from '../domain/design.ts';
import type { StoredVignette } from '../domain/participant-vignettes.ts';
import type { Db } from './db.ts';

/** The m vignettes of each participant of a repeated-vignette design (migration 007), written once at the draw. */
export interface ParticipantVignetteRow {
  participant_id: number;
  position: number;
  cell_index: number;
  assignment_json: string;
  inclusion_probability: number;
}

export const toStoredVignette = (row: ParticipantVignetteRow): StoredVignette => ({
  position: row.position,
  cellIndex: row.cell_index,
  assignment: JSON.parse(row.assignment_json) as Assignment,
  inclusionProbability: row.inclusion_probability,
});

/** Rows grouped by participant, each list in reading order (the queries sort by participant, position). */
export function groupByParticipant(rows: readonly ParticipantVignetteRow[]): Map<number, StoredVignette[]> {
  const out = new Map<number, StoredVignette[]>();
  for (const row of rows) {
    const list = out.get(row.participant_id) ?? [];
    list.push(toStoredVignette(row));
    out.set(row.participant_id, list);
  }
  return out;
}

export function createParticipantVignetteRepository(db: Db) {
  const insert = db.prepare<[number, number, number, string, number]>(
    'INSERT INTO participant_vignettes (participant_id, position, cell_index, assignment_json, inclusion_probability) VALUES (?, ?, ?, ?, ?)',
  );
  const ofOne = db.prepare<[number], ParticipantVignetteRow>('SELECT * FROM participant_vignettes WHERE participant_id = ? ORDER BY position');
  const ofDrawRange = db.prepare<[string, number, number], ParticipantVignetteRow>(
    `SELECT v.* FROM participant_vignettes v JOIN participants p ON p.id = v.participant_id
     WHERE p.wave_id = ? AND p.draw_index > ? AND p.draw_index <= ? ORDER BY v.participant_id, v.position`,
  );

  const completesByCell = db.prepare<[string], { cell_index: number; n: number }>(
    `SELECT v.cell_index, COUNT(*) AS n FROM participant_vignettes v JOIN participants p ON p.id = v.participant_id
     WHERE p.wave_id = ? AND p.status = 'complete' GROUP BY v.cell_index`,
  );

  return {
    /** Stores a participant's vignettes, inside the transaction that draws the participant. */
    async insertAll(participantId: number, vignettes: readonly StoredVignette[]): Promise<void> {
      for (const v of vignettes) insert.run(participantId, v.position, v.cellIndex, JSON.stringify(v.assignment), v.inclusionProbability);
    },
    /** A participant's vignettes in reading order; empty for one-vignette designs (their row holds the cell). */
    async ofParticipant(participantId: number): Promise<StoredVignette[]> {
      return ofOne.all(participantId).map(toStoredVignette);
    },
    /** Vignettes of the wave's complete participants per cell (the status report of a repeated design). */
    async completesByCell(waveId: string): Promise<Map<number, number>> {
      return new Map(completesByCell.all(waveId).map((r) => [r.cell_index, r.n]));
    },
    /** The vignettes of a wave's participants with `after < draw_index <= last` (an export page), by participant id. */
    async ofDrawRange(waveId: string, after: number, last: number): Promise<Map<number, StoredVignette[]>> {
      return groupByParticipant(ofDrawRange.all(waveId, after, last));
    },
  };
}
export type ParticipantVignetteRepository = ReturnType<typeof createParticipantVignetteRepository>;
