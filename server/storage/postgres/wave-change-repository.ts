import type { WaveChangeRecord } from '../../domain/wave-update.ts';
import { toWaveChange, type WaveChangeRepository, type WaveChangeRow } from '../wave-change-repository.ts';
import type { Sql } from './sql.ts';

export function createPgWaveChangeRepository(sql: Sql): WaveChangeRepository {
  return {
    async record(waveId: string, change: WaveChangeRecord) {
      await sql.run(
        'INSERT INTO wave_changes (wave_id, changed_at, field, old_value, new_value, changed_by) VALUES ($1, $2, $3, $4, $5, $6)',
        [waveId, change.at, change.field, JSON.stringify(change.oldValue), JSON.stringify(change.newValue), change.by],
      );
    },
    async list(waveId: string) {
      const rows = await sql.rows<WaveChangeRow>(
        'SELECT changed_at, field, old_value, new_value, changed_by FROM wave_changes WHERE wave_id = $1 ORDER BY id',
        [waveId],
      );
      return rows.map(toWaveChange);
    },
  };
}
