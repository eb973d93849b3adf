import type { ChangeableWaveSetting } from '../domain/wave-update.ts';
import type { Wave, WaveSettings, WaveStatus } from '../domain/wave.ts';
import type { Db } from './db.ts';
import { WAVE_COLUMNS, waveFromTuple, type WaveTuple } from './raw-rows.ts';

export interface WaveRow {
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

export const toWave = (row: WaveRow): Wave => ({
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
  const byId = db.prepare<[string], WaveTuple>(`SELECT ${WAVE_COLUMNS} FROM waves WHERE id = ?`).raw();
  const all = db.prepare<[], WaveRow>('SELECT * FROM waves ORDER BY created_at, id');
  const count = db.prepare<[], number>('SELECT COUNT(*) FROM waves').pluck();
  const insert = db.prepare(
    `INSERT INTO waves (id, study_id, status, target, seed, complete_url, screenout_url, overquota_url, locale, created_at, updated_at)
     VALUES (?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const updateSettings = db.prepare<[number, string | null, string | null, string | null, string, string, string]>(
    'UPDATE waves SET target = ?, complete_url = ?, screenout_url = ?, overquota_url = ?, locale = ?, updated_at = ? WHERE id = ?',
  );
  const updateStatus = db.prepare<[WaveStatus, string, string]>('UPDATE waves SET status = ?, updated_at = ? WHERE id = ?');
  const planHashById = db.prepare<[string], string | null>('SELECT plan_hash FROM waves WHERE id = ?').pluck();
  const updatePlanHash = db.prepare<[string, string]>('UPDATE waves SET plan_hash = ? WHERE id = ? AND plan_hash IS NULL');

  return {
    async get(id: string): Promise<Wave | undefined> {
      const row = byId.get(id);
      return row && waveFromTuple(row);
    },
    /**
     * The wave as it is now, locked for the rest of the write transaction: what must be serialized per wave takes
     * it (a start's draw, quota counts and slots, a completion's close at target and durations, researcher
     * changes), after the participant's lock where there is one; `get` is for everything else. On SQLite, BEGIN
     * IMMEDIATE already holds the one write lock, so this is a plain read; PostgreSQL takes the row FOR UPDATE.
     */
    async lock(id: string): Promise<Wave | undefined> {
      const row = byId.get(id);
      return row && waveFromTuple(row);
    },
    /**
     * `lock` for a wave already read in this write transaction and not written by it since: the completion reads
     * its wave first and takes the lock last, on purpose (respondent-completion.ts). On SQLite, BEGIN
     * IMMEDIATE has held the one write lock since before that read, so the row cannot have changed: the wave
     * read is the wave now, and a second read would cost a statement per completion. PostgreSQL reads it again
     * FOR UPDATE.
     */
    async relock(readInThisTransaction: Wave): Promise<Wave | undefined> {
      return readInThisTransaction;
    },
    async list(): Promise<Wave[]> {
      return all.all().map(toWave);
    },
    async count(): Promise<number> {
      return count.get()!;
    },
    async insert(id: string, studyId: number, settings: WaveSettings, now: string): Promise<Wave> {
      const { target, seed, completeUrl, screenoutUrl, overquotaUrl, locale } = settings;
      insert.run(id, studyId, target, seed, completeUrl, screenoutUrl, overquotaUrl, locale, now, now);
      return (await this.get(id))!;
    },
    async setStatus(id: string, status: WaveStatus, now: string): Promise<void> {
      updateStatus.run(status, now, id);
    },
    /** Writes the settings that may change mid-wave (domain/wave-update.ts); the caller holds the wave's lock. */
    async setSettings(id: string, settings: Pick<WaveSettings, ChangeableWaveSetting>, now: string): Promise<void> {
      const { target, completeUrl, screenoutUrl, overquotaUrl, locale } = settings;
      updateSettings.run(target, completeUrl, screenoutUrl, overquotaUrl, locale, now, id);
    },
    /** The plan hash recorded at launch (migration 003); null for waves created before it. */
    async planHash(id: string): Promise<string | null> {
      return planHashById.get(id) ?? null;
    },
    /** Records the launch plan hash once; a recorded hash is never overwritten. */
    async lockPlanHash(id: string, hash: string): Promise<void> {
      updatePlanHash.run(hash, id);
    },
  };
}
export type WaveRepository = ReturnType<typeof createWaveRepository>;
