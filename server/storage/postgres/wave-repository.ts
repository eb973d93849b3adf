import type { ChangeableWaveSetting } from '../../domain/wave-update.ts';
import type { Wave, WaveSettings, WaveStatus } from '../../domain/wave.ts';
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
    relock(readInThisTransaction: Wave) {
      return this.lock(readInThisTransaction.id);
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
    async setSettings(id: string, settings: Pick<WaveSettings, ChangeableWaveSetting>, now: string) {
      const { target, completeUrl, screenoutUrl, overquotaUrl, locale } = settings;
      await sql.run(
        'UPDATE waves SET target = $1, complete_url = $2, screenout_url = $3, overquota_url = $4, locale = $5, updated_at = $6 WHERE id = $7',
        [target, completeUrl, screenoutUrl, overquotaUrl, locale, now, id],
      );
    },
    async planHash(id: string) {
      return (await sql.one<{ plan_hash: string | null }>('SELECT plan_hash FROM waves WHERE id = $1', [id]))?.plan_hash ?? null;
    },
    async lockPlanHash(id: string, hash: string) {
      await sql.run('UPDATE waves SET plan_hash = $1 WHERE id = $2 AND plan_hash IS NULL', [hash, id]);
    },
  };
}
