import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ConfigError } from '../../config.ts';
import { SHARED_SESSIONS_WORDS } from './refusal-words.ts';

/** A connection the probe uses, and gives back when done (ends it, or returns it to its pool). */
export interface ProbeConnection {
  query: pg.ClientBase['query'];
  done(): Promise<void>;
}

/**
 * Whether two connections share one PostgreSQL session: a mark set in the first one's session is read in the
 * second's. A transaction pooler hands the second client the server connection the first just released (the most
 * recent first, PgBouncer's default), so it reads the mark; PostgreSQL itself, or a pooler in session mode, gives each
 * client a session of its own, where the mark is unset. Run once as the store opens, before anything else there
 * names a prepared statement.
 */
export async function sessionsShared(connect: () => Promise<ProbeConnection>): Promise<boolean> {
  const first = await connect();
  try {
    const second = await connect();
    try {
      const mark = randomBytes(8).toString('hex');
      await first.query("SELECT set_config('vlab.session_mark', $1, false)", [mark]);
      const { rows } = await second.query<{ mark: string | null }>("SELECT current_setting('vlab.session_mark', true) AS mark");
      return rows[0]?.mark === mark;
    } finally {
      await second.done();
    }
  } finally {
    await first.done();
  }
}

/**
 * Connections for the probe: two of the pool's, which it keeps for the work that follows (no connection more than
 * the store's own), or, where the pool holds one (`vlab db copy`), a connection of its own beside it.
 */
export function probeConnections(pool: pg.Pool, url: string, connectTimeoutMs: number): () => Promise<ProbeConnection> {
  if ((pool.options.max ?? 10) >= 2) {
    return async () => {
      const client = await pool.connect();
      return { query: client.query.bind(client), done: async () => client.release() };
    };
  }
  return async () => {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs });
    // A connection ended under it (a failover) fails its next statement; an 'error' with no listener ends the process.
    client.on('error', () => undefined);
    const done = () => client.end().catch(() => undefined);
    await client.connect().catch(async (error: unknown) => {
      await done();
      throw error;
    });
    return { query: client.query.bind(client), done };
  };
}

/** Stops the store over `pool` opening at `where` (one line, exit 2 for a verb) when its connections share sessions. */
export async function refuseSharedSessions(pool: pg.Pool, where: string): Promise<void> {
  const { connectionString, connectionTimeoutMillis } = pool.options;
  if (await sessionsShared(probeConnections(pool, connectionString!, connectionTimeoutMillis ?? 0))) throw new ConfigError(`${where}: cannot open the database: ${SHARED_SESSIONS_WORDS}`);
}
