import type { Db } from './db.ts';

/** How many participants each cell of a wave has received: what monitoring and quotas read. */
export function createAssignmentCounterRepository(db: Db) {
  const increment = db.prepare<[string, number]>(
    `INSERT INTO assignment_counters (wave_id, cell_index, assigned) VALUES (?, ?, 1)
     ON CONFLICT (wave_id, cell_index) DO UPDATE SET assigned = assigned + 1`,
  );
  const byWave = db.prepare<[string], { cell_index: number; assigned: number }>(
    'SELECT cell_index, assigned FROM assignment_counters WHERE wave_id = ? ORDER BY cell_index',
  );

  return {
    async increment(waveId: string, cellIndex: number): Promise<void> {
      increment.run(waveId, cellIndex);
    },
    /** Cell index → participants assigned; cells never drawn are absent. */
    async countsByCell(waveId: string): Promise<Map<number, number>> {
      return new Map(byWave.all(waveId).map((r) => [r.cell_index, r.assigned]));
    },
  };
}
export type AssignmentCounterRepository = ReturnType<typeof createAssignmentCounterRepository>;
