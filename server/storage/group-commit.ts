import { setTimeout as sleep } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import type { Db } from './db.ts';

/**
 * Group commit for the respondent path. With `synchronous = FULL` every commit waits for an fsync, and
 * better-sqlite3 runs one transaction at a time on the event loop, so one commit per request caps throughput
 * at one fsync per respondent. Here the write jobs that arrive while the event loop is busy are run together:
 * one BEGIN IMMEDIATE, each job in its own savepoint (a job that throws rolls back only its own writes and
 * gets its own error), one COMMIT — and only then is any job's promise settled, so a respondent is still
 * acknowledged only after their data is on disk. If the COMMIT fails, every job of the batch is rejected.
 *
 * Jobs run in arrival order inside one transaction, so each sees the writes of the jobs before it, exactly as
 * if they had committed one after another. A job may be async (the storage interface is): it is awaited before
 * the next one starts, and a batch starts only once the previous one has committed, so jobs never interleave.
 * A job must not wait on anything but this connection (no timers, no network), or it holds the write lock. A batch is flushed on `setImmediate`: after the I/O callbacks
 * that queued it, before the event loop waits for more; under no load a batch holds one job and costs
 * what a plain transaction does.
 *
 * @example
 * const writes = createGroupCommit(db);
 * const outcome = await writes.run(() => completeParticipant(code)); // resolved after the shared COMMIT
 */
export interface GroupCommit {
  /** Runs fn inside the next batch's transaction; resolves with its result after that transaction commits. */
  run<T>(fn: () => T | Promise<T>): Promise<T>;
  /**
   * Called (synchronously, inside the batch) whenever writes already made in this process are undone: a job
   * that wrote and then threw, or a whole batch lost. State cached beside the database (the quality flags'
   * durations) must be dropped then, since the rest of the batch goes on and commits.
   */
  onRollback(listener: () => void): void;
  /** Batches committed and jobs run so far (for tests and benchmarks). */
  stats(): { batches: number; jobs: number };
}

interface Job {
  fn: () => unknown;
  /** performance.now() when it was asked: its wait for another process's write lock counts from here. */
  askedAt: number;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Settled = { job: Job; ok: true; value: unknown } | { job: Job; ok: false; error: unknown };

/** More jobs than this in one transaction would hold every waiting respondent behind a long batch. */
const MAX_BATCH = 256;

/** The statements of a batch, prepared once: better-sqlite3's db.transaction() builds its wrappers anew on each call, which cost more than the job's own statements. */
function batchStatements(db: Db) {
  return {
    begin: db.prepare('BEGIN IMMEDIATE'),
    busyTimeout: db.prepare('PRAGMA busy_timeout').pluck(),
    noBusyWait: db.prepare('PRAGMA busy_timeout = 0'),
    restoreBusyWait: busyWaitSetter(db),
    commit: db.prepare('COMMIT'),
    savepoint: db.prepare('SAVEPOINT job'),
    release: db.prepare('RELEASE job'),
    rollbackToSavepoint: db.prepare('ROLLBACK TO job'),
    // SQLite's count of rows changed on this connection; rollbacks do not lower it, so a change across a failed
    // job means it wrote something that its savepoint then undid.
    totalChanges: db.prepare('SELECT total_changes()').pluck(),
  };
}

type BatchStatements = ReturnType<typeof batchStatements>;

/**
 * Sets the connection's busy_timeout back, its statement prepared again only when the value changes (a test's): a
 * pragma prepared on each batch cost more than the three a batch now runs.
 */
function busyWaitSetter(db: Db): (ms: number) => void {
  let prepared: { ms: number; statement: Database.Statement } | undefined;
  return (ms) => {
    if (prepared?.ms !== ms) prepared = { ms, statement: db.prepare(`PRAGMA busy_timeout = ${Math.trunc(ms)}`) };
    prepared.statement.get();
  };
}

/** Pauses between tries for the write lock, in ms: SQLite's own busy handler's (sqliteDefaultBusyCallback). */
const LOCK_RETRY_DELAYS_MS = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100];

/**
 * BEGIN IMMEDIATE, waiting for a write lock another process holds (a `vlab` verb, an operator's `sqlite3` shell
 * left in a transaction) for as long as the connection's busy_timeout, but on timers: SQLite's busy handler sleeps
 * inside the call, and better-sqlite3 runs it on the event loop, so every request of every kind (pages, /healthz,
 * a 404) stood still for the whole wait, batch after batch (attacker pass 28: 5.5 s for a 404). Throws BEGIN's own
 * SQLITE_BUSY once the wait is spent, as before. The wait counts from `askedAt`, when the batch's oldest job was
 * asked: counted from BEGIN, a job queued behind a waiting batch waited that batch's wait and then its own (attacker
 * pass 30: 11 s for busy_timeout 5 s). Past it, BEGIN is still tried once.
 */
async function takeWriteLock(st: BatchStatements, askedAt: number): Promise<void> {
  const waitMs = st.busyTimeout.get() as number;
  const giveUpAt = askedAt + waitMs;
  for (let attempt = 0; ; attempt++) {
    st.noBusyWait.get();
    try {
      st.begin.run();
      return;
    } catch (error) {
      const left = giveUpAt - performance.now();
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || left <= 0) throw error;
      await sleep(Math.min(LOCK_RETRY_DELAYS_MS[Math.min(attempt, LOCK_RETRY_DELAYS_MS.length - 1)], left));
    } finally {
      // The connection's other statements (a CLI verb's backup, its close's checkpoint) keep their wait.
      st.restoreBusyWait(waitMs);
    }
  }
}

/**
 * One job in its own savepoint of the open transaction: a job that throws rolls back only its own writes.
 * `undone` is called when writes were undone (its own, or the whole transaction's after an I/O error).
 */
async function runInSavepoint(db: Db, st: BatchStatements, job: Job, undone: () => void): Promise<Settled> {
  const changesBefore = st.totalChanges.get();
  try {
    st.savepoint.run();
    let value = job.fn();
    if (value instanceof Promise) value = await value;
    st.release.run();
    return { job, ok: true, value };
  } catch (error) {
    if (db.inTransaction) {
      st.rollbackToSavepoint.run();
      st.release.run();
    }
    if (!db.inTransaction || st.totalChanges.get() !== changesBefore) undone();
    return { job, ok: false, error };
  }
}

/**
 * runInSavepoint, and when undoing a failed job fails too (ROLLBACK TO or RELEASE threw: its savepoint is gone,
 * or a statement journal spilled to a temporary file on a failing disk cannot be read back), the whole
 * transaction rolled back. What it held is unknown then; left open, the batch's jobs would wait for ever and
 * every later BEGIN would be refused. The batch then goes on as when SQLite drops the transaction itself.
 */
async function runJob(db: Db, st: BatchStatements, job: Job, undone: () => void): Promise<Settled> {
  try {
    return await runInSavepoint(db, st, job, undone);
  } catch (error) {
    try {
      if (db.inTransaction) db.exec('ROLLBACK');
    } catch {
      // Nothing more can be done here: the next BEGIN reports the connection's state to its jobs.
    }
    undone();
    return { job, ok: false, error };
  }
}

function settle(settled: Settled[]): void {
  for (const s of settled) {
    if (s.ok) s.job.resolve(s.value);
    else s.job.reject(s.error);
  }
}

/**
 * `beforeCommit` runs just before each COMMIT; if it throws, the batch is rolled back and every job of it gets
 * that error (the SQLite store checks there that its file is still the one at its path).
 */
export function createGroupCommit(db: Db, { beforeCommit = () => undefined }: { beforeCommit?: () => void } = {}): GroupCommit {
  let queue: Job[] = [];
  let scheduled = false;
  // The batch in progress: the next flush waits for its COMMIT (an async job yields the event loop mid-batch).
  let running: Promise<void> = Promise.resolve();
  let batches = 0;
  let jobs = 0;
  const rollbackListeners: (() => void)[] = [];
  const st = batchStatements(db);
  const rolledBack = () => {
    for (const listener of rollbackListeners) listener();
  };

  async function flush(): Promise<void> {
    scheduled = false;
    const pending = queue;
    queue = [];
    for (let start = 0; start < pending.length; ) start = await commitBatch(pending, start, Math.min(pending.length, start + MAX_BATCH));
  }

  /** Runs pending[start..end) in one transaction; returns the index of the first job it did not take. */
  async function commitBatch(pending: Job[], start: number, end: number): Promise<number> {
    try {
      await takeWriteLock(st, pending[start].askedAt);
    } catch (error) {
      // The write lock could not be had (busy_timeout spent behind another process): nothing ran.
      for (let i = start; i < end; i++) pending[i].reject(error);
      return end;
    }
    const settled: Settled[] = [];
    let next = start;
    for (; next < end; next++) {
      const outcome = await runJob(db, st, pending[next], rolledBack);
      settled.push(outcome);
      // Some SQLite errors (disk full, I/O) roll back the whole transaction: the jobs before this one are
      // lost with it; the rest get a fresh transaction.
      if (!outcome.ok && !db.inTransaction) {
        for (const s of settled) s.job.reject(s.ok ? outcome.error : s.error);
        return next + 1;
      }
    }
    try {
      beforeCommit();
      st.commit.run();
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      rolledBack();
      for (const s of settled) s.job.reject(error);
      return next;
    }
    batches++;
    jobs += settled.length;
    settle(settled);
    return next;
  }

  return {
    run<T>(fn: () => T | Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ fn, askedAt: performance.now(), resolve: resolve as (value: unknown) => void, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(() => {
            // flush settles every job itself; the catch only keeps the chain alive for the next batch.
            running = running.then(flush).catch(() => undefined);
          });
        }
      });
    },
    onRollback(listener: () => void): void {
      rollbackListeners.push(listener);
    },
    stats: () => ({ batches, jobs }),
  };
}
