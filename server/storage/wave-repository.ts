import type { Wave, WaveSettings, WaveStatus } from '../domain/wave.ts';
import type { Db } from './db.ts';

interface WaveRow {
  id: string;
  study_id: number;
  status: WaveStatus;
  target: number;
  seed: string;
  complete_url: string | null;
  screenout_url: string | null;
  overquota_url: string | null;
  locale: string;
  created_at: string;
  updated_at: string;
}

const toWave = (row: WaveRow): Wave => ({
  id: row.id,
  studyId: row.study_id,
  status: row.status,
  target: row.target,
  seed: row.seed,
  completeUrl: row.complete_url,
  screenoutUrl: row.screenout_url,
  overquotaUrl: row.overquota_url,
  locale: row.locale,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export function createWaveRepository(db: Db) {
  const byId = db.prepare<[string], WaveRow>('SELECT * FROM waves WHERE id = ?');
  const all = db.prepare<[], WaveRow>('SELECT * FROM waves ORDER BY created_at, id');
  const count = db.prepare<[], number>('SELECT COUNT(*) FROM waves').pluck();
  const insert = db.prepare(
    `INSERT INTO waves (id, study_id, status, target, seed, complete_url, screenout_url, overquota_url, locale, created_at, updated_at)
     VALUES (?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const updateStatus = db.prepare<[WaveStatus, string, string]>('UPDATE waves SET status = ?, updated_at = ? WHERE id = ?');
  const planHashById = db.prepare<[string], string | null>('SELECT plan_hash FROM waves WHERE id = ?').pluck();
  const updatePlanHash = db.prepare<[string, string]>('UPDATE waves SET plan_hash = ? WHERE id = ? AND plan_hash IS NULL');

  return {
    get(id: string): Wave | undefined {
      const row = byId.get(id);
      return row && toWave(row);
    },
    list(): Wave[] {
      return all.all().map(toWave);
    },
    count(): number {
      return count.get()!;
    },
    insert(id: string, studyId: number, settings: WaveSettings, now: string): Wave {
      const { target, seed, completeUrl, screenoutUrl, overquotaUrl, locale } = settings;
      insert.run(id, studyId, target, seed, completeUrl, screenoutUrl, overquotaUrl, locale, now, now);
      return this.get(id)!;
    },
    setStatus(id: string, status: WaveStatus, now: string): void {
      updateStatus.run(status, now, id);
    },
    /** The plan hash recorded at launch (migration 003); null for waves created before it. */
    planHash(id: string): string | null {
      return planHashById.get(id) ?? null;
    },
    /** Records the launch plan hash once; a recorded hash is never overwritten. */
    lockPlanHash(id: string, hash: string): void {
      updatePlanHash.run(hash, id);
    },
  };
}
export type WaveRepository = ReturnType<typeof createWaveRepository>;
