/**
 * SQLite releases before 3.51.3 carry the WAL-reset bug: a checkpoint racing a writer on another connection can
 * corrupt the database. Survey data is irreplaceable, so the server refuses to open a database with such a library.
 */
export const MIN_SQLITE_VERSION = '3.51.3';

/** Compares dotted numeric versions ("3.9.0" < "3.10.0"); missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** Null when `version` is safe to use, else the one-line reason to refuse it. */
export function sqliteVersionProblem(version: string, minimum = MIN_SQLITE_VERSION): string | null {
  if (!/^\d+(\.\d+)*$/.test(version)) return `SQLite reports an unreadable version "${version}"; need ${minimum} or newer`;
  if (compareVersions(version, minimum) >= 0) return null;
  return `SQLite ${version} is older than ${minimum} (earlier versions can corrupt a WAL database); update better-sqlite3`;
}
