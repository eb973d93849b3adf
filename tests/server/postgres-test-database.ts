import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * PostgreSQL for tests: the server named by VLAB_TEST_POSTGRES (a URL to any database of it, with rights to create
 * databases), else the local one on 127.0.0.1:5432 as user postgres. Each test file makes databases of its own
 * and drops them when done, so runs never share state.
 */
export const TEST_POSTGRES_URL = process.env.VLAB_TEST_POSTGRES || 'postgres://postgres@127.0.0.1:5432/postgres';

// Why the test server did not answer (undefined: it did), asked once per process. 10 s: on a machine loaded by
// other work (a load of 10 beside CI) 2 s was missed once and read as no server. The reason says what the
// connection met (refused, timed out, too many clients).
let unreachable: Promise<string | undefined> | undefined;
const whyUnreachable = (): Promise<string | undefined> =>
  (unreachable ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 10_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return undefined;
    } catch (e) {
      return (e as Error).message || String(e);
    } finally {
      await client.end().catch(() => undefined);
    }
  })());

/** Whether the test server answers. */
export async function postgresReachable(): Promise<boolean> {
  return (await whyUnreachable()) === undefined;
}

/** Why PostgreSQL tests are skipped here, or undefined when they run; for `test(name, { skip }, fn)`. */
export async function postgresSkipReason(): Promise<string | undefined> {
  const why = await whyUnreachable();
  if (why === undefined) return undefined;
  const reason = `PostgreSQL tests skipped: no connection to ${new URL(TEST_POSTGRES_URL).host} (${why}; set VLAB_TEST_POSTGRES, or start a server on 127.0.0.1:5432)`;
  if (process.env.VLAB_TEST_POSTGRES) throw new Error(`VLAB_TEST_POSTGRES is set, but ${reason.split(': ').slice(1).join(': ')}`);
  return reason;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A new empty database on the test server (a copy of `template`, a database of the same server no one is connected
 * to, when given): its URL, and drop() to remove it (closing what still uses it).
 * `settings` are set on it as an operator would (`ALTER DATABASE … SET lock_timeout = '200ms'`): every connection
 * opened to it afterwards starts with them.
 */
export async function createTestDatabase(settings: readonly string[] = [], template?: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `vlab_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin(async (c) => {
    await c.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
    for (const setting of settings) await c.query(`ALTER DATABASE ${name} SET ${setting}`);
  });
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
