import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { ConfigError, POSTGRES_URL_UNPARSABLE, withoutPassword } from '../../config.ts';
import { DomainError } from '../../domain/errors.ts';
import { migrationFiles, newerSchemaProblem } from '../db.ts';
import { localWhileRefused } from '../rate-counter.ts';
import type { Repositories } from '../repositories.ts';
import { databaseUnwritable, maskedLocation, type Store } from '../store.ts';
import { againWhileNotRun, pooledSql, triesOver } from './pooled-statement.ts';
import { createPgRateCounter } from './rate-counter.ts';
import { POOL_EXHAUSTED } from './refusal-words.ts';
import { createPgRepositories } from './repositories.ts';
import { projectElsewhere } from './schema-elsewhere.ts';
import { serverSettingsWarnings } from './server-settings-warnings.ts';
import { refuseSharedSessions } from './shared-sessions.ts';
import { pinSchema, type SchemaPin, sessionClient } from './session-client.ts';
import { type Sql, sqlOver } from './sql.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
/**
 * The PostgreSQL migrations: ./migrations beside this module in the sources; in the CLI bundle this module shares
 * a folder with db.ts, whose SQLite migrations are ./migrations, so the build copies these to ./postgres-migrations
 * (scripts/build-cli.mjs).
 */
const MIGRATIONS_DIR = existsSync(join(HERE, 'postgres-migrations')) ? join(HERE, 'postgres-migrations') : join(HERE, 'migrations');

/** Seconds a client is asked to wait (Retry-After) while the database cannot be reached. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;
/**
 * The longest a request waits for a connection (a new one, or its turn in the pool's queue under load) before it
 * is answered 503. A server that refuses connections (stopped, restarting) fails at once.
 */
const CONNECT_TIMEOUT_MS = 10_000;
/** No statement runs longer (a lock held by a stuck process, say): the request fails instead of hanging. */
const STATEMENT_TIMEOUT_MS = 15_000;
/**
 * The longest this process waits for a statement's answer, on its own clock: past it the statement fails as the
 * database unreachable and its connection is discarded. PostgreSQL's statement_timeout cannot answer across a
 * network that drops packets without a reset (a partition, a host gone), where a request hung for the kernel's
 * ~15 minutes of retransmissions (attacker pass 21); so it is longer than STATEMENT_TIMEOUT_MS, which normally
 * answers first.
 */
const QUERY_TIMEOUT_MS = STATEMENT_TIMEOUT_MS + 5_000;
/**
 * The longest the migrations' transaction waits for another process's migrations and runs its own statements (its
 * own statement_timeout and lock_timeout, and this process's wait for each answer, a few seconds past it). The 15-s
 * statement timeout of the respondent path cancelled both: a process starting beside another migrating a big
 * database for longer exited with "canceling statement due to statement timeout", and a migration statement past
 * 15 s would have been cancelled at every start (PostgreSQL pass 43).
 */
const MIGRATION_TIMEOUT_MS = 10 * 60_000;
/** Serialization failures and deadlocks are retried this many times before the client is answered 503 busy. */
const RETRIES = 3;

/**
 * SQLSTATEs of a connection lost or refused, of a server shutting down or starting up, and of a session the server
 * ended for a timeout an operator set: idle_session_timeout (57P05) on a pooled connection handed out as it expired,
 * idle_in_transaction_session_timeout (25P03). Attacker pass 19: those two went to the client as a 500.
 */
const UNAVAILABLE_STATES = /^(08|57P0[1-3]|57P05|25P03)/;
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);
const RETRYABLE_STATES = new Set(['40001', '40P01']);

/** The database could not be reached: what a client is told is 503 `busy` with Retry-After, never a 500. */
function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code } = error as { code?: string };
  if (code && (UNAVAILABLE_STATES.test(code) || UNAVAILABLE_ERRNOS.has(code))) return true;
  // node-postgres reports a lost socket, a pool wait that timed out and an answer past QUERY_TIMEOUT_MS in these
  // words, without a code.
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connection timeout|^Query read timeout$/i.test(error.message);
}

export const databaseUnavailable = () =>
  new DomainError('busy', 'the database cannot be reached right now; try again shortly', {}, UNAVAILABLE_RETRY_AFTER_SECONDS);

/**
 * The pool's wait for a connection timed out while every connection it may open was checked out: PostgreSQL is
 * up and this process is busy (slow requests hold them all). node-postgres words this wait's timeout as it words
 * a server that does not answer, so the pool's own counts tell the two apart.
 */
const poolExhausted = (pool: pg.Pool, error: unknown) =>
  /timeout exceeded when trying to connect/i.test((error as Error | undefined)?.message ?? '') && pool.totalCount >= pool.options.max;

/** 503 `busy` for an exhausted pool; its cause (for the once-a-minute log line) says so, not "disk full?". */
const serverBusy = (error: unknown) =>
  new DomainError('busy', 'the server is busy: every database connection is in use; try again shortly', {}, UNAVAILABLE_RETRY_AFTER_SECONDS, {
    code: POOL_EXHAUSTED,
    message: (error as Error).message,
  });

/**
 * SQLSTATEs of a server that answers but cannot take this work now: a read-only transaction or server (25006: a
 * standby after a failover, `default_transaction_read_only` for maintenance), insufficient resources (53: disk
 * full, out of memory, too many connections), a statement cancelled (57014: the statement timeout under
 * overload, an operator's pg_cancel_backend) and a lock wait ended by an operator's `lock_timeout` (55P03: another
 * session held a row vlab needed; attacker pass 19, a 500 before), and a prepared statement that clashes with another
 * client's in one session (42P05, 26000: a transaction pooler, attacker pass 34, a stack trace before). None is the
 * client's mistake; each passes.
 */
const REFUSING_STATES = /^(25006|53...|55P03|57014|42P05|26000)$/;

function refusesWork(error: unknown): boolean {
  const { code } = (error ?? {}) as { code?: unknown };
  return typeof code === 'string' && REFUSING_STATES.test(code);
}

/** 503 `busy` for a server refusing the work (refusesWork); the PostgreSQL error rides along for the log only. */
const databaseRefusing = (error: unknown) =>
  new DomainError('busy', 'the server cannot store this right now; try again shortly', {}, UNAVAILABLE_RETRY_AFTER_SECONDS, error);

/**
 * SQLSTATEs of a server that answers but will not let this process in: its database dropped or renamed (3D000),
 * the role gone or not allowed to log in, or its password changed (28000, 28P01), or the role's privileges on the
 * tables revoked (42501: vlab's role owns what its migrations made, so only a change to the role meets it). Out of
 * reach as when it is down, but only the operator can mend it, so unlike a server away (which comes back by
 * itself) it is logged.
 */
const LOGIN_REFUSED_STATES = /^(3D000|28000|28P01|42501)$/;

/** 503 `busy` for a server that will not let this process in; the PostgreSQL error rides along for the log only. */
function loginRefused(error: unknown): DomainError | undefined {
  const { code } = (error ?? {}) as { code?: unknown };
  if (typeof code !== 'string' || !LOGIN_REFUSED_STATES.test(code)) return undefined;
  return new DomainError('busy', 'the database cannot be reached right now; try again shortly', {}, UNAVAILABLE_RETRY_AFTER_SECONDS, error);
}

/** A pool or statement error as the client should see it: 503 busy when the database is away or refusing work. */
function asBusy(error: unknown): unknown {
  if (isUnavailable(error)) return databaseUnavailable();
  return loginRefused(error) ?? (refusesWork(error) ? databaseRefusing(error) : error);
}

export interface PostgresStoreOptions {
  /** Apply pending migrations (the server and `vlab db migrate`); readers only check the schema. */
  migrate?: boolean;
  maxConnections?: number;
  /** How long a transaction waits for a pooled connection before its 503 (tests shorten it). */
  connectTimeoutMs?: number;
  /** How long a statement's answer is waited for (QUERY_TIMEOUT_MS; tests shorten it). */
  queryTimeoutMs?: number;
  /** PostgreSQL's statement_timeout for this pool's statements (STATEMENT_TIMEOUT_MS; tests shorten it). */
  statementTimeoutMs?: number;
}

/**
 * The store over a node-postgres pool, for several `vlab serve` processes on one database. Each write is one
 * transaction on one pooled connection (READ COMMITTED); the respondent path locks the participant's row FOR
 * UPDATE first and the wave's row only for what must be serialized per wave across processes (the draw, quota
 * counts and slots, the close at target and the speeder durations), as late as it can: saves of one wave's
 * participants run side by side. PostgreSQL's own group commit merges the fsyncs of concurrent commits. While the server
 * cannot be reached, every call fails at once or within CONNECT_TIMEOUT_MS with a 503 `busy` DomainError, and
 * the pool opens new connections by itself once it is back.
 */
export async function openPostgresStore(
  url: string,
  { migrate = true, maxConnections = 10, connectTimeoutMs = CONNECT_TIMEOUT_MS, queryTimeoutMs = QUERY_TIMEOUT_MS, statementTimeoutMs = STATEMENT_TIMEOUT_MS }: PostgresStoreOptions = {},
): Promise<Store & { pool: pg.Pool }> {
  // `vlab db copy --to` comes here without the config's check: a password with a # was "(Invalid URL)".
  if (!URL.canParse(url)) throw new ConfigError(`${withoutPassword(url)}: cannot open the database (${POSTGRES_URL_UNPARSABLE})`);
  const pin: SchemaPin = { schema: null };
  const pool = openPool(url, maxConnections, { connectTimeoutMs, queryTimeoutMs, statementTimeoutMs }, pin);
  const where = maskedLocation(url);
  try {
    pin.schema = await prepareSchema(pool, where, migrate);
  } catch (error) {
    await pool.end();
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`${where}: cannot open the database (${(error as Error).message})`);
  }

  const repos = createPgRepositories(pooledSql(pool), pool);
  const rollbackListeners: (() => void)[] = [];

  async function transaction<T>(begin: string, fn: (tx: Repositories) => Promise<T>, writes: boolean): Promise<T> {
    // Fresh connections a transaction that ran nothing may still be run on (lostBeforeAnythingRan).
    let freshConnectionsLeft = triesOver(pool) - 1;
    for (let attempt = 0; ; attempt++) {
      const client = await checkOut(pool);
      let broken = false;
      // A checked-out client is no longer the pool's to watch: if its connection dies between two statements (the
      // server stopped), node-postgres emits 'error' on it, and an 'error' with no listener ends the process. The
      // next statement then fails as unavailable, and the client is discarded.
      const lost = () => (broken = true);
      client.on('error', lost);
      const progress = { statements: 0, committing: false };
      try {
        await client.query(begin);
        const result = await fn(createPgRepositories(countedSql(sqlOver(client), progress), pool));
        progress.committing = true;
        await client.query('COMMIT');
        return result;
      } catch (error) {
        broken ||= isUnavailable(error);
        if (!broken) await client.query('ROLLBACK').catch(() => (broken = true));
        // Durations cached beside the database may hold this transaction's undone writes.
        if (writes && !(error instanceof DomainError)) for (const listener of rollbackListeners) listener();
        const code = (error as { code?: string }).code;
        if (code && RETRYABLE_STATES.has(code) && attempt < RETRIES) continue;
        if (broken && freshConnectionsLeft > 0 && lostBeforeAnythingRan(progress)) {
          freshConnectionsLeft--;
          continue;
        }
        // A conflict that outlasted its retries is load, not a mistake nor a bug: 503 busy (attacker pass 19: a 500).
        throw broken ? databaseUnavailable() : code && RETRYABLE_STATES.has(code) ? databaseRefusing(error) : asBusy(error);
      } finally {
        client.off('error', lost);
        client.release(broken);
      }
    }
  }

  return {
    engine: 'postgres',
    location: url,
    pool,
    repos: wrapUnavailable(repos),
    write: (fn) => transaction('BEGIN', fn, true),
    read: (fn) => transaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', fn, false),
    onRollback: (listener) => rollbackListeners.push(listener),
    rateCounter: unavailableAsBusy(localWhileRefused(createPgRateCounter(pooledSql(pool)), refusesWork)),
    async ping() {
      try {
        // A write that changes nothing: a read-only server refuses it (25006) as it refuses every start and save.
        await againWhileNotRun(() => pool.query('UPDATE schema_migrations SET name = name WHERE false'), triesOver(pool));
      } catch (error) {
        if (refusesWork(error)) throw databaseUnwritable('the database refuses writes', UNAVAILABLE_RETRY_AFTER_SECONDS, error);
        throw asBusy(error);
      }
    },
    settingsWarnings: () => serverSettingsWarnings(settingOf(pool), databaseClock(pool)),
    close: () => pool.end(),
  };
}

/** A server setting's value, as `SHOW name` gives it. */
const settingOf = (pool: pg.Pool) => async (name: string) => (await pool.query<{ value: string }>('SELECT current_setting($1) AS value', [name])).rows[0]!.value;

/** The database server's clock in ms (clock_timestamp(): the time of the reading, not of the transaction's start). */
const databaseClock = (pool: pg.Pool) => async () =>
  (await pool.query<{ ms: number }>('SELECT (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS ms')).rows[0]!.ms;

/** A pooled connection for one transaction, or the 503 `busy` that says why there is none. */
async function checkOut(pool: pg.Pool): Promise<pg.PoolClient> {
  try {
    return await pool.connect();
  } catch (error) {
    throw poolExhausted(pool, error) ? serverBusy(error) : asBusy(error);
  }
}

/**
 * Whether a transaction whose connection was lost ran nothing that could have been written: the loss came at its
 * BEGIN or at its first statement (no statement had answered, so the caller had acted on nothing), never at or
 * after COMMIT. Such a transaction is run again on a fresh connection (a backend ended by pg_terminate_backend
 * or a failover while idle in the pool), while the pool can give another (attacker pass 21: idle connections
 * ended together by idle_session_timeout), instead of answering 503. Once a statement has answered, or once COMMIT was
 * sent, it is not: a lost COMMIT may have committed, and only the client, whose steps are idempotent, may send it
 * again (attacker pass 18).
 */
function lostBeforeAnythingRan(progress: { statements: number; committing: boolean }): boolean {
  return !progress.committing && progress.statements <= 1;
}

/** `sql`, counting the statements sent through it into `progress.statements`. */
function countedSql(sql: Sql, progress: { statements: number }): Sql {
  return {
    rows: (text, values) => (progress.statements++, sql.rows(text, values)),
    one: (text, values) => (progress.statements++, sql.one(text, values)),
    run: (text, values) => (progress.statements++, sql.run(text, values)),
  };
}

function openPool(url: string, max: number, timeouts: { connectTimeoutMs: number; queryTimeoutMs: number; statementTimeoutMs: number }, pin: SchemaPin): pg.Pool {
  const { connectTimeoutMs, queryTimeoutMs, statementTimeoutMs } = timeouts;
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: connectTimeoutMs,
    statement_timeout: statementTimeoutMs,
    query_timeout: queryTimeoutMs,
    // An idle pooled connection to a host gone without a reset is found dead by TCP keepalive, not by a request.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    idleTimeoutMillis: 30_000,
    Client: sessionClient(pin),
  });
  // An idle connection that the server drops (a restart) emits here; the pool discards it and opens a new one later.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * Applies pending migrations in one transaction under an advisory lock (several processes starting together
 * migrate once), or with `migrate` false only checks that the schema is one this build knows. Returns the schema
 * vlab's tables are in, which every connection of the pool then keeps (session-client.ts). First refuses a pooler
 * whose connections share sessions, which would keep none of that (shared-sessions.ts).
 */
async function prepareSchema(pool: pg.Pool, where: string, migrate: boolean): Promise<string> {
  await refuseSharedSessions(pool, where);
  const client = await pool.connect();
  // As in a transaction: a connection lost here fails the next statement instead of ending the process.
  const lost = () => undefined;
  client.on('error', lost);
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL statement_timeout = ${MIGRATION_TIMEOUT_MS}; SET LOCAL lock_timeout = ${MIGRATION_TIMEOUT_MS}`);
    // node-postgres reads a query's own query_timeout (client.js), which its types leave out.
    const long = (text: string) => {
      const config: pg.QueryConfig & { query_timeout: number } = { text, query_timeout: MIGRATION_TIMEOUT_MS + 5_000 };
      return client.query(config);
    };
    await long("SELECT pg_advisory_xact_lock(hashtext('vlab schema_migrations'))");
    const elsewhere = await projectElsewhere(client);
    if (elsewhere) throw new ConfigError(`${where}: ${elsewhere}`);
    // Made only where missing: a read-only transaction refuses even CREATE TABLE IF NOT EXISTS, so a migrated
    // database turned read-only (a standby after a failover, default_transaction_read_only) could not be opened by
    // readers or by a server that would answer 503 busy until it takes writes again (attacker pass 33).
    const { rows } = await client.query<{ present: boolean }>(
      "SELECT to_regclass(format('%I.schema_migrations', current_schema())) IS NOT NULL AS present",
    );
    if (!rows[0]!.present) {
      await client.query('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    }
    const applied = (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version);
    const files = migrationFiles(MIGRATIONS_DIR);
    const problem = newerSchemaProblem(applied, files.map((f) => f.file), where);
    if (problem) throw new ConfigError(problem);
    const pending = files.filter((f) => !applied.includes(f.version));
    if (pending.length > 0 && !migrate) throw new ConfigError(`${where}: the database needs migrating first (vlab db migrate, or start vlab serve)`);
    for (const m of pending) {
      await long(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.file, new Date().toISOString()]);
    }
    await client.query('COMMIT');
    const schema = (await client.query<{ schema: string }>('SELECT current_schema() AS schema')).rows[0]!.schema;
    // This connection goes back to the pool: it keeps the schema too, as the connections opened after it will.
    await client.query(pinSchema(client, schema));
    return schema;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.off('error', lost);
    client.release();
  }
}

/** The pool's repositories, with a lost database turned into the 503 error as in transactions. */
function wrapUnavailable(repos: Repositories): Repositories {
  return Object.fromEntries(Object.entries(repos).map(([name, repo]) => [name, unavailableAsBusy(repo as object)])) as unknown as Repositories;
}

/** `target` with each method's lost-database error turned into the 503 `busy` error. */
function unavailableAsBusy<R extends object>(target: R): R {
  return new Proxy(target, {
    get(object, key, receiver) {
      const value = Reflect.get(object, key, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(object, args);
        } catch (error) {
          throw asBusy(error);
        }
      };
    },
  });
}
