import Database from 'better-sqlite3';
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../config.ts';
import { otherNamesProblem } from './hard-links.ts';
import { makeFolder } from './make-folder.ts';
import { notPlainFileAt } from './special-file.ts';
import { SQLITE_DATABASE, sqliteFileKind } from './sqlite-file-kind.ts';
import { MIN_SQLITE_VERSION, sqliteVersionProblem } from './sqlite-version.ts';

export type Db = Database.Database;

/** The WAL file's size once it has been checkpointed and starts over. */
export const WAL_SIZE_LIMIT_BYTES = 16 * 1024 * 1024;

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
const MIGRATION_FILE = /^(\d{3})_[a-z0-9_]+\.sql$/;

/**
 * Opens (creating if needed) the SQLite file and applies pending migrations. WAL lets readers run beside the
 * writer; synchronous = FULL makes a commit durable before we acknowledge it to a respondent; busy_timeout
 * makes a second process (a CLI verb beside the server) wait for the write lock instead of failing.
 */
export function openDatabase(path: string, { minSqliteVersion = MIN_SQLITE_VERSION } = {}): Db {
  const db = openFile(path);
  const problem = sqliteVersionProblem(db.prepare('SELECT sqlite_version()').pluck().get() as string, minSqliteVersion);
  if (problem) {
    db.close();
    throw new ConfigError(problem);
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  // After a burst (a bulk load, a backlog behind a slow reader) the WAL file is cut back to this size once it is
  // checkpointed and starts over, instead of keeping its largest size on disk for good.
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

/**
 * The file opened, and read once so that a file that is not SQLite's fails here. A path the user can fix (a
 * folder not writable, a file where a folder should be, a folder where the file should be, another kind of
 * file) is a ConfigError naming the path and what to do, not a stack trace.
 */
function openFile(path: string): Db {
  let db: Db | undefined;
  // The -wal, -shm or -journal beside a database (shell completion offers them): an empty WAL (a server just
  // started) was taken for a new database and migrated, and the verb worked on it (attacker pass 16).
  const kind = path === ':memory:' ? null : sqliteFileKind(path);
  if (kind && kind !== SQLITE_DATABASE) {
    throw new ConfigError(`${path}: cannot open the database (it is ${kind}; give that); set VLAB_DB or --db to another path`);
  }
  // A FIFO blocked open(2) for ever (no writer comes); a device (/dev/null) was opened, and SQLite made its
  // -journal beside it, in /dev when run as root, before failing as "disk full" (attacker pass 30).
  const special = path === ':memory:' ? null : notPlainFileAt(path);
  if (special) throw new ConfigError(`${path}: cannot open the database (it is ${special}, not a file); set VLAB_DB or --db to another path`);
  const otherNames = path === ':memory:' ? null : otherNamesProblem(path);
  if (otherNames) throw new ConfigError(`${path}: cannot open the database: ${otherNames}`);
  try {
    if (path !== ':memory:') {
      // Panel IDs live in these files: a folder we create is the owner's alone, and so is a new database file,
      // created here before SQLite does (it gives the WAL and shared-memory files the database file's mode).
      makeFolder(dirname(path), 0o700);
      closeSync(openSync(path, 'a', 0o600));
    }
    db = new Database(path);
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return db;
  } catch (error) {
    db?.close();
    const reason = unopenableReason(error as NodeJS.ErrnoException);
    if (!reason) throw error;
    throw new ConfigError(`${path}: cannot open the database (${reason}); set VLAB_DB or --db to another path`);
  }
}

/** What a newcomer can act on, for the errors a wrong database path gives; undefined for anything else. */
function unopenableReason(error: NodeJS.ErrnoException): string | undefined {
  switch (error.code) {
    case 'EACCES':
    case 'EPERM':
      return `no permission to write ${error.path ?? 'there'}`;
    case 'EROFS':
      return `the file system is read-only: ${error.path ?? ''}`.trimEnd();
    case 'ENOTDIR':
    case 'EEXIST':
      return `a part of the path is a file, not a folder: ${error.path ?? ''}`.trimEnd();
    case 'ELOOP':
      return `its symbolic links lead in a circle: ${error.path ?? ''}`.trimEnd();
    case 'EISDIR':
      return 'it is a folder; name a file in it, e.g. vlab.sqlite';
    case 'SQLITE_NOTADB':
      return 'the file is not an SQLite database';
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_READONLY':
      return error.message;
    default:
      return undefined;
  }
}

/**
 * A read-only connection to an existing, migrated database file (a researcher worker's): it reads beside the
 * writer under WAL and can never write.
 */
export function openReadOnlyDatabase(path: string): Db {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}

/** Applies every numbered migration not yet recorded in schema_migrations, each in its own transaction. */
export function migrate(db: Db): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Set(
    db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[],
  );
  const files = readdirSync(MIGRATIONS_DIR).filter((f) => MIGRATION_FILE.test(f)).sort();
  const problem = newerSchemaProblem([...applied], files, db.name);
  if (problem) throw new ConfigError(problem);
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const newlyApplied: string[] = [];
  for (const file of files) {
    const version = Number(MIGRATION_FILE.exec(file)![1]);
    if (applied.has(version)) continue;
    const sql = readFileSync(join(MIGRATIONS_DIR, file), 'utf8');
    db.transaction(() => {
      db.exec(sql);
      record.run(version, file, new Date().toISOString());
    }).immediate();
    newlyApplied.push(file);
  }
  return newlyApplied;
}

/** The migration files of an engine's folder (`NNN_name.sql`), in order. */
export function migrationFiles(dir: string): { version: number; file: string; sql: string }[] {
  return readdirSync(dir)
    .filter((f) => MIGRATION_FILE.test(f))
    .sort()
    .map((file) => ({ version: Number(MIGRATION_FILE.exec(file)![1]), file, sql: readFileSync(join(dir, file), 'utf8') }));
}

/**
 * Null, or why a database must not be opened: it records a migration this build does not have (a newer vlab
 * migrated it), and running older code on a newer schema could write rows that the newer code misreads.
 */
export function newerSchemaProblem(applied: readonly number[], files: readonly string[], where: string): string | null {
  const known = Math.max(0, ...files.map((f) => Number(MIGRATION_FILE.exec(f)?.[1] ?? 0)));
  const newest = Math.max(0, ...applied);
  if (newest <= known) return null;
  return `${where}: the database schema is at migration ${newest}, newer than this vlab knows (${known}); run the newer vlab, or restore a backup`;
}

/** Runs fn in a BEGIN IMMEDIATE transaction: the write lock is taken before the first read. */
export function immediate<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}
