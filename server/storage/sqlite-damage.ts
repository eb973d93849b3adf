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
 * file's size and header (sqlite-overwrite-watch.ts). A damaged file does not heal: from then on until a restart
 * `check()` throws (before every COMMIT, and for /healthz). At the first report the pages the connection holds are copied beside the path
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
