import type { Database } from 'better-sqlite3';
import type pg from 'pg';
import type { Store } from '../../server/storage/store.ts';

/**
 * SQL of a test's own on whichever engine its store runs (tests/server/test-app.ts: SQLite, or PostgreSQL under
 * VLAB_TEST_ENGINE=postgres), so that a test that checks tables directly runs on both. Statements are written once
 * with `?` placeholders (numbered $1, $2… for PostgreSQL) in SQL both engines read alike; PostgreSQL's 64-bit
 * results (COUNT, SUM) come back as numbers, as SQLite's do.
 */
export interface TestSql {
  all<R = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<R[]>;
  get<R = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<R | undefined>;
  /** The first column of the first row (a COUNT, an id), undefined when there is no row. */
  value<T = number>(sql: string, ...params: unknown[]): Promise<T>;
  /** Every row's first column. */
  column<T = unknown>(sql: string, ...params: unknown[]): Promise<T[]>;
  /** Runs a write; resolves with the rows it changed. */
  run(sql: string, ...params: unknown[]): Promise<number>;
}

/** `?` → `$1`, `$2`… outside quoted literals and identifiers. */
export function numberedPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\?/g, (token) => (token === '?' ? `$${++n}` : token));
}

// PostgreSQL type ids that node-postgres returns as strings (int8, numeric): numbers here, as on SQLite.
const NUMERIC_TYPE_IDS = new Set([20, 1700]);

export function testSql(store: Store): TestSql {
  const { sqlite, pool } = store as Store & { sqlite?: Database; pool?: pg.Pool };
  if (sqlite) {
    const all = async <R>(sql: string, ...params: unknown[]) => sqlite.prepare(sql).all(...params) as R[];
    return {
      all,
      get: async <R>(sql: string, ...params: unknown[]) => sqlite.prepare(sql).get(...params) as R | undefined,
      value: async <T>(sql: string, ...params: unknown[]) => sqlite.prepare(sql).pluck().get(...params) as T,
      column: async <T>(sql: string, ...params: unknown[]) => sqlite.prepare(sql).pluck().all(...params) as T[],
      run: async (sql, ...params) => sqlite.prepare(sql).run(...params).changes,
    };
  }
  if (!pool) throw new Error('testSql: a store of an unknown engine');
  const query = async (sql: string, params: unknown[]) => {
    const result = await pool.query(numberedPlaceholders(sql), params);
    const numeric = result.fields.filter((f) => NUMERIC_TYPE_IDS.has(f.dataTypeID)).map((f) => f.name);
    for (const row of result.rows as Record<string, unknown>[]) {
      for (const name of numeric) if (row[name] !== null) row[name] = Number(row[name]);
    }
    return result;
  };
  const all = async <R>(sql: string, ...params: unknown[]) => (await query(sql, params)).rows as R[];
  const firstColumn = (row: object | undefined) => (row === undefined ? undefined : Object.values(row)[0]);
  return {
    all,
    get: async <R>(sql: string, ...params: unknown[]) => (await all<R>(sql, ...params))[0],
    value: async <T>(sql: string, ...params: unknown[]) => firstColumn((await all<object>(sql, ...params))[0]) as T,
    column: async <T>(sql: string, ...params: unknown[]) => (await all<object>(sql, ...params)).map(firstColumn) as T[],
    run: async (sql, ...params) => (await query(sql, params)).rowCount ?? 0,
  };
}
