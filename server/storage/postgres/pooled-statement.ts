import type pg from 'pg';
import { type Sql, sqlOver } from './sql.ts';

/**
 * SQLSTATEs of a session PostgreSQL ended for an operator's idle timeout: idle_session_timeout (57P05) and
 * idle_in_transaction_session_timeout (25P03). The server raises them only while the session waits for a command
 * (postgres.c turns both timers off after reading one, before running it), so a statement they answer never began.
 * Not 57P01 (pg_terminate_backend, a failover): that ends a backend at any moment, even between a statement's
 * commit and its answer, so a statement it answers may have run.
 */
const ENDED_WHILE_IDLE = new Set(['57P05', '25P03']);

/**
 * node-postgres's words for a statement it refused to send because the connection had died already: an ending
 * FATAL read with the connection's last start-up message, before the pool handed it out.
 */
const NEVER_SENT = /^Client (has encountered a connection error|was closed) and is not queryable$/;

/** Whether a statement sent straight through the pool certainly did not run, and so may be sent again. */
export function certainlyNotRun(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code } = error as { code?: unknown };
  return (typeof code === 'string' && ENDED_WHILE_IDLE.has(code)) || NEVER_SENT.test(error.message);
}

/**
 * `run` (one statement through the pool), run again when its connection was lost before the statement ran
 * (certainlyNotRun), at most `tries` times in all: the pool discards a connection released with an error, so each
 * try has another. As a transaction that ran nothing is run again (lostBeforeAnythingRan, postgres-store.ts); a
 * statement that may have run is never sent again: its 503 busy goes to the client, whose steps are idempotent.
 * Attacker pass 20: the shared rate counter's statements before each start were 503 on a connection an operator's
 * idle_session_timeout ended as it was handed out. Attacker pass 21: that timeout ends every connection that sat
 * idle as long together, so a single retry met a second dead one; the pool's size bounds the tries (each takes
 * another connection, and the pool holds no more dead ones than that).
 */
export async function againWhileNotRun<T>(run: () => Promise<T>, tries: number): Promise<T> {
  for (let tried = 1; ; tried++) {
    try {
      return await run();
    } catch (error) {
      if (tried >= tries || !certainlyNotRun(error)) throw error;
    }
  }
}

/** How many tries a statement through `pool` gets (againWhileNotRun): one more than the connections it may hold. */
export const triesOver = (pool: pg.Pool): number => (pool.options.max ?? 10) + 1;

/** `sqlOver(pool)` with each statement run again while it certainly did not run (againWhileNotRun). */
export function pooledSql(pool: pg.Pool): Sql {
  const sql = sqlOver(pool);
  const tries = triesOver(pool);
  return {
    rows: (text, values) => againWhileNotRun(() => sql.rows(text, values), tries),
    one: (text, values) => againWhileNotRun(() => sql.one(text, values), tries),
    run: (text, values) => againWhileNotRun(() => sql.run(text, values), tries),
  };
}
