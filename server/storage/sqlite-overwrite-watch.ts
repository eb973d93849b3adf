import Database from 'better-sqlite3';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { isDamage } from './sqlite-unavailable.ts';

/** SQLite's largest page size. */
const MAX_PAGE_BYTES = 65_536;
const MAGIC = 'SQLite format 3\0';

/** What the watch reads of the file: its size, and from its 100-byte header the page count and the schema cookie. */
interface FileLook {
  size: number;
  /** The header's database size in pages, where SQLite marks it valid (version-valid-for = change counter). */
  pages: number | undefined;
  schemaCookie: number | undefined;
}

/** The file as it is on disk, read through the watch's descriptor. */
function look(fd: number): FileLook {
  const size = fstatSync(fd).size;
  const header = Buffer.alloc(100);
  const read = readSync(fd, header, 0, 100, 0);
  if (read < 100 || header.toString('latin1', 0, 16) !== MAGIC) return { size, pages: undefined, schemaCookie: undefined };
  const pagesValid = header.readUInt32BE(92) === header.readUInt32BE(24);
  return { size, pages: pagesValid ? header.readUInt32BE(28) : undefined, schemaCookie: header.readUInt32BE(40) };
}

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

export type OverwriteWatch = (() => void) & {
  /** Closes the watch's descriptor, which drops the process's locks on the file: only as its connections close (below). */
  close(): void;
};

/**
 * For the WAL checkpointer's thread, which writes the database file: throws SQLITE_CORRUPT when the file was
 * written over between two calls. With auto_vacuum off a database file never shrinks, nor does the page count in
 * its header, except through VACUUM — and VACUUM adds one to the header's schema cookie. So a file that shrank, or
 * whose header counts fewer pages than the largest count seen, while its schema cookie did not grow, was
 * overwritten (an older copy, or one being copied in). SQLite's quick check cannot tell: a connection reads through
 * the WAL, and a WAL that still holds every page written since the copy was taken hides it (a clean-clone CI saw
 * that: the check said ok and the smaller file was taken for a VACUUM'd one). Where the cookie did grow, the quick
 * check decides (a smaller sound file is taken as the new size). A copy onto the live file of one at least as large
 * with as many pages is not seen here (only if SQLite then meets a damaged page); nor is one that lands while a
 * checkpoint writes the header page back over it.
 *
 * The file is read through one descriptor, opened here and kept until `close()`: POSIX record locks belong to the
 * process, and closing any descriptor of the file drops every lock the process holds on it, SQLite's SHARED lock
 * included (sqlite.org/howtocorrupt.html, 2.2). Opened and closed on every tick (as until attacker pass 31), it left
 * vlab serve holding no lock: an operator's `sqlite3` shell then took the file for its own at its close and deleted
 * the -wal and -shm under the server. An in-place overwrite keeps the inode, so the descriptor sees it; a file
 * replaced or removed is the identity check's (sqlite-file-identity.ts). No file at `path`: nothing to watch.
 */
export function overwriteWatch(path: string): OverwriteWatch {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
  } catch {
    return Object.assign(() => undefined, { close: () => undefined });
  }
  const first = look(fd);
  let largest = first.size;
  let mostPages = first.pages ?? 0;
  let cookie = first.schemaCookie ?? 0;
  const check = () => {
    if (fd === undefined) return;
    const now = look(fd);
    const fewerPages = now.pages !== undefined && now.pages < mostPages;
    if (now.size >= largest && !fewerPages) {
      largest = now.size;
      mostPages = Math.max(mostPages, now.pages ?? 0);
      cookie = Math.max(cookie, now.schemaCookie ?? 0);
      return;
    }
    const what = now.size < largest ? `the file shrank from ${largest} to ${now.size} bytes` : `its header counts ${now.pages} pages, fewer than ${mostPages} before`;
    // A file shorter than SQLite's largest page is not opened: a connection that opens a database file of no whole
    // page deletes the WAL beside it (the newest data on disk). vlab's schema alone is larger.
    const vacuumed = now.schemaCookie !== undefined && now.schemaCookie > cookie && now.size >= MAX_PAGE_BYTES;
    const problem = vacuumed ? quickCheckProblem(path) : `its schema cookie did not grow as VACUUM's would (an older copy written over it?)`;
    if (!problem) {
      largest = now.size;
      mostPages = now.pages ?? 0;
      cookie = now.schemaCookie!;
      return;
    }
    throw Object.assign(new Error(`${what}, and ${vacuumed ? `SQLite's check says: ${problem}` : problem}`), { code: 'SQLITE_CORRUPT' });
  };
  const close = () => {
    if (fd === undefined) return;
    closeSync(fd);
    fd = undefined;
  };
  return Object.assign(check, { close });
}
