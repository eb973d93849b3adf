import { DomainError } from '../domain/errors.ts';
import type { RateCounter } from './rate-counter.ts';
import type { Repositories } from './repositories.ts';

/** The database engines a store can run on. */
export type Engine = 'sqlite' | 'postgres';

/**
 * The one storage interface the services use, whichever engine runs it (storage/sqlite-store.ts,
 * storage/postgres/postgres-store.ts). Every read-then-write of the respondent path runs in `write`, which
 * resolves only after its COMMIT: what a client is told is stored. Inside a write, the repositories given to `fn`
 * are the transaction's; `fn` must wait on nothing but them (no timers, no network), since on SQLite it holds the
 * one write lock meanwhile.
 */
export interface Store {
  readonly engine: Engine;
  /** The SQLite file or the PostgreSQL URL it was opened from (what the researcher workers open); maskedLocation() for messages. */
  readonly location: string;
  /** For single reads outside any transaction (each statement its own snapshot). */
  readonly repos: Repositories;
  /** Runs `fn` in one write transaction (on SQLite shared with the writes of the moment: group commit). */
  write<T>(fn: (tx: Repositories) => Promise<T>): Promise<T>;
  /** Runs `fn` on one consistent snapshot. */
  read<T>(fn: (tx: Repositories) => Promise<T>): Promise<T>;
  /**
   * Called whenever writes that this process made (and may have cached beside the database) are undone while
   * other writes commit: the quality flags' cached durations are dropped then.
   */
  onRollback(listener: () => void): void;
  /** The rate limits' hit counters: in this process's memory on SQLite, shared through the database on PostgreSQL. */
  readonly rateCounter: RateCounter;
  /** Answers whether the database is reachable now, and takes writes (for /healthz; else `databaseUnwritable`). */
  ping(): Promise<void>;
  /**
   * What the database server's own settings put at risk, in words for `vlab serve` to say once at start (PostgreSQL:
   * `fsync = off`); SQLite's settings are vlab's own, so it has none.
   */
  settingsWarnings?(): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * What `ping` throws when the database answers but cannot take writes (a full or read-only disk, a read-only
 * PostgreSQL): 503 `busy`, and /healthz reports `database: 'unwritable'`; the engine's error rides along as `cause`.
 */
export const databaseUnwritable = (message: string, retryAfterSeconds: number, cause: unknown): DomainError =>
  new DomainError('busy', message, { database: 'unwritable' }, retryAfterSeconds, cause);

/** A URL that selects PostgreSQL (`postgres://` or `postgresql://`); anything else is a SQLite file path. */
export const isPostgresUrl = (location: string): boolean => /^postgres(ql)?:\/\//i.test(location);

/** A PostgreSQL URL with its password replaced, for logs and messages. */
export function maskedLocation(location: string): string {
  if (!isPostgresUrl(location)) return location;
  try {
    const url = new URL(location);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://…';
  }
}

/** Collects an async iterable into an array (Array.fromAsync is not in Node 20). */
export async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}
