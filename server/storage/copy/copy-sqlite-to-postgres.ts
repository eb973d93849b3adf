import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import type pg from 'pg';
import { openPostgresStore } from '../postgres/postgres-store.ts';
import { maskedLocation } from '../store.ts';
import { otherNamesProblem } from '../hard-links.ts';
import { notPlainFileAt } from '../special-file.ts';
import { CopyValueError, TableChecksum, toPostgresParameter } from './column-values.ts';
import { copyPlan, MIGRATIONS_TABLE, quoteIdent, SchemaMismatch, type CopyTable } from './copy-schema.ts';

/** The copy cannot or did not happen as asked; nothing was written to the target. One line for the user. */
export class CopyRefused extends Error {}

export interface TableCopied {
  name: string;
  rows: number;
  /** sha256 of the rows in primary-key order (column-values.ts), equal on both sides. */
  checksum: string;
}

export interface CopyProgress {
  table: string;
  copied: number;
  total: number;
}

export interface CopyOptions {
  /** Called during tables of PROGRESS_MIN_ROWS rows or more, about once a second, and at their end. */
  onProgress?: (progress: CopyProgress) => void;
}

const PROGRESS_MIN_ROWS = 20_000;
const PROGRESS_EVERY_MS = 1000;
/** PostgreSQL takes at most 65,535 parameters a statement; a few hundred rows a statement is as fast as more. */
const MAX_PARAMETERS = 60_000;
const MAX_BATCH_ROWS = 1000;
/** Rows fetched at a time when the target's rows are read back for their checksum. */
const FETCH_ROWS = 5000;

/**
 * Copies every table of a SQLite project into an empty PostgreSQL database of the same schema version, in one
 * transaction on the target and one snapshot of the source (a running `vlab serve` may keep writing to the
 * file meanwhile). Each table's rows are checksummed as read from SQLite and again as read back from
 * PostgreSQL before COMMIT: a difference rolls the whole copy back. Identity and serial counters are then set
 * past the copied rows, so that new participants and tokens do not collide with copied ones.
 */
export async function copySqliteToPostgres(sourcePath: string, targetUrl: string, options: CopyOptions = {}): Promise<TableCopied[]> {
  if (!existsSync(sourcePath)) throw new CopyRefused(`--from: ${sourcePath} does not exist`);
  // Opening a FIFO waited for ever for a writer (attacker pass 30).
  const special = notPlainFileAt(sourcePath);
  if (special) throw new CopyRefused(`--from: ${sourcePath} is ${special}, not a SQLite file`);
  // Read by another name than its server's, the file lacks the live WAL's commits: a copy of a state that never was.
  const otherNames = otherNamesProblem(sourcePath);
  if (otherNames) throw new CopyRefused(`--from: ${sourcePath}: ${otherNames}`);
  const source = openSource(sourcePath);
  try {
    const sourceVersions = migrationsOf(source, sourcePath);
    const store = await openPostgresStore(targetUrl, { migrate: true, maxConnections: 1 });
    const where = maskedLocation(targetUrl);
    const client = await store.pool.connect();
    try {
      await client.query('BEGIN');
      // Statements of a large table's copy and check may run longer than a request's bound.
      await client.query('SET LOCAL statement_timeout = 0');
      const targetVersions = (await client.query<{ version: number }>(`SELECT version FROM ${MIGRATIONS_TABLE} ORDER BY version`)).rows.map((r) => Number(r.version));
      const versionProblem = compareVersions(sourceVersions, targetVersions, sourcePath, where);
      if (versionProblem) throw new CopyRefused(versionProblem);
      let tables: CopyTable[];
      try {
        tables = await copyPlan(source, client);
      } catch (error) {
        if (error instanceof SchemaMismatch) throw new CopyRefused(`the schemas differ: ${error.message}`);
        throw error;
      }
      // No process may write to the target while it is filled (a `vlab serve` started too early, say).
      await client.query(`LOCK TABLE ${tables.map((t) => quoteIdent(t.name)).join(', ')} IN ACCESS EXCLUSIVE MODE`);
      const filled = await nonEmptyTables(client, tables);
      if (filled.length) throw new CopyRefused(`${where} is not empty (rows in ${filled.join(', ')}); copy into a new database`);

      source.exec('BEGIN');
      const copied: TableCopied[] = [];
      for (const table of tables) copied.push(await copyTable(source, client, table, options));
      for (const table of tables) {
        const after = await targetChecksum(client, table);
        const before = copied.find((c) => c.name === table.name)!;
        if (after.rows !== before.rows || after.checksum !== before.checksum) {
          throw new CopyRefused(
            `${table.name}: the copy differs from the source (${before.rows} rows, sha256 ${before.checksum.slice(0, 12)}… in SQLite; ` +
              `${after.rows} rows, ${after.checksum.slice(0, 12)}… in PostgreSQL); nothing was committed`,
          );
        }
      }
      for (const table of tables) await resetSequences(client, table);
      await client.query('COMMIT');
      return copied;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (error instanceof CopyValueError) throw new CopyRefused(`${error.message}; nothing was committed`);
      throw error;
    } finally {
      if (source.inTransaction) source.exec('ROLLBACK');
      client.release();
      await store.close();
    }
  } finally {
    source.close();
  }
}

function openSource(path: string): Database.Database {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (error) {
    throw new CopyRefused(`--from: ${path} cannot be opened as SQLite (${(error as Error).message})`);
  }
}

function migrationsOf(source: Database.Database, path: string): number[] {
  try {
    return source.prepare(`SELECT version FROM ${MIGRATIONS_TABLE} ORDER BY version`).pluck().all() as number[];
  } catch (error) {
    throw new CopyRefused(`--from: ${path} is not a vlab database (${(error as Error).message})`);
  }
}

/** Null when both databases record the same migrations; else which one to migrate, in one line. */
function compareVersions(source: number[], target: number[], sourcePath: string, where: string): string | null {
  if (source.join() === target.join()) return null;
  const s = Math.max(0, ...source);
  const t = Math.max(0, ...target);
  if (s < t) return `${sourcePath} is at migration ${s}, older than this vlab's ${t}; run vlab db migrate --db ${sourcePath} first (after a backup)`;
  if (s > t) return `${sourcePath} is at migration ${s}, newer than this vlab knows (${t}); copy with the vlab that wrote it`;
  return `${sourcePath} and ${where} record different migrations (${source.join(',')} and ${target.join(',')})`;
}

async function nonEmptyTables(client: pg.ClientBase, tables: CopyTable[]): Promise<string[]> {
  const out: string[] = [];
  for (const t of tables) {
    if ((await client.query(`SELECT 1 FROM ${quoteIdent(t.name)} LIMIT 1`)).rowCount) out.push(t.name);
  }
  return out;
}

/** Copies one table in primary-key order, checksumming each row as SQLite gives it. */
async function copyTable(source: Database.Database, client: pg.ClientBase, table: CopyTable, options: CopyOptions): Promise<TableCopied> {
  const names = table.columns.map((c) => c.name);
  const kinds = table.columns.map((c) => c.kind);
  const targetNames = table.rowidColumn ? [...names, table.rowidColumn] : names;
  const total = source.prepare(`SELECT COUNT(*) FROM ${quoteIdent(table.name)}`).pluck().get() as number;
  const select = source
    .prepare(`SELECT ${names.map(quoteIdent).join(', ')}${table.rowidColumn ? ', rowid' : ''} FROM ${quoteIdent(table.name)} ORDER BY ${table.orderBy.map(quoteIdent).join(', ')}`)
    .raw(true)
    .safeIntegers(true);
  const checksum = new TableChecksum(kinds);
  const batchRows = Math.max(1, Math.min(MAX_BATCH_ROWS, Math.floor(MAX_PARAMETERS / targetNames.length)));
  const overriding = table.sequenceColumns.some((c) => targetNames.includes(c)) ? ' OVERRIDING SYSTEM VALUE' : '';
  const insertInto = `INSERT INTO ${quoteIdent(table.name)} (${targetNames.map(quoteIdent).join(', ')})${overriding} VALUES `;
  const report = options.onProgress && total >= PROGRESS_MIN_ROWS ? options.onProgress : undefined;
  let lastReport = performance.now();

  let batch: unknown[][] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const params: unknown[] = [];
    const tuples = batch.map((row) => `(${row.map((value) => `$${params.push(value)}`).join(', ')})`);
    await client.query(insertInto + tuples.join(', '), params);
    batch = [];
    if (report && performance.now() - lastReport >= PROGRESS_EVERY_MS) {
      report({ table: table.name, copied: checksum.rows, total });
      lastReport = performance.now();
    }
  };
  for (const raw of select.iterate() as Iterable<unknown[]>) {
    const values = raw.slice(0, names.length);
    checksum.add(values);
    const where = () => `${table.name}.${names[0]} = ${String(values[0])}`;
    const row = values.map((v, i) => toPostgresParameter(v, kinds[i]!, () => `${where()}, column ${names[i]}`));
    if (table.rowidColumn) row.push(String(raw[names.length]));
    batch.push(row);
    if (batch.length >= batchRows) await flush();
  }
  await flush();
  report?.({ table: table.name, copied: checksum.rows, total });
  return { name: table.name, rows: checksum.rows, checksum: checksum.digest() };
}

/** The checksum of the target's rows, read back through a cursor in the order SQLite gave them. */
async function targetChecksum(client: pg.ClientBase, table: CopyTable): Promise<{ rows: number; checksum: string }> {
  const kindOf = new Map(table.columns.map((c) => [c.name, c.kind]));
  // COLLATE "C" orders text by its UTF-8 bytes, as SQLite's BINARY does; SQLite puts NULLs first.
  const order = table.orderBy.map((c) => `${quoteIdent(c)}${kindOf.get(c) === 'text' ? ' COLLATE "C"' : ''} NULLS FIRST`).join(', ');
  await client.query(
    `DECLARE vlab_copy_check NO SCROLL CURSOR FOR SELECT ${table.columns.map((c) => quoteIdent(c.name)).join(', ')} FROM ${quoteIdent(table.name)} ORDER BY ${order}`,
  );
  const checksum = new TableChecksum(table.columns.map((c) => c.kind));
  for (;;) {
    const { rows } = await client.query<unknown[]>({ text: `FETCH FORWARD ${FETCH_ROWS} FROM vlab_copy_check`, rowMode: 'array' });
    for (const row of rows) checksum.add(row);
    if (rows.length < FETCH_ROWS) break;
  }
  await client.query('CLOSE vlab_copy_check');
  return { rows: checksum.rows, checksum: checksum.digest() };
}

/** Sets each identity or serial counter of the table so that its next value follows the largest copied one. */
async function resetSequences(client: pg.ClientBase, table: CopyTable): Promise<void> {
  for (const column of table.sequenceColumns) {
    await client.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE((SELECT MAX(${quoteIdent(column)}) FROM ${quoteIdent(table.name)}), 0) + 1, false)`,
      [quoteIdent(table.name), column],
    );
  }
}
