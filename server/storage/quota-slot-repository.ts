import type { QuotaCell } from '../domain/quota.ts';
import type { Db } from './db.ts';

/**
 * The quota level each admitted participant holds (one row per quota variable). A slot counts while its
 * participant is started or complete; read and written inside the IMMEDIATE transaction of the quota step.
 */
export function createQuotaSlotRepository(db: Db) {
  const filled = db
    .prepare<[string, string, string], number>(
      `SELECT COUNT(*) FROM quota_slots q JOIN participants p ON p.id = q.participant_id
       WHERE q.wave_id = ? AND q.variable = ? AND q.level = ? AND p.status IN ('started', 'complete')`,
    )
    .pluck();
  const filledByLevel = db.prepare<[string], { variable: string; level: string; n: number }>(
    `SELECT q.variable, q.level, COUNT(*) AS n FROM quota_slots q JOIN participants p ON p.id = q.participant_id
     WHERE q.wave_id = ? AND p.status IN ('started', 'complete') GROUP BY q.variable, q.level`,
  );
  const held = db.prepare<[number], number>('SELECT COUNT(*) FROM quota_slots WHERE participant_id = ?').pluck();
  const insert = db.prepare<[number, string, string, string]>(
    'INSERT INTO quota_slots (participant_id, wave_id, variable, level) VALUES (?, ?, ?, ?)',
  );

  return {
    filled(waveId: string, cell: QuotaCell): number {
      return filled.get(waveId, cell.variable, cell.level)!;
    },
    /** `variable\0level` → slots held. */
    filledByLevel(waveId: string): Map<string, number> {
      return new Map(filledByLevel.all(waveId).map((r) => [`${r.variable}\0${r.level}`, r.n]));
    },
    isAdmitted(participantId: number): boolean {
      return held.get(participantId)! > 0;
    },
    admit(participantId: number, waveId: string, cell: readonly QuotaCell[]): void {
      for (const c of cell) insert.run(participantId, waveId, c.variable, c.level);
    },
  };
}
export type QuotaSlotRepository = ReturnType<typeof createQuotaSlotRepository>;
