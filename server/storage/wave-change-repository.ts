import type { WaveChangeRecord } from '../domain/wave-update.ts';
import type { Db } from './db.ts';

export interface WaveChangeRow {
  changed_at: string;
  field: WaveChangeRecord['field'];
  old_value: string;
  new_value: string;
  changed_by: string;
}

/** Values are stored as JSON so that a target stays a number and a cleared URL stays null. */
export const toWaveChange = (row: WaveChangeRow): WaveChangeRecord => ({
  at: row.changed_at,
  field: row.field,
  oldValue: JSON.parse(row.old_value) as WaveChangeRecord['oldValue'],
  newValue: JSON.parse(row.new_value) as WaveChangeRecord['newValue'],
  by: row.changed_by,
});

/** The audit log of wave settings changed mid-wave (migration 009), oldest first. */
export function createWaveChangeRepository(db: Db) {
  const insert = db.prepare<[string, string, string, string, string, string]>(
    'INSERT INTO wave_changes (wave_id, changed_at, field, old_value, new_value, changed_by) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const ofWave = db.prepare<[string], WaveChangeRow>(
    'SELECT changed_at, field, old_value, new_value, changed_by FROM wave_changes WHERE wave_id = ? ORDER BY id',
  );
  return {
    async record(waveId: string, change: WaveChangeRecord): Promise<void> {
      insert.run(waveId, change.at, change.field, JSON.stringify(change.oldValue), JSON.stringify(change.newValue), change.by);
    },
    async list(waveId: string): Promise<WaveChangeRecord[]> {
      return ofWave.all(waveId).map(toWaveChange);
    },
  };
}
export type WaveChangeRepository = ReturnType<typeof createWaveChangeRepository>;
