import { AnalysisError } from '../../analysis/errors.ts';
import { terminalText } from '../../analysis/terminal-text.ts';
import { DomainError } from '../domain/errors.ts';
import { reportRemovedPartials } from '../storage/output-files.ts';
import { postgresRefusalWords } from '../storage/postgres/refusal-words.ts';
import { isDamage, isUnwritable } from '../storage/sqlite-unavailable.ts';
import { openedDatabase } from './opened-database.ts';

/** A mistake in what the user asked for: printed as one line, exit code 2, never a stack trace. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * File-system errors on a path the user gave (an --out in a read-only folder, a file where a folder should be):
 * the user's to fix, so one line naming the path. Any other error code stays a bug with its stack.
 */
const PATH_PROBLEMS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'a folder, not a file',
  EEXIST: 'already exists',
  ENOSPC: 'no space left on the device',
};

function pathProblem(error: unknown): string | undefined {
  const { code, path } = error as NodeJS.ErrnoException;
  const problem = typeof code === 'string' && typeof path === 'string' ? PATH_PROBLEMS[code] : undefined;
  return problem && `${path}: ${problem}`;
}

/**
 * A database file that cannot take writes now (disk full, a file system turned read-only, an I/O error):
 * not the command's mistake, nor a bug whose stack helps anyone — a service manager restarting `vlab serve` on a
 * full disk printed better-sqlite3's stack at every restart. One line, exit code 1.
 */
function storageProblem(thrown: unknown): string | undefined {
  const refused = postgresRefusal(thrown);
  if (refused) return refused;
  const error = storeCause(thrown);
  if (isDamage(error)) {
    // The damage latch's own message already says what to do (a rescue copy, restore, .recover); SQLite's does not.
    const { code, message } = error;
    const hint = /restore/.test(message) ? '' : '; restore a backup (one `vlab db backup` made) or recover the file with sqlite3 .recover';
    return `the database file is damaged: ${message} (${code})${hint}`;
  }
  if (!isUnwritable(error)) return undefined;
  const { code, message } = error as { code: string; message: string };
  // A lock held past busy_timeout is another process's long write (a backup, a bulk load), not the disk.
  const hint = code.startsWith('SQLITE_BUSY') ? 'another process held its write lock too long; try again' : 'is its disk full or read-only?';
  return `the database cannot be written: ${message} (${code}); ${hint}`;
}

/**
 * PostgreSQL's refusal of the work (a read-only server, a resource limit, a lock or statement timeout: the store's
 * 503 `busy` with PostgreSQL's error as its cause) in PostgreSQL's words and what to change. The respondent's
 * "cannot store this right now; try again shortly" told an operator whose export met a temp_file_limit nothing,
 * with exit code 2 as for a mistake of the command's (attacker pass 33).
 */
function postgresRefusal(thrown: unknown): string | undefined {
  if (!(thrown instanceof DomainError && thrown.code === 'busy')) return undefined;
  const words = postgresRefusalWords(thrown.cause);
  const { code, message } = (thrown.cause ?? {}) as { code?: string; message?: string };
  return words && message ? `PostgreSQL refused the work: ${message} (${code}); ${words}` : undefined;
}

/**
 * The store answers a write the file cannot take, or a damaged file, as the server's `503 busy` ("the server cannot
 * store this right now; try again shortly", SQLite's error as its cause): in a verb no server is involved, and trying
 * again does not mend a damaged file, so the cause is told.
 */
function storeCause(error: unknown): unknown {
  const busy = error instanceof DomainError && error.code === 'busy';
  return busy && (isUnwritable(error.cause) || isDamage(error.cause)) ? error.cause : error;
}

function isUserError(error: unknown): error is Error {
  return error instanceof UsageError || error instanceof AnalysisError || error instanceof DomainError;
}

/**
 * A user's mistake in words; a wave that is not there is named with the database it was looked for in, which is
 * often the wrong one (npm run demo's wave lives in a database of its own, a deployment's in its VLAB_DB).
 */
function userMessage(error: Error): string {
  const database = openedDatabase();
  if (!(error instanceof DomainError && error.code === 'not_found' && error.message.startsWith('no wave ') && database)) return error.message;
  return `${error.message} in ${database} (vlab wave list shows its waves; --db or VLAB_DB opens another database)`;
}

/**
 * The message without its function's name where the verb is that name: `amce()` says "amce: …", and `vlab amce:`
 * says it already (convention 4 asks the function named, once). Another function's name stays: `vlab fit:
 * lmRobust: …`, `vlab mm-diff: mm_diffs: …`.
 */
function withoutVerbRepeated(verb: string, message: string): string {
  return message.startsWith(`${verb}: `) ? message.slice(verb.length + 2) : message;
}

/**
 * Wraps a command's action so that user mistakes become `vlab <verb>: <message>` on stderr with exit code 2.
 * Unexpected errors still surface with their stack: those are our bugs, and hiding them helps nobody.
 */
export function cliAction<Args extends unknown[]>(
  verb: string,
  run: (...args: Args) => Promise<void> | void,
): (...args: Args) => Promise<void> {
  return async (...args: Args) => {
    // What a killed run left beside an --out and this run removes is named, so it does not vanish without a word.
    reportRemovedPartials((path, pid) => process.stderr.write(`vlab ${verb}: removed ${terminalText(path)}, left by an earlier run that was stopped (process ${pid} is gone)\n`));
    try {
      await run(...args);
    } catch (error) {
      const storage = storageProblem(error);
      const message = storage ?? (isUserError(error) ? userMessage(error) : pathProblem(error));
      if (message === undefined) throw error;
      // A message may quote a study's text (a broken definition's): shown as written, never acted on by the terminal.
      process.stderr.write(`vlab ${verb}: ${terminalText(withoutVerbRepeated(verb, message), { lineBreaks: 'keep' })}\n`);
      process.exitCode = storage === undefined ? 2 : 1;
    }
  };
}
