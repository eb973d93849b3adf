import { statSync } from 'node:fs';
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
 * Watches that the database file and its WAL at their paths are still the ones this connection has open. A file
 * removed or replaced under a running server (`rm -rf data`, a backup restored with `mv` while it ran) would
 * otherwise take every later write into a file no path leads to: acknowledged to respondents, gone at the next
 * start. `check()` (a few microseconds: two stat calls) throws a MovedError then; on the first such finding, what
 * the connection holds (everything acknowledged, WAL included) is copied with SQLite's backup API to
 * `<path>.rescued-<time>`, which the error names. While the WAL exists only after the first read, it is taken
 * then. Nothing to watch for `:memory:` or a read-only connection.
 */
export function watchFileIdentity(db: Db): { check(): void } {
  const path = db.name;
  if (path === ':memory:' || path === '' || db.readonly) return { check: () => undefined };
  const opened = { db: fileId(path), wal: fileId(`${path}-wal`) };
  let rescue: (() => string) | undefined;
  return {
    check() {
      const walNow = fileId(`${path}-wal`);
      opened.wal ??= walNow;
      if (sameFile(fileId(path), opened.db) && sameFile(walNow, opened.wal)) {
        rescue = undefined; // put back: a later move is a new finding, with a copy of its own
        return;
      }
      rescue ??= rescueCopy(db);
      const error = new Error(`${path} (or its -wal file) was removed or replaced while the server ran, so nothing more is stored; ${rescue()}; put the files back or restart vlab serve`) as MovedError;
      error.code = MOVED_CODE;
      throw error;
    },
  };
}
