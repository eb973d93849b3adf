import { realpathSync, statSync } from 'node:fs';
import type { Db } from './db.ts';
import { rescueCopy } from './sqlite-rescue.ts';

/**
 * The code SQLite itself gives a write into a database file that was renamed or unlinked since it was opened. SQLite
 * checks this only with a rollback journal; under WAL it writes on into the old file, so we check it ourselves.
 */
export const MOVED_CODE = 'SQLITE_READONLY_DBMOVED';

export type MovedError = Error & { code: typeof MOVED_CODE };

export const isMoved = (error: unknown): error is MovedError => (error as { code?: unknown } | null)?.code === MOVED_CODE;

interface FileId {
  dev: number;
  ino: number;
}

const fileId = (path: string): FileId | undefined => {
  const stat = statSync(path, { throwIfNoEntry: false });
  return stat && { dev: stat.dev, ino: stat.ino };
};

const sameFile = (a: FileId | undefined, b: FileId | undefined) => a !== undefined && b !== undefined && a.dev === b.dev && a.ino === b.ino;

/**
 * The three files of a WAL database: the file at `path` (through any link), and its WAL and -shm (the WAL's index
 * that every process on the file shares). SQLite follows every symbolic link in the path as it opens and keeps those
 * two beside the file the links lead to, not beside a link: a database reached through `vlab.sqlite -> /mnt/data/
 * vlab.sqlite` was taken for one whose WAL had been removed, and refused every write (attacker pass 32).
 */
function filesOf(path: string): string[] {
  let real = path;
  try {
    real = realpathSync(path);
  } catch {
    // Not there (yet): nothing to follow.
  }
  return [path, `${real}-wal`, `${real}-shm`];
}

/**
 * Whether the database file, its WAL and its shared-memory index are still the files seen the first time each
 * existed (the WAL and -shm appear with the first read): `changed()` names the first that is not, or gives null.
 * Where they are is settled here, once: a link pointed at another file later is seen as the database file replaced.
 * Three stat calls, a few microseconds.
 */
export function fileIdentity(path: string): { changed(): string | null } {
  const files = filesOf(path);
  const first: (FileId | undefined)[] = files.map(fileId);
  return {
    changed() {
      for (const [i, file] of files.entries()) {
        const now = fileId(file);
        first[i] ??= now;
        if (!sameFile(now, first[i])) return file;
      }
      return null;
    },
  };
}

/** The error for a database whose files are not the ones open any more (`detail` says what became of them). */
export function movedError(changed: string, detail: string): MovedError {
  const error = new Error(`${changed} was removed or replaced while the server ran, so nothing more is stored; ${detail}`) as MovedError;
  error.code = MOVED_CODE;
  return error;
}

/**
 * Watches that the database file, its WAL and its -shm at their paths are still the ones this connection has open.
 * A file removed or replaced under a running server (`rm -rf data`, a backup restored with `mv` while it ran) would
 * otherwise take every later write into a file no path leads to: acknowledged to respondents, gone at the next
 * start. A -shm deleted splits the processes on the file: a `vlab` verb run beside the server builds a new index
 * while the server writes by its old one, and the verb's writes are lost. `check()` throws a MovedError then; on
 * the first such finding, what the connection holds (everything acknowledged, WAL included) is copied with
 * SQLite's backup API to `<path>.rescued-<time>`, which the error names. Nothing to watch for `:memory:` or a
 * read-only connection.
 */
export function watchFileIdentity(db: Db): { check(): void; changed(): string | null } {
  const path = db.name;
  if (path === ':memory:' || path === '' || db.readonly) return { check: () => undefined, changed: () => null };
  const identity = fileIdentity(path);
  let rescue: (() => string) | undefined;
  return {
    changed: () => identity.changed(),
    check() {
      const changed = identity.changed();
      if (!changed) {
        rescue = undefined; // put back: a later move is a new finding, with a copy of its own
        return;
      }
      rescue ??= rescueCopy(db);
      throw movedError(changed, `${rescue()}; put the files back or restart vlab serve`);
    },
  };
}
