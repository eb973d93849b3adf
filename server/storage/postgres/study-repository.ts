import { defaultLocale, textIn } from '../../domain/localized-text.ts';
import type { StudyDefinition } from '../../domain/study-definition.ts';
import { CURRENT_FIRST, CURRENT_OF_EACH, NEXT_RANK, toRecord, type StudyRecord, type StudyRepository, type StudyRow } from '../study-repository.ts';
import type { Sql } from './sql.ts';

export function createPgStudyRepository(sql: Sql): StudyRepository {
  const get = async (id: number): Promise<StudyRecord | undefined> => {
    const row = await sql.one<StudyRow>('SELECT * FROM studies WHERE id = $1', [id]);
    return row && toRecord(row);
  };
  return {
    get,
    async findSnapshot(key, hash) {
      const row = await sql.one<StudyRow>('SELECT * FROM studies WHERE study_key = $1 AND content_hash = $2', [key, hash]);
      return row && toRecord(row);
    },
    async latest(key) {
      const row = await sql.one<StudyRow>(`SELECT * FROM studies WHERE study_key = $1 ${CURRENT_FIRST} LIMIT 1`, [key]);
      return row && toRecord(row);
    },
    async listLatest() {
      const rows = await sql.rows<StudyRow>(CURRENT_OF_EACH);
      return rows.map(toRecord);
    },
    async insert(def: StudyDefinition, hash: string, now: string, from: string | null = null) {
      // Two processes syncing the same new definition at once: the second finds the first's row.
      const row = await sql.one<StudyRow>(
        `INSERT INTO studies (study_key, version, title, content_hash, definition_json, created_at, current_from, current_rank)
         VALUES ($1, $2, $3, $4, $5, $6, $7, ${NEXT_RANK})
         ON CONFLICT (study_key, content_hash) DO NOTHING RETURNING *`,
        [def.id, def.version, textIn(def.title, defaultLocale(def)), hash, JSON.stringify(def), now, from],
      );
      return row ? toRecord(row) : (await this.findSnapshot(def.id, hash))!;
    },
    async holdSnapshots() {
      await sql.run("SELECT pg_advisory_xact_lock(hashtext('vlab study snapshots'))");
    },
    async makeCurrent(id: number, from: string | null = null) {
      await sql.run(`UPDATE studies SET current_rank = ${NEXT_RANK}, current_from = $2 WHERE id = $1`, [id, from]);
    },
  };
}
