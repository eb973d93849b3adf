import { defaultLocale, textIn } from '../../domain/localized-text.ts';
import type { StudyDefinition } from '../../domain/study-definition.ts';
import { toRecord, type StudyRecord, type StudyRepository, type StudyRow } from '../study-repository.ts';
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
      const row = await sql.one<StudyRow>('SELECT * FROM studies WHERE study_key = $1 ORDER BY id DESC LIMIT 1', [key]);
      return row && toRecord(row);
    },
    async listLatest() {
      const rows = await sql.rows<StudyRow>(
        'SELECT * FROM studies WHERE id IN (SELECT MAX(id) FROM studies GROUP BY study_key) ORDER BY study_key',
      );
      return rows.map(toRecord);
    },
    async insert(def: StudyDefinition, hash: string, now: string) {
      // Two processes syncing the same new definition at once: the second finds the first's row.
      const row = await sql.one<StudyRow>(
        `INSERT INTO studies (study_key, version, title, content_hash, definition_json, created_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (study_key, content_hash) DO NOTHING RETURNING *`,
        [def.id, def.version, textIn(def.title, defaultLocale(def)), hash, JSON.stringify(def), now],
      );
      return row ? toRecord(row) : (await this.findSnapshot(def.id, hash))!;
    },
  };
}
