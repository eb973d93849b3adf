import type { WaveSettings, WaveStatus } from '../../domain/wave.ts';
import { toWave, type WaveRepository, type WaveRow } from '../wave-repository.ts';
import type { Sql } from './sql.ts';

export function createPgWaveRepository(sql: Sql): WaveRepository {
  const get = async (id: string) => {
    const row = await sql.one<WaveRow>('SELECT * FROM waves WHERE id = $1', [id]);
    return row && toWave(row);
  };
  return {
    get,
    async lock(id: string) {
      const row = await sql.one<WaveRow>('SELECT * FROM waves WHERE id = $1 FOR UPDATE', [id]);
      return row && toWave(row);
    },
    async list() {
      return (await sql.rows<WaveRow>('SELECT * FROM waves ORDER BY created_at, id')).map(toWave);
    },
    async count() {
      return (await sql.one<{ n: number }>('SELECT COUNT(*)::int AS n FROM waves'))!.n;
    },
    async insert(id: string, studyId: number, settings: WaveSettings, now: string) {
      const { target, seed, completeUrl, screenoutUrl, overquotaUrl, locale } = settings;
      const row = await sql.one<WaveRow>(
        `INSERT INTO waves (id, study_id, status, target, seed, complete_url, screenout_url, overquota_url, locale, created_at, updated_at)
         VALUES ($1, $2, 'open', $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
        [id, studyId, target, seed, completeUrl, screenoutUrl, overquotaUrl, locale, now, now],
      );
      return toWave(row!);
    },
    async setStatus(id: string, status: WaveStatus, now: string) {
      await sql.run('UPDATE waves SET status = $1, updated_at = $2 WHERE id = $3', [status, now, id]);
    },
    async planHash(id: string) {
      return (await sql.one<{ plan_hash: string | null }>('SELECT plan_hash FROM waves WHERE id = $1', [id]))?.plan_hash ?? null;
    },
    async lockPlanHash(id: string, hash: string) {
      await sql.run('UPDATE waves SET plan_hash = $1 WHERE id = $2 AND plan_hash IS NULL', [hash, id]);
    },
  };
}
