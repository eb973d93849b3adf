import type { AssignmentCounterRepository } from '../assignment-counter-repository.ts';
import type { Sql } from './sql.ts';

export function createPgAssignmentCounterRepository(sql: Sql): AssignmentCounterRepository {
  return {
    async increment(waveId, cellIndex) {
      await sql.run(
        `INSERT INTO assignment_counters (wave_id, cell_index, assigned) VALUES ($1, $2, 1)
         ON CONFLICT (wave_id, cell_index) DO UPDATE SET assigned = assignment_counters.assigned + 1`,
        [waveId, cellIndex],
      );
    },
    async countsByCell(waveId) {
      const rows = await sql.rows<{ cell_index: number; assigned: number }>(
        'SELECT cell_index, assigned FROM assignment_counters WHERE wave_id = $1 ORDER BY cell_index',
        [waveId],
      );
      return new Map(rows.map((r) => [r.cell_index, r.assigned]));
    },
  };
}
