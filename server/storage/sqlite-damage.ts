import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { DomainError } from '../domain/errors.ts';
import type { Db } from './db.ts';
import { rescueCopy } from './sqlite-rescue.ts';
import { isDamage, UNWRITABLE_RETRY_AFTER_SECONDS, type CodedError } from './sqlite-unavailable.ts';

export { isDamage };

/**
 * What a client is told when its request met a damaged database: 503 `busy` with Retry-After, as for a disk that
 * cannot take writes; SQLite's error rides along as `cause`, for the server's log (one line a minute).
 */
export const damageAsBusy = (error: CodedError): DomainError =>
  new DomainError('busy', 'the server cannot store this right now; try again shortly', {}, UNWRITABLE_RETRY_AFTER_SECONDS, error);

/**
 * Remembers that the database file is damaged. SQLite goes on taking commits into the WAL of a file overwritten in
 * place (`cp backup.sqlite vlab.sqlite` onto the live file), and they would be acknowledged to respondents; it
 * says so only when it reads a page it cannot make sense of, which the writer, serving from its page cache, may
 * never do. The latch hears of SQLITE_CORRUPT from requests and from the WAL checkpointer, which also watches the
 * file's size (shrinkWatch). A damaged file does not heal: from then on until a restart `check()` throws (before
 * every COMMIT, and for /healthz). At the first report the pages the connection holds are copied beside the path
 * (sqlite-rescue.ts), which the error's message names.
 */
export function damageLatch(db: Db): { mark(error: unknown): void; check(): void } {
  const inMemory = db.name === ':memory:' || db.name === '';
  let damaged: CodedError | undefined;
  let rescue: (() => string) | undefined;
  const mark = (error: unknown) => {
    if (damaged || !isDamage(error)) return;
    damaged = error;
    rescue = inMemory ? () => 'it is in memory only' : rescueCopy(db);
  };
  return {
    mark,
    check() {
      if (!damaged) return;
      const error = new Error(
        `${db.name} is damaged (${damaged.code}: ${damaged.message}; was it overwritten while the server ran?), so nothing more is stored; ${rescue!()}; stop vlab serve, then restore a backup or recover the copy (sqlite3 COPY .recover)`,
      ) as CodedError;
      error.code = damaged.code;
      throw error;
    },
  };
}

/** SQLite's largest page size. */
const MAX_PAGE_BYTES = 65_536;

/** The file's size in bytes, or undefined where there is none (:memory:, a file removed: sqlite-file-identity.ts's case). */
const fileSize = (path: string): number | undefined => statSync(path, { throwIfNoEntry: false })?.size;

/**
 * SQLite's quick check of the file on a connection of its own (the writer's page cache would hide what is on
 * disk): null when it finds nothing wrong (or cannot look), else what it found.
 */
function quickCheckProblem(path: string): string | null {
  try {
    const fresh = new Database(path, { readonly: true, fileMustExist: true });
    try {
      const result = fresh.pragma('quick_check', { simple: true });
      // Its report may run to a line per damaged page: the first one says enough for a log line.
      return result === 'ok' ? null : String(result).split('\n').find((line) => !line.startsWith('***'))?.slice(0, 200) ?? 'not ok';
    } finally {
      fresh.close();
    }
  } catch (error) {
    return isDamage(error) ? error.message : null;
  }
}

/**
 * For the WAL checkpointer's thread, which writes the database file: throws SQLITE_CORRUPT when the file was
 * written over between two calls. With auto_vacuum off and no VACUUM a database file never shrinks, so a smaller
 * file than the largest seen was overwritten (or is being) — unless SQLite's quick check on a connection of its
 * own finds it sound (someone ran VACUUM), when the smaller size is taken as the new one. A copy onto the live file
 * of one at least as large is not seen here (only if SQLite then meets a damaged page).
 */
export function shrinkWatch(path: string): () => void {
  let largest = fileSize(path) ?? 0;
  return () => {
    const size = fileSize(path);
    if (size === undefined || size >= largest) {
      largest = Math.max(largest, size ?? 0);
      return;
    }
    // A file shorter than SQLite's largest page is not looked into: a connection that opens a database file of no
    // whole page deletes the WAL beside it (the newest data on disk). vlab's schema alone is larger.
    const problem = size < MAX_PAGE_BYTES ? `it is ${size} bytes long, less than a page` : quickCheckProblem(path);
    if (!problem) {
      largest = size;
      return;
    }
    throw Object.assign(new Error(`the file shrank from ${largest} to ${size} bytes, and SQLite's check says: ${problem}`), { code: 'SQLITE_CORRUPT' });
  };
}
