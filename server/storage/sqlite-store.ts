import type { Db } from './db.ts';
import { createGroupCommit } from './group-commit.ts';
import { createMemoryRateCounter } from './rate-counter.ts';
import { createRepositories } from './repositories.ts';
import type { Store } from './store.ts';

/**
 * The store over one SQLite connection. Writes go through group commit (storage/group-commit.ts): one BEGIN
 * IMMEDIATE and one COMMIT for the writes of the moment, each acknowledged only after that COMMIT. Reads that
 * need one snapshot join the same queue on the writer's connection; on a read-only connection (a researcher
 * worker's) they run one at a time in a deferred transaction. The repositories' promises settle at once, so a
 * batch runs to its COMMIT without yielding to other requests' I/O.
 */
/** The SQLite store, with its connection (the WAL checkpointer and the backup verb need it). */
export type SqliteStore = Store & { sqlite: Db };

export function createSqliteStore(db: Db): SqliteStore {
  const repos = createRepositories(db);
  if (db.readonly) return readOnlyStore(db, repos);
  const writes = createGroupCommit(db);
  const inTransaction = <T>(fn: (tx: typeof repos) => Promise<T>) => writes.run(() => fn(repos));
  return {
    engine: 'sqlite',
    location: db.name,
    sqlite: db,
    repos,
    write: inTransaction,
    read: inTransaction,
    onRollback: (listener) => writes.onRollback(listener),
    rateCounter: createMemoryRateCounter(),
    ping: async () => {
      db.prepare('SELECT 1').get();
    },
    close: async () => {
      db.close();
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
