import { closeSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Db } from './db.ts';
import { makeFolder } from './make-folder.ts';

/**
 * Starts copying what an open connection sees of its database (every committed page, WAL included) with SQLite's
 * backup API to `<path>.rescued-<time>` beside its path, for a file that was removed, replaced or damaged under the
 * running server: what respondents were told was stored must not vanish with it. The copy is taken page by page,
 * b-trees unread, so a damaged database is copied as it is, for `sqlite3 … .recover`. The function returned says
 * where (and whether the copy is done or failed), for the messages that tell the operator. The copy has its name
 * only once whole, and one that fails leaves no file: an empty or partial `.rescued-` file would look like what was
 * stored.
 */
export function rescueCopy(db: Db): () => string {
  const target = `${db.name}.rescued-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  let outcome = `what was stored until then is being copied to ${target}`;
  try {
    makeFolder(dirname(target), 0o700);
    // Panel IDs are in it: the owner's alone, as the database file (storage/db.ts). Written under `.partial` and
    // renamed when whole, so a copy cut short (the process killed: a service manager's stop timeout) never bears
    // the name of a rescued copy.
    const partial = `${target}.partial`;
    closeSync(openSync(partial, 'wx', 0o600));
    const copied = db.backup(partial).then(
      () => {
        renameSync(partial, target);
        outcome = `what was stored until then is copied to ${target}`;
      },
      (error: unknown) => {
        outcome = `copying what was stored to ${target} failed (${(error as Error).message})`;
        rmSync(partial, { force: true });
      },
    );
    pending.set(db, [...(pending.get(db) ?? []), copied]);
  } catch (error) {
    outcome = `copying what was stored to ${target} failed (${(error as Error).message})`;
  }
  return () => outcome;
}

/** Copies still being taken from each connection: closing it would end them half done. */
const pending = new WeakMap<Db, Promise<void>[]>();

/**
 * Settles once the rescue copies started from `db` are done or failed. The backup API copies a step at a time
 * between turns of the event loop, so the connection must stay open until then: a store closed right after it met
 * its file moved (a `vlab` verb ending with the error, `vlab serve` stopped as its message advises) left an empty
 * `.rescued-` file (attacker pass 33).
 */
export async function rescuesSettled(db: Db): Promise<void> {
  await Promise.all(pending.get(db) ?? []);
}
