import { closeSync, constants, openSync, readSync, statSync } from 'node:fs';

/** The first 16 bytes of every SQLite database file (sqlite.org/fileformat.html, 1.3). */
const DATABASE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
/** A WAL file's magic number, big-endian, for either byte order of its checksums (fileformat.html, 4.1). */
const WAL_MAGIC = [0x377f0682, 0x377f0683];
/** A hot rollback journal's header (fileformat.html, 3). */
const JOURNAL_HEADER = Buffer.from('d9d505f920a163d7', 'hex');
/** The files SQLite keeps beside a database: a WAL, its shared-memory index, a rollback journal. */
const SIDE_FILES = ['-wal', '-shm', '-journal'] as const;

/** Up to `length` first bytes of a regular file (through a link), or null: absent, no regular file, unreadable. */
function headOf(path: string, length: number): Buffer | null {
  try {
    if (!statSync(path).isFile()) return null;
    const fd = openSync(path, constants.O_RDONLY);
    try {
      const head = Buffer.alloc(length);
      return head.subarray(0, readSync(fd, head, 0, length, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
}

const isDatabase = (head: Buffer | null): boolean => head !== null && head.equals(DATABASE_HEADER);

/** sqliteFileKind's words for a database file itself. */
export const SQLITE_DATABASE = 'a SQLite database';

/**
 * What SQLite file `path` is, in words, or null: a database, a WAL or a rollback journal by their first bytes, or
 * by its name the -wal, -shm or -journal file of a database beside it (which may not exist yet, or be empty).
 */
export function sqliteFileKind(path: string): string | null {
  const head = headOf(path, DATABASE_HEADER.length);
  if (isDatabase(head)) return SQLITE_DATABASE;
  if (head && head.length >= 4 && WAL_MAGIC.includes(head.readUInt32BE(0))) return 'a SQLite write-ahead log';
  if (head && head.length >= JOURNAL_HEADER.length && head.subarray(0, JOURNAL_HEADER.length).equals(JOURNAL_HEADER)) return 'a SQLite rollback journal';
  for (const suffix of SIDE_FILES) {
    const database = path.slice(0, -suffix.length);
    if (path.endsWith(suffix) && database && isDatabase(headOf(database, DATABASE_HEADER.length))) {
      return `the ${suffix} file of the SQLite database ${database}`;
    }
  }
  return null;
}

/**
 * Why vlab must not write a file at `path`, or null: it is (or belongs to) a SQLite database, which may hold every
 * response of a study. `vlab export --db db.sqlite --out db.sqlite` renamed its CSV over the database (attacker pass
 * 16), and `vlab simulate --ack-log db.sqlite` truncated it to 0 bytes; on a live server's file the wave stopped.
 *
 * @example overwritesDatabase('data/vlab.sqlite') // 'data/vlab.sqlite is a SQLite database; vlab never writes over one …'
 */
export function overwritesDatabase(path: string): string | null {
  const kind = sqliteFileKind(path);
  return kind && `${path} is ${kind}; vlab never writes over one (it may hold the responses): name another file`;
}
