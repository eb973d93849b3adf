import { defaultLocale, textIn } from '../domain/localized-text.ts';
import type { StudyDefinition } from '../domain/study-definition.ts';
import type { Db } from './db.ts';

/** A stored snapshot of a study definition. */
export interface StudyRecord {
  id: number;
  key: string;
  version: number;
  title: string;
  contentHash: string;
  definition: StudyDefinition;
  createdAt: string;
}

export interface StudyRow {
  id: number;
  study_key: string;
  version: number;
  title: string;
  content_hash: string;
  definition_json: string;
  created_at: string;
}

export const toRecord = (row: StudyRow): StudyRecord => ({
  id: row.id,
  key: row.study_key,
  version: row.version,
  title: row.title,
  contentHash: row.content_hash,
  definition: JSON.parse(row.definition_json) as StudyDefinition,
  createdAt: row.created_at,
});

export function createStudyRepository(db: Db) {
  const byId = db.prepare<[number], StudyRow>('SELECT * FROM studies WHERE id = ?');
  const byKeyAndHash = db.prepare<[string, string], StudyRow>('SELECT * FROM studies WHERE study_key = ? AND content_hash = ?');
  const latestByKey = db.prepare<[string], StudyRow>('SELECT * FROM studies WHERE study_key = ? ORDER BY id DESC LIMIT 1');
  const latestOfEach = db.prepare<[], StudyRow>(
    'SELECT * FROM studies WHERE id IN (SELECT MAX(id) FROM studies GROUP BY study_key) ORDER BY study_key',
  );
  const insert = db.prepare<[string, number, string, string, string, string]>(
    `INSERT INTO studies (study_key, version, title, content_hash, definition_json, created_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );

  return {
    async get(id: number): Promise<StudyRecord | undefined> {
      const row = byId.get(id);
      return row && toRecord(row);
    },
    async findSnapshot(key: string, hash: string): Promise<StudyRecord | undefined> {
      const row = byKeyAndHash.get(key, hash);
      return row && toRecord(row);
    },
    async latest(key: string): Promise<StudyRecord | undefined> {
      const row = latestByKey.get(key);
      return row && toRecord(row);
    },
    /** The newest snapshot of every study, by key. */
    async listLatest(): Promise<StudyRecord[]> {
      return latestOfEach.all().map(toRecord);
    },
    async insert(def: StudyDefinition, hash: string, now: string): Promise<StudyRecord> {
      const { lastInsertRowid } = insert.run(def.id, def.version, textIn(def.title, defaultLocale(def)), hash, JSON.stringify(def), now);
      return (await this.get(Number(lastInsertRowid)))!;
    },
  };
}
export type StudyRepository = ReturnType<typeof createStudyRepository>;
