// Attacker pass 32: vlab's tables live in the schema its connections create in (the first of `search_path`, usually
// `public`). A DBA who later sets the database's or role's search_path to a schema of its own (`ALTER DATABASE vlab
// SET search_path = other, public`: a per-application schema policy) made vlab find no `schema_migrations` there and
// migrate a second, empty project into `other`. Live before the fix: after `wave create` in public, `vlab wave list`
// said "no waves yet", and `other` held vlab's tables beside public's: a live wave's link would be a 404 for every
// respondent, and new waves and answers went into the other schema. vlab now refuses to start a new project beside
// an existing one in another schema of the database, and says where its tables are.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { ConfigError } from '../../server/config.ts';
import { openStore } from '../../server/storage/open-store.ts';
import { createTestDatabase, postgresSkipReason } from './postgres-test-database.ts';

const skip = await postgresSkipReason();
if (skip) console.log(`postgres-search-path.test.ts: ${skip}`);

async function sql(url: string, ...statements: string[]): Promise<unknown[][]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const results: unknown[][] = [];
    for (const statement of statements) results.push((await client.query(statement)).rows);
    return results;
  } finally {
    await client.end();
  }
}

test('a search_path that leads away from vlab\'s tables is refused at start, naming the schema they are in; nothing is made', { skip }, async () => {
  const database = await createTestDatabase();
  try {
    await (await openStore(database.url)).close();
    await sql(database.url, 'CREATE SCHEMA other', `ALTER DATABASE ${new URL(database.url).pathname.slice(1)} SET search_path = other, public`);
    await assert.rejects(
      openStore(database.url),
      (error: Error) =>
        error instanceof ConfigError &&
        /vlab's tables are in schema "public", but this connection's search_path \(other, public\) creates tables in "other"/.test(error.message),
    );
    const [tables] = await sql(database.url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'other'");
    assert.deepEqual(tables, [], 'vlab made tables in the other schema');
  } finally {
    await database.drop();
  }
});

test('another application\'s schema_migrations in another schema (Rails keeps one) does not stop a new vlab project', { skip }, async () => {
  const database = await createTestDatabase();
  try {
    await sql(database.url, 'CREATE SCHEMA rails', 'CREATE TABLE rails.schema_migrations (version varchar PRIMARY KEY)');
    const store = await openStore(database.url);
    await store.close();
    const [tables] = await sql(database.url, "SELECT table_schema FROM information_schema.tables WHERE table_name = 'waves'");
    assert.deepEqual(tables, [{ table_schema: 'public' }]);
  } finally {
    await database.drop();
  }
});

// Attacker pass 33: the check above runs once, as the store opens. A DBA who set the database's search_path while
// `vlab serve` ran (`ALTER DATABASE vlab SET search_path = app`, a schema of their own without `public`) reached
// every connection the pool opened afterwards (after its 30-s idle reap, or a backend ended): before the fix each
// such connection found no `schema_migrations` or `waves` (42P01) and every start, save and `/healthz` failed; with
// a search_path whose first schema held another project, the answers went into that project's tables. Each
// connection now keeps the schema its store opened in.
test('a search_path changed while the store is open does not reach its new connections: they keep vlab\'s schema', { skip }, async () => {
  const database = await createTestDatabase();
  const store = await openStore(database.url);
  try {
    const name = new URL(database.url).pathname.slice(1);
    await sql(
      database.url,
      'CREATE SCHEMA app',
      `ALTER DATABASE ${name} SET search_path = app`,
      // The pool's idle connections ended (an idle reap, a restart of PgBouncer): the next are opened afresh.
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`,
    );
    // Until the pool has read each ended connection's FATAL and dropped it: a statement sent on one before that may
    // have run as far as PostgreSQL knows, and is 503 by design (pooled-statement.ts); it failed 2 runs of 5 here.
    const { pool } = store as unknown as { pool: pg.Pool };
    for (let wait = 0; wait < 500 && pool.totalCount > 0; wait++) await new Promise((resolve) => setTimeout(resolve, 10));
    await store.ping();
    await store.write((tx) => tx.tokens.insert({ publicId: 'searchpath33', name: 'after the change', salt: Buffer.alloc(16), hash: Buffer.alloc(32), createdAt: new Date().toISOString() }));
    const [inPublic, inApp] = await sql(
      database.url,
      "SELECT count(*)::int AS n FROM public.researcher_tokens WHERE name = 'after the change'",
      "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'app'",
    );
    assert.deepEqual([inPublic, inApp], [[{ n: 1 }], [{ n: 0 }]]);
  } finally {
    await store.close();
    await database.drop();
  }
});

// Attacker pass 33: a database whose search_path names no schema that exists (`SET search_path = ''`, a schema
// dropped) was refused in PostgreSQL's words, `cannot open the database (no schema has been selected to create in)`.
test('a search_path that names no schema that exists is refused in words, with what to set', { skip }, async () => {
  const database = await createTestDatabase(["search_path = ''"]);
  try {
    await assert.rejects(
      openStore(database.url),
      (error: Error) => error instanceof ConfigError && /search_path \(""\) names no schema that exists, so vlab has nowhere to make its tables/.test(error.message),
    );
  } finally {
    await database.drop();
  }
});

// PostgreSQL pass 43: two deployments in one database (staging and production, or two labs on one hosted database),
// each choosing its schema in its own VLAB_DB (`?options=-c search_path=…`, which the connection itself sends): the
// second was refused as pass 32's DBA change ("vlab's tables are in schema "lab_a", … set it back"), with no way to
// say the new schema was meant. A search_path the connection asks for is the deployment's own choice; one set for the
// database or role still meets pass 32's refusal (the tests above).
test('a schema per deployment, chosen in VLAB_DB\'s options: a second project opens in its own schema beside the first; each keeps its own waves', { skip }, async () => {
  const database = await createTestDatabase();
  const inSchema = (schema: string) => `${database.url}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  try {
    await sql(database.url, 'CREATE SCHEMA lab_a', 'CREATE SCHEMA lab_b');
    const a = await openStore(inSchema('lab_a'));
    await a.write((tx) => tx.tokens.insert({ publicId: 'lab-a', name: 'lab a', salt: Buffer.alloc(16), hash: Buffer.alloc(32), createdAt: new Date().toISOString() }));
    await a.close();
    const b = await openStore(inSchema('lab_b'));
    await b.close();
    const [schemas, tokens] = await sql(
      database.url,
      "SELECT table_schema FROM information_schema.tables WHERE table_name = 'waves' ORDER BY 1",
      "SELECT 'a' AS lab, count(*)::int AS n FROM lab_a.researcher_tokens UNION ALL SELECT 'b', count(*)::int FROM lab_b.researcher_tokens",
    );
    assert.deepEqual(schemas, [{ table_schema: 'lab_a' }, { table_schema: 'lab_b' }]);
    assert.deepEqual(tokens, [{ lab: 'a', n: 1 }, { lab: 'b', n: 0 }]);
    // Each opens again into its own tables.
    const again = await openStore(inSchema('lab_a'));
    assert.deepEqual((await again.repos.tokens.list()).map((t) => t.name), ['lab a']);
    await again.close();
  } finally {
    await database.drop();
  }
});
