import { DomainError } from '../domain/errors.ts';

/** Seconds a client is asked to wait while the database file cannot take writes. */
export const UNWRITABLE_RETRY_AFTER_SECONDS = 5;

/**
 * SQLite's result codes (primary, so every extended one counts: SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED, …)
 * for a file that cannot take a write now: the disk is full, the file system turned read-only (ext4's
 * errors=remount-ro after an I/O error) or fails, or another process held the write lock past busy_timeout.
 * None is the client's mistake, nor a bug of ours to hide behind a 500: they pass when the disk has room again.
 */
const UNWRITABLE = /^SQLITE_(FULL|IOERR|READONLY|BUSY|CANTOPEN)(_|$)/;

/** True for an error SQLite raises when the file cannot take writes now (see UNWRITABLE). */
export function isUnwritable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && UNWRITABLE.test(code);
}

/**
 * What a client is told when its write could not be stored because of the disk: 503 `busy` with Retry-After,
 * as for PostgreSQL out of reach. The SQLite error rides along as `cause`, for the server's log only.
 */
export function unwritableAsBusy(error: unknown): unknown {
  if (!isUnwritable(error)) return error;
  return new DomainError('busy', 'the server cannot store this right now; try again shortly', {}, UNWRITABLE_RETRY_AFTER_SECONDS, error);
}

/** SQLite's result codes (primary, so every extended one counts) for a database file whose content is damaged. */
const DAMAGED = /^SQLITE_(CORRUPT|NOTADB)(_|$)/;

export type CodedError = Error & { code: string };

/** True for an error SQLite raises when the file's content is damaged (see DAMAGED): a bad disk, a copy over the live file. */
export function isDamage(error: unknown): error is CodedError {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && DAMAGED.test(code);
}
