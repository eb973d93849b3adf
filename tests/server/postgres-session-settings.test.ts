// Attacker pass 19: vlab's PostgreSQL transactions are written for READ COMMITTED (the draw, quota counts and the
// close at target lock rows FOR UPDATE and read them as last committed). An operator who sets the database's or
// role's `default_transaction_isolation` to serializable (a policy some platforms apply) made vlab's transactions
// and single statements fail with serialization errors (40001) past their three retries: in a live run 46 of 60
// concurrent starts were **500** with the stack logged, and quota steps and completions too. Each connection now
// sets its own session's isolation (READ COMMITTED), so the database's default does not reach vlab.
//
// The same pass: `synchronous_commit = off` on the database or role (a tuning tip for write speed) lets PostgreSQL
// acknowledge a commit before its WAL is flushed, so a PostgreSQL crash loses the last acknowledged answers — what
// SQLite's `synchronous = FULL` rules out. vlab's connections set it on where it was off; stronger values are kept.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { pino } from 'pino';
import request from 'supertest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createStudyService } from '../../server/services/study-service.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { openStore } from '../../server/storage/open-store.ts';
import { SHARED_SESSIONS_WORDS } from '../../server/storage/postgres/refusal-words.ts';
import { probeConnections, sessionsShared } from '../../server/storage/postgres/shared-sessions.ts';
import { createTestDatabase, postgresSkipReason } from './postgres-test-database.ts';
import { COMPLETE_ALLIANCE_ANSWERS, PRETREATMENT_ALLIANCE_ANSWERS, TEST_RATE_LIMITS } from './test-app.ts';

const skip = await postgresSkipReason();
if (skip) console.log(`postgres-session-settings.test.ts: ${skip}`);

test('a database whose default isolation is serializable: 20 respondents at once start, pass the quota step and complete, no 5xx, draws gap-free', { skip }, async () => {
  const database = await createTestDatabase(["default_transaction_isolation = 'serializable'"]);
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  const store = await openStore(database.url);
  try {
    const studies = createStudyService({ store });
    await studies.syncDefinitions(loadDefinitionFiles('survey-definitions'));
    const { wave } = await studies.createWave({ studyKey: 'alliance-corrective-measures', target: 1000, seed: 'serializable' });
    const errors: unknown[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => void errors.push(line) });
    const app = createApp({ store, config: loadConfig({}, { dbPath: database.url, logLevel: 'silent', ...TEST_RATE_LIMITS }), logger });
    const respondent = async (i: number) => {
      const start = await request(app).post(`/api/waves/${wave.id}/participants`).send({ panel: { PROLIFIC_PID: `serial-${i}` } });
      if (start.status !== 201) return [start.status];
      const code = start.body.participant.code as string;
      const quota = await request(app).post(`/api/participants/${code}/quota-check`).send({ answers: PRETREATMENT_ALLIANCE_ANSWERS });
      const complete = await request(app).post(`/api/participants/${code}/complete`).send({ answers: COMPLETE_ALLIANCE_ANSWERS });
      return [start.status, quota.status, complete.status];
    };
    const statuses = await Promise.all(Array.from({ length: 20 }, (_, i) => respondent(i)));
    const tally = new Map<string, number>();
    for (const s of statuses) tally.set(s.join(' '), (tally.get(s.join(' ')) ?? 0) + 1);
    console.log(`serializable by default: ${JSON.stringify(Object.fromEntries(tally))}; error lines ${errors.length}`);
    assert.deepEqual(Object.fromEntries(tally), { '201 200 200': 20 });
    assert.equal(errors.length, 0);
    const draws = (await admin.query('SELECT draw_index FROM participants ORDER BY draw_index')).rows.map((r) => Number(r.draw_index));
    assert.deepEqual(draws, Array.from({ length: 20 }, (_, i) => i));
  } finally {
    await store.close();
    await admin.end();
    await database.drop();
  }
});

test('synchronous_commit off on the database is on in vlab\'s sessions; remote_apply is kept', { skip }, async () => {
  for (const [set, seen] of [['off', 'on'], ['remote_apply', 'remote_apply']] as const) {
    const database = await createTestDatabase([`synchronous_commit = ${set}`]);
    const store = (await openStore(database.url)) as Awaited<ReturnType<typeof openStore>> & { pool: pg.Pool };
    try {
      const shown = await Promise.all([0, 1, 2].map(async () => (await store.pool.query('SHOW synchronous_commit')).rows[0].synchronous_commit as string));
      assert.deepEqual(shown, [seen, seen, seen], `database set to ${set}`);
    } finally {
      await store.close();
      await database.drop();
    }
  }
});

test("PostgreSQL finds a vanished vlab within ~25 s, not the OS's 2 h: each session's TCP keepalive is 10 s idle, 5 s apart, 3 probes; an operator's shorter values are kept", { skip }, async () => {
  // Attacker pass 21: across a network that drops packets, vlab gives up on a statement after its query timeout and
  // discards the connection, but the backend on the other side kept its transaction — and the row locks of the
  // participant or wave it held — until the server's TCP keepalive noticed: Linux's default 7,200 s idle + 9 × 75 s.
  const read = async (pool: pg.Pool) =>
    (await pool.query("SELECT name, setting FROM pg_settings WHERE name LIKE 'tcp_keepalives_%' ORDER BY name")).rows.map((r) => `${r.name}=${r.setting}`);
  for (const [settings, seen] of [
    [[], ['tcp_keepalives_count=3', 'tcp_keepalives_idle=10', 'tcp_keepalives_interval=5']],
    [['tcp_keepalives_idle = 4', 'tcp_keepalives_count = 2'], ['tcp_keepalives_count=2', 'tcp_keepalives_idle=4', 'tcp_keepalives_interval=5']],
  ] as const) {
    const database = await createTestDatabase(settings);
    const store = (await openStore(database.url)) as Awaited<ReturnType<typeof openStore>> & { pool: pg.Pool };
    try {
      assert.deepEqual(await read(store.pool), seen, `database settings: ${settings.join(', ') || 'none'}`);
    } finally {
      await store.close();
      await database.drop();
    }
  }
});

// Attacker pass 32: `extra_float_digits` set low on the database or role (0, PostgreSQL 11's default that old tooling
// still sets; negative values to shorten output) rounds every DOUBLE PRECISION as PostgreSQL writes it out, and
// node-postgres parses that text: the assignment and inclusion probabilities (the inverse-probability weights),
// conjoint profile probabilities and durations lost digits. Live before the fix, -15 on the database: the CSV export's
// assignment_probability 0.02 instead of 0.020833333333333332 (1/48), with no word.
test('a database with extra_float_digits = -15 or 0: probabilities read back exactly', { skip }, async () => {
  for (const digits of [-15, 0]) {
    const database = await createTestDatabase([`extra_float_digits = ${digits}`]);
    const store = await openStore(database.url);
    try {
      const pool = (store as unknown as { pool: pg.Pool }).pool;
      const { rows } = await pool.query<{ p: number; q: number }>('SELECT (1.0 / 48)::float8 AS p, (1.0 / 3)::float8 AS q');
      assert.equal(rows[0]!.p, 1 / 48, `extra_float_digits ${digits}`);
      assert.equal(rows[0]!.q, 1 / 3, `extra_float_digits ${digits}`);
    } finally {
      await store.close();
      await database.drop();
    }
  }
});

// Attacker pass 33: `idle_in_transaction_session_timeout` set very low on the database (a DBA's guard against leaked
// transactions, written in milliseconds where seconds were meant). vlab's transactions wait between their statements
// only for its own work, but on a busy machine that is tens of milliseconds: live at 50 ms, 2–4 of 150 starts and
// 1–2 saves were 503 with no log line saying why; at 10 ms `vlab serve` did not start, saying `the database cannot
// be reached right now`. vlab's sessions now raise it to 5 s where it is lower (off, 0, is kept), as its own
// statement_timeout overrides the database's.
test('a database with idle_in_transaction_session_timeout = 10ms: the store opens, and a transaction that pauses 300 ms between statements commits', { skip }, async () => {
  const database = await createTestDatabase(["idle_in_transaction_session_timeout = '10ms'"]);
  try {
    const store = await openStore(database.url);
    try {
      const token = { publicId: 'idle33', name: 'paused', salt: Buffer.alloc(16), hash: Buffer.alloc(32), createdAt: new Date(0).toISOString() };
      await store.write(async (tx) => {
        await tx.tokens.list();
        await new Promise((resolve) => setTimeout(resolve, 300));
        await tx.tokens.insert(token);
      });
      assert.deepEqual((await store.read((tx) => tx.tokens.list())).map((t) => t.name), ['paused']);
      const pool = (store as unknown as { pool: pg.Pool }).pool;
      assert.equal((await pool.query<{ v: string }>("SELECT current_setting('idle_in_transaction_session_timeout') AS v")).rows[0]!.v, '5s');
    } finally {
      await store.close();
    }
  } finally {
    await database.drop();
  }
});

// Attacker pass 34: the settings above were read from pg_settings, a view PostgreSQL materializes in work_mem (about
// 100 KB). On a database with work_mem at its least (64kB) and temp_file_limit = 0 the statement failed ("temporary
// file size exceeds temp_file_limit"), and the connection was handed out without any of them — the schema pin
// included — with no word. They are now read with current_setting(), which materializes nothing.
test('a database with work_mem = 64kB and temp_file_limit = 0: every session setting still holds', { skip }, async () => {
  const database = await createTestDatabase(["work_mem = '64kB'", 'temp_file_limit = 0', 'extra_float_digits = 0', "idle_in_transaction_session_timeout = '10ms'"]);
  try {
    const store = await openStore(database.url);
    try {
      const pool = (store as unknown as { pool: pg.Pool }).pool;
      const { rows } = await pool.query<Record<string, string>>(
        "SELECT current_setting('extra_float_digits') AS floats, current_setting('idle_in_transaction_session_timeout') AS idle, current_setting('search_path') AS path, current_setting('work_mem') AS mem",
      );
      assert.deepEqual(rows[0], { floats: '1', idle: '5s', path: '"public"', mem: '4MB' }, "work_mem raised to PostgreSQL's default (attacker pass 35)");
    } finally {
      await store.close();
    }
  } finally {
    await database.drop();
  }
});

// Attacker pass 34: through a pooler in transaction mode (PgBouncer 1.18, pool_mode = transaction, live) every
// setting above is lost to whichever client the server connection goes to next, and vlab's named prepared statements
// meet those of another client: `vlab wave create` passed, then `vlab wave list` ended in a stack trace, `prepared
// statement "vlab_…" already exists`. The store now asks, as it opens, whether two of its connections share a
// session, and refuses such a pooler in words (exit 2 for a verb); here the pooler is played by two handles on one
// connection, as PgBouncer hands the second client the server connection the first released.
test('connections that share a PostgreSQL session (a transaction pooler) are found; PostgreSQL itself gives each its own', { skip }, async () => {
  const database = await createTestDatabase();
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  const one = new pg.Client({ connectionString: database.url });
  try {
    assert.equal(await sessionsShared(probeConnections(pool, database.url, 10_000)), false, "the pool's own connections");
    const single = new pg.Pool({ connectionString: database.url, max: 1 });
    assert.equal(await sessionsShared(probeConnections(single, database.url, 10_000)), false, 'connections of its own beside a pool of one');
    assert.equal(single.totalCount, 0);
    await single.end();
    await one.connect();
    let given = 0;
    assert.equal(await sessionsShared(async () => (given++, { query: one.query.bind(one), done: async () => undefined })), true);
    assert.equal(given, 2);
    assert.match(SHARED_SESSIONS_WORDS, /pool_mode = transaction.*pool_mode = session/);
  } finally {
    await one.end();
    await pool.end();
    await database.drop();
  }
});
