import { readdirSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** At most this many entries of the file's folder are looked at to name its other names. */
const FOLDER_ENTRIES_LOOKED_AT = 10_000;

/** The other names of the file `stats` describes in `path`'s own folder (hard links made there), first few. */
function namesBeside(path: string, stats: Stats): string[] {
  try {
    return readdirSync(dirname(path))
      .slice(0, FOLDER_ENTRIES_LOOKED_AT)
      .filter((entry) => entry !== basename(path))
      .filter((entry) => {
        const other = statSync(join(dirname(path), entry), { throwIfNoEntry: false });
        return other?.ino === stats.ino && other.dev === stats.dev;
      })
      .map((entry) => join(dirname(path), entry));
  } catch {
    return [];
  }
}

/**
 * Why the SQLite database file at `path` must not be opened, or null: it has more than one name (a hard link made
 * by `ln`, `cp -al` or a link-based snapshot). SQLite keeps the WAL and -shm beside the name a connection opened:
 * a process opening the other name reads the file without the live WAL's commits and writes a WAL of its own, and
 * the first connection to close on that name copies its stale pages into the shared file (sqlite.org/howtocorrupt.html,
 * "multiple links to the same file"). Attacker pass 32: `vlab token create --db b.sqlite` (b a hard link of the
 * served a.sqlite) said each token was created, `vlab token list --db a.sqlite` listed none, and after the server
 * stopped `vlab token list --db b.sqlite` left a.sqlite "database disk image is malformed", with 50 respondents in it.
 */
export function otherNamesProblem(path: string): string | null {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch {
    return null; // not there yet, or a path SQLite's open will explain (ENOTDIR, EACCES)
  }
  if (!stats.isFile() || stats.nlink < 2) return null;
  const beside = namesBeside(path, stats);
  const others = stats.nlink - 1;
  const named = beside.length ? ` (${beside.slice(0, 3).join(', ')}${others > beside.slice(0, 3).length ? ', …' : ''})` : ` (find them with: find / -xdev -samefile ${path})`;
  return (
    `the file has ${others} other name${others === 1 ? '' : 's'}${named}, made as a hard link (ln, cp -al); SQLite keeps a ` +
    'write-ahead log beside each name, so a process opening the database by another name misses what was written and ' +
    'can damage the file. Keep one name: the one vlab serve uses; remove the others (rm removes a name, not the data ' +
    'the other name holds), and copy a database with vlab db backup'
  );
}
