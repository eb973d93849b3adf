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
  /** The definitions folder (host:path) whose sync made it current, or null (before migration 015, or unknown). */
  currentFrom: string | null;
}

export interface StudyRow {
  id: number;
  study_key: string;
  version: number;
  title: string;
  content_hash: string;
  definition_json: string;
  created_at: string;
  current_from: string | null;
}

export const toRecord = (row: StudyRow): StudyRecord => ({
  id: row.id,
  key: row.study_key,
  version: row.version,
  title: row.title,
  contentHash: row.content_hash,
  definition: JSON.parse(row.definition_json) as StudyDefinition,
  createdAt: row.created_at,
  currentFrom: row.current_from ?? null,
});

/**
 * A study's current snapshot has its highest current_rank; a new or reinstated snapshot takes a rank above every
 * other. Two PostgreSQL processes may take the same rank at once: the higher id breaks the tie, on both engines.
 */
export const CURRENT_FIRST = 'ORDER BY current_rank DESC, id DESC';
export const NEXT_RANK = '(SELECT COALESCE(MAX(current_rank), 0) + 1 FROM studies)';
export const CURRENT_OF_EACH = `SELECT * FROM studies s WHERE NOT EXISTS (
  SELECT 1 FROM studies t WHERE t.study_key = s.study_key AND (t.current_rank > s.current_rank OR (t.current_rank = s.current_rank AND t.id > s.id))
) ORDER BY study_key`;

export function createStudyRepository(db: Db) {
  const byId = db.prepare<[number], StudyRow>('SELECT * FROM studies WHERE id = ?');
  const byKeyAndHash = db.prepare<[string, string], StudyRow>('SELECT * FROM studies WHERE study_key = ? AND content_hash = ?');
  const latestByKey = db.prepare<[string], StudyRow>(`SELECT * FROM studies WHERE study_key = ? ${CURRENT_FIRST} LIMIT 1`);
  const latestOfEach = db.prepare<[], StudyRow>(CURRENT_OF_EACH);
  const insert = db.prepare<[string, number, string, string, string, string, string | null]>(
    `INSERT INTO studies (study_key, version, title, content_hash, definition_json, created_at, current_from, current_rank)
     VALUES (?, ?, ?, ?, ?, ?, ?, ${NEXT_RANK})`,
  );
  const rankFirst = db.prepare<[string | null, number]>(`UPDATE studies SET current_rank = ${NEXT_RANK}, current_from = ? WHERE id = ?`);

  return {
    async get(id: number): Promise<StudyRecord | undefined> {
      const row = byId.get(id);
      return row && toRecord(row);
    },
    async findSnapshot(key: string, hash: string): Promise<StudyRecord | undefined> {
      const row = byKeyAndHash.get(key, hash);
      return row && toRecord(row);
    },
    /** The current snapshot of a study: the one whose content the definitions folder held last (migration 009). */
    async latest(key: string): Promise<StudyRecord | undefined> {
      const row = latestByKey.get(key);
      return row && toRecord(row);
    },
    /** The current snapshot of every study, by key. */
    async listLatest(): Promise<StudyRecord[]> {
      return latestOfEach.all().map(toRecord);
    },
    /** Stores a new snapshot, current, made so from the definitions folder `from` (null: unknown). */
    async insert(def: StudyDefinition, hash: string, now: string, from: string | null = null): Promise<StudyRecord> {
      const { lastInsertRowid } = insert.run(def.id, def.version, textIn(def.title, defaultLocale(def)), hash, JSON.stringify(def), now, from);
      return (await this.get(Number(lastInsertRowid)))!;
    },
    /** Makes a stored snapshot its study's current one again, from the folder `from`: its definition came back to this content. */
    async makeCurrent(id: number, from: string | null = null): Promise<void> {
      rankFirst.run(from, id);
    },
    /**
     * Holds, to the end of this write transaction, the choice of studies' current snapshots and of the snapshot a
     * new wave fields: a sync reads which versions waves fielded before it stores a snapshot, and a wave reads the
     * current snapshot before it is stored, so two processes doing these at once must take turns (attacker pass 40).
     * On SQLite, BEGIN IMMEDIATE already holds the one write lock; PostgreSQL takes an advisory lock.
     */
    async holdSnapshots(): Promise<void> {},
  };
}
export type StudyRepository = ReturnType<typeof createStudyRepository>;
