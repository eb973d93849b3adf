// Attacker pass 19: an operator's `lock_timeout` on vlab's database or role (a common safety setting: `ALTER
// DATABASE … SET lock_timeout = '2s'`) ends a statement that waited that long for a row lock with 55P03
// (lock_not_available). A start waiting for the wave's row behind another session's transaction was a **500
// internal_error** with the error's stack in the log, where the statement timeout (57014) was already 503 busy.
// Now the same: 503 busy with Retry-After 5, nothing stored, one warning line in words; the next start is served.
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
import { createTestDatabase, postgresSkipReason } from './postgres-test-database.ts';
import { COMPLETE_ALLIANCE_ANSWERS, reachVignette, TEST_RATE_LIMITS } from './test-app.ts';

const skip = await postgresSkipReason();
if (skip) console.log(`postgres-lock-conflicts.test.ts: ${skip}`);

test('a lock wait ended by the database lock_timeout is 503 busy with Retry-After, never 500; nothing stored; one warning line', { skip }, async () => {
  const database = await createTestDatabase(["lock_timeout = '200ms'"]);
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  const store = await openStore(database.url);
  const holder = new pg.Client({ connectionString: database.url });
  try {
    const studies = createStudyService({ store });
    await studies.syncDefinitions(loadDefinitionFiles('survey-definitions'));
    const { wave } = await studies.createWave({ studyKey: 'alliance-corrective-measures', target: 100, seed: 'lock-timeout' });
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    const app = createApp({ store, config: loadConfig({}, { dbPath: database.url, logLevel: 'silent', ...TEST_RATE_LIMITS }), logger });
    const start = (id: string) => request(app).post(`/api/waves/${wave.id}/participants`).send({ panel: { PROLIFIC_PID: id } });

    // Another session (a researcher's long transaction, a migration by hand) holds the wave's row.
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT 1 FROM waves WHERE id = $1 FOR UPDATE', [wave.id]);
    // Together: each waits the session's lock_timeout, 200 ms raised to 5 s since pass 43.
    const refused = await Promise.all([start('lock-1'), start('lock-2')]);
    await holder.query('ROLLBACK');
    for (const res of refused) {
      assert.equal(res.status, 503, `${res.status} ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error.code, 'busy');
      assert.equal(res.headers['retry-after'], '5');
    }
    assert.equal(lines.filter((l) => l.level === 50).length, 0, 'no error line (a stack) in the log');
    const warnings = lines.filter((l) => l.level === 40);
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0]!.code, '55P03');
    assert.match(String(warnings[0]!.msg), /^PostgreSQL gave up waiting for a row lock \(lock_timeout, set for VLAB_DB.s database or role\)/);

    assert.equal((await start('lock-3')).status, 201);
    assert.equal(Number((await admin.query('SELECT count(*) AS n FROM participants')).rows[0].n), 1, 'a refused start left a participant behind');
  } finally {
    await holder.end().catch(() => undefined);
    await store.close();
    await admin.end();
    await database.drop();
  }
});

// The same pass: a serialization failure or deadlock (40001, 40P01) is run again up to three times; one that
// still fails is a conflict under load, not the client's mistake nor a bug: 503 busy with Retry-After (a 500
// before), and the work is not run a fifth time.
test('a transaction still meeting a serialization failure after its retries is 503 busy, never 500', { skip }, async () => {
  const database = await createTestDatabase();
  const store = await openStore(database.url);
  try {
    for (const code of ['40001', '40P01']) {
      let runs = 0;
      const outcome = await store
        .write(async () => {
          runs++;
          throw Object.assign(new Error('could not serialize access due to concurrent update'), { code });
        })
        .then(
          () => 'ok',
          (error: { code?: string; retryAfterSeconds?: number }) => `${error.code} ${error.retryAfterSeconds}`,
        );
      assert.equal(outcome, 'busy 5', code);
      assert.equal(runs, 4, 'the first run and three retries');
    }
  } finally {
    await store.close();
    await database.drop();
  }
});

// PostgreSQL pass 43: a DBA's low `lock_timeout` (a guard meant for migrations queueing behind a long query) also
// ended vlab's own ordinary queue on a wave's row: three processes starting respondents at once wait their turn for
// the draw, a few milliseconds each. At 10 ms 87 of 90 starts over three stores were 503 (at 50 ms, 66), every
// refusal logged as "another session held a row … look for a long transaction", where the holders were vlab's own
// transactions of a few ms. Each session now raises lock_timeout to 5 s where it is lower (0, off, kept), as for
// idle_in_transaction_session_timeout (pass 33); vlab's 15-s statement timeout still bounds every wait.
test('a database with lock_timeout = 10ms: 60 respondents over three processes start, pass the quota step and complete, no 503; the session lock_timeout is 5s', { skip }, async () => {
  const database = await createTestDatabase(["lock_timeout = '10ms'"]);
  const stores = [await openStore(database.url), await openStore(database.url), await openStore(database.url)];
  try {
    const studies = createStudyService({ store: stores[0]! });
    await studies.syncDefinitions(loadDefinitionFiles('survey-definitions'));
    const { wave } = await studies.createWave({ studyKey: 'alliance-corrective-measures', target: 1000, seed: 'lock-timeout-low' });
    const config = loadConfig({}, { dbPath: database.url, logLevel: 'silent', ...TEST_RATE_LIMITS });
    const apps = stores.map((store) => createApp({ store, config, logger: pino({ level: 'silent' }) }));
    const statuses: string[] = [];
    await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        const started = await request(apps[i % 3]!).post(`/api/waves/${wave.id}/participants`).send({ panel: { PROLIFIC_PID: `low-lock-${i}` } });
        statuses.push(`start ${started.status}`);
        if (started.status !== 201) return;
        const quota = await reachVignette(apps[(i + 1) % 3]!, started.body.participant.code);
        statuses.push(`quota ${quota.status}`);
        const done = await request(apps[(i + 2) % 3]!).post(`/api/participants/${started.body.participant.code}/complete`).send({ answers: COMPLETE_ALLIANCE_ANSWERS });
        statuses.push(`complete ${done.status}`);
      }),
    );
    const counts = Object.fromEntries([...new Set(statuses)].sort().map((s) => [s, statuses.filter((t) => t === s).length]));
    assert.deepEqual(counts, { 'complete 200': 60, 'quota 200': 60, 'start 201': 60 });
    const pool = (stores[1] as unknown as { pool: pg.Pool }).pool;
    assert.equal((await pool.query<{ v: string }>("SELECT current_setting('lock_timeout') AS v")).rows[0]!.v, '5s');
    const draws = (await pool.query<{ n: string; top: number }>('SELECT count(*) AS n, max(draw_index) AS top FROM participants')).rows[0]!;
    assert.deepEqual([Number(draws.n), Number(draws.top)], [60, 59], 'one participant per start, draws gap-free');
  } finally {
    for (const store of stores) await store.close();
    await database.drop();
  }
});
