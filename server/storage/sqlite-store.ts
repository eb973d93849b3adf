import { DomainError } from '../domain/errors.ts';
import type { Db } from './db.ts';
import { createGroupCommit } from './group-commit.ts';
import { createMemoryRateCounter } from './rate-counter.ts';
import { createRepositories } from './repositories.ts';
import { damageAsBusy, damageLatch, isDamage } from './sqlite-damage.ts';
import { isMoved, watchFileIdentity } from './sqlite-file-identity.ts';
import { rescuesSettled } from './sqlite-rescue.ts';
import { unwritableAsBusy, isUnwritable, UNWRITABLE_RETRY_AFTER_SECONDS } from './sqlite-unavailable.ts';
import { databaseUnwritable, type Store } from './store.ts';

/**
 * What /healthz reports when the file at the database's path is not the one the server has open (`moved`), or
 * SQLite called it damaged (`corrupt`).
 */
const databaseGone = (database: 'moved' | 'corrupt', cause: Error): DomainError => new DomainError('busy', cause.message, { database }, UNWRITABLE_RETRY_AFTER_SECONDS, cause);

/**
 * The store over one SQLite connection. Writes go through group commit (storage/group-commit.ts): one BEGIN
 * IMMEDIATE and one COMMIT for the writes of the moment, each acknowledged only after that COMMIT. Reads that
 * need one snapshot join the same queue on the writer's connection; on a read-only connection (a researcher
 * worker's) they run one at a time in a deferred transaction. The repositories' promises settle at once, so a
 * batch runs to its COMMIT without yielding to other requests' I/O.
 */
/**
 * The SQLite store, with its connection (the WAL checkpointer and the backup verb need it). `markDamaged`: the
 * checkpointer's report that SQLite found the file damaged; the store then refuses writes (sqlite-damage.ts).
 */
export type SqliteStore = Store & { sqlite: Db; markDamaged(error: unknown): void };

export function createSqliteStore(db: Db): SqliteStore {
  const repos = createRepositories(db);
  if (db.readonly) return readOnlyStore(db, repos);
  // Checked before every COMMIT, and by ping so that a monitor hears of it without a respondent's write.
  const identity = watchFileIdentity(db);
  const damage = damageLatch(db);
  const writes = createGroupCommit(db, {
    beforeCommit: () => {
      identity.check();
      damage.check();
    },
  });
  const health = writeHealth(db, writes, damage.mark);
  const inTransaction = <T>(fn: (tx: typeof repos) => Promise<T>) => health.watch(writes.run(() => fn(repos)));
  return {
    engine: 'sqlite',
    location: db.name,
    sqlite: db,
    markDamaged: damage.mark,
    repos,
    write: inTransaction,
    read: inTransaction,
    onRollback: (listener) => writes.onRollback(listener),
    rateCounter: createMemoryRateCounter(),
    ping: async () => {
      db.prepare('SELECT 1').get();
      try {
        identity.check();
        damage.check();
      } catch (error) {
        throw databaseGone(isMoved(error) ? 'moved' : 'corrupt', error as Error);
      }
      await health.check();
    },
    close: async () => {
      // Only the -shm replaced: `vlab` verbs beside the server have written by a new index, into this very WAL.
      // Closing would checkpoint by the old index and delete the WAL with their writes; left open, the process's
      // exit keeps the WAL, and the next open reads it whole.
      if (identity.changed()?.endsWith('-shm')) return;
      await rescuesSettled(db);
      db.close();
    },
  };
}

/**
 * Whether the file takes writes: a read answers even when the disk is full or the file system turned read-only,
 * so /healthz would say ok while every start, save and completion fails. After a write failed that way (and until
 * one commits), the check tries a write of its own, so that a monitor sees the database come back without
 * waiting for a respondent to try: it flips the header's `user_version` (which nothing else uses) between 0 and 1,
 * one page to the WAL. Rewriting a row with its own values would not do: SQLite then writes nothing.
 */
function writeHealth(db: Db, writes: ReturnType<typeof createGroupCommit>, markDamaged: (error: unknown) => void) {
  let failing = false;
  const flipUserVersion = () => db.pragma(`user_version = ${db.pragma('user_version', { simple: true }) === 1 ? 0 : 1}`);
  const watch = <T>(write: Promise<T>): Promise<T> =>
    write.then(
      (value) => {
        failing = false;
        return value;
      },
      (error: unknown) => {
        if (isUnwritable(error)) failing = true;
        if (isDamage(error)) {
          markDamaged(error);
          throw damageAsBusy(error);
        }
        throw unwritableAsBusy(error);
      },
    );
  return {
    watch,
    async check(): Promise<void> {
      if (!failing) return;
      try {
        await watch(writes.run(flipUserVersion));
      } catch (error) {
        const cause = (error as { cause?: unknown }).cause;
        if (isMoved(cause)) throw databaseGone('moved', cause);
        throw databaseUnwritable('the database cannot be written', UNWRITABLE_RETRY_AFTER_SECONDS, error);
      }
    },
  };
}

function readOnlyStore(db: Db, repos: ReturnType<typeof createRepositories>): SqliteStore {
  const begin = db.prepare('BEGIN');
  const commit = db.prepare('COMMIT');
  let last: Promise<unknown> = Promise.resolve();
  return {
    engine: 'sqlite',
    location: db.name,
    sqlite: db,
    repos,
    markDamaged: () => undefined, // nothing is written through it
    write: () => Promise.reject(new Error(`${db.name}: this connection is read-only`)),
    read<T>(fn: (tx: typeof repos) => Promise<T>): Promise<T> {
      const run = async () => {
        begin.run();
        try {
          return await fn(repos);
        } finally {
          if (db.inTransaction) commit.run();
        }
      };
      const result = last.then(run, run);
      last = result.catch(() => undefined);
      return result;
    },
    onRollback: () => undefined,
    rateCounter: createMemoryRateCounter(),
    ping: async () => {
      db.prepare('SELECT 1').get();
    },
    close: async () => {
      db.close();
    },
  };
}
