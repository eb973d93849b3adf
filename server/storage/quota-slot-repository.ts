import type { QuotaCell } from '../domain/quota.ts';
import type { Db } from './db.ts';

/**
 * The quota level each admitted participant holds (one row per quota variable). A slot counts while its
 * participant is started or complete; read and written inside the IMMEDIATE transaction of the quota step.
 */
export function createQuotaSlotRepository(db: Db) {
  // Slots held = the level's slots (counted on the index alone) minus those of participants who left, the
  // few screened out or over quota (found through the (wave_id, status) index). Joining every slot to its
  // participant instead made the quota step O(N) in the level's size, inside the write lock.
  const filled = db
    .prepare<[{ wave: string; variable: string; level: string }], number>(
      `SELECT (SELECT COUNT(*) FROM quota_slots WHERE wave_id = @wave AND variable = @variable AND level = @level)
            - (SELECT COUNT(*) FROM participants p JOIN quota_slots q ON q.participant_id = p.id AND q.variable = @variable
                WHERE p.wave_id = @wave AND p.status IN ('screened_out', 'overquota') AND q.level = @level)`,
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
      return filled.get({ wave: waveId, variable: cell.variable, level: cell.level })!;
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
