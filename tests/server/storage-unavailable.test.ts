import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Express } from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { eventually } from './researcher-support.ts';
import { COMPLETE_ALLIANCE_ANSWERS, createTestApp, reachVignette, TEST_RATE_LIMITS } from './test-app.ts';

// A SQLite file that cannot take writes mid-wave: the disk fills up, or the file system turns read-only (ext4's
// errors=remount-ro after an I/O error). Found by the second attacker trial (2026-12-03): on a 4 MB tmpfs every
// request got `500 internal_error` and a stack trace in the log (7,146 lines in 20 s), /healthz said ok, and the
// same on a file system remounted read-only (SQLITE_IOERR_WRITE). What we promise instead: 503 `busy` with
// Retry-After (the page and the panel's retries come back), nothing half-stored, one warning line a while, a
// /healthz that says the database cannot be written, and service again as soon as the disk can take writes.
// SQLite's own limits stand in for the disk here: `max_page_count` at the file's size (SQLITE_FULL, "database or
// disk is full") and `query_only` (SQLITE_READONLY).
// SQLite's own failure modes: the app runs on SQLite whatever VLAB_TEST_ENGINE says (PostgreSQL refusing writes is
// tested in postgres-store.test.ts).
const sqliteApp = () => createTestApp({}, {}, 'sqlite');

const count = (db: { prepare(sql: string): { pluck(): { get(): unknown } } }, table: string) => Number(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get());

test('a full disk: a start that cannot be stored is 503 busy with Retry-After, nothing is half-stored, and service resumes once there is room', async () => {
  const t = await sqliteApp();
  try {
    const start = () => request(t.app).post(`/api/waves/${t.wave.id}/participants`).send({});
    assert.equal((await start()).status, 201);
    t.db.pragma(`max_page_count = ${Number(t.db.pragma('page_count', { simple: true }))}`);
    let admitted = 1;
    let refused: request.Response | undefined;
    for (let i = 0; i < 2000 && !refused; i++) {
      const res = await start();
      if (res.status === 201) admitted++;
      else refused = res;
    }
    assert.ok(refused, 'the file never filled up');
    assert.equal(refused.status, 503, `a full disk answered ${refused.status} ${JSON.stringify(refused.body)}`);
    assert.equal(refused.body.error.code, 'busy');
    assert.match(refused.body.error.message, /cannot store/);
    assert.equal(refused.headers['retry-after'], '5');
    assert.equal(count(t.db, 'participants'), admitted, 'the refused start left a participant behind');
    assert.equal(count(t.db, 'participants'), Number(t.db.prepare('SELECT sum(assigned) FROM assignment_counters').pluck().get()));

    t.db.pragma('max_page_count = 1073741823');
    assert.equal((await start()).status, 201);
    console.log(`disk full: ${admitted} starts stored, then 503 busy with Retry-After 5; after room was made, 201`);
  } finally {
    await t.close();
  }
});

test('a database that turns read-only mid-survey: saves, completions and starts are 503 busy, /healthz 503, and the same completion is stored once it can be', async () => {
  const t = await sqliteApp();
  try {
    const code = (await request(t.app).post(`/api/waves/${t.wave.id}/participants`).send({})).body.participant.code as string;
    assert.equal((await reachVignette(t.app, code)).status, 200);
    const before = Number(t.db.prepare('SELECT total_changes()').pluck().get());
    t.db.pragma('query_only = ON');

    const refused = [
      await request(t.app).put(`/api/participants/${code}/answers`).send({ answers: { do_nothing: 3 }, currentPage: 4 }),
      await request(t.app).post(`/api/participants/${code}/complete`).send({ answers: COMPLETE_ALLIANCE_ANSWERS }),
      await request(t.app).post(`/api/waves/${t.wave.id}/participants`).send({}),
    ];
    for (const res of refused) {
      assert.equal(res.status, 503, `${res.request.method} ${res.request.url}: ${res.status} ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error.code, 'busy');
      assert.equal(res.headers['retry-after'], '5');
    }
    const health = await request(t.app).get('/healthz');
    assert.equal(health.status, 503);
    assert.equal(health.body.database, 'unwritable');
    assert.equal(health.headers['retry-after'], '5');
    assert.equal(Number(t.db.prepare('SELECT total_changes()').pluck().get()), before, 'a refused request wrote something');

    t.db.pragma('query_only = OFF');
    assert.equal((await request(t.app).get('/healthz')).status, 200);
    const done = await request(t.app).post(`/api/participants/${code}/complete`).send({ answers: COMPLETE_ALLIANCE_ANSWERS });
    assert.equal(done.status, 200);
    assert.equal(done.body.status, 'complete');
    assert.equal(t.db.prepare('SELECT status FROM participants WHERE code = ?').pluck().get(code), 'complete');
  } finally {
    await t.close();
  }
});

test('the storage failure is logged as one warning line a while, with SQLite\'s code and no stack; a client mistake meanwhile still gets its own 4xx', async () => {
  const t = await sqliteApp();
  try {
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });
    const app = createApp({ store: t.store, config: loadConfig({}, { dbPath: t.location, logLevel: 'info', ...TEST_RATE_LIMITS }), logger, researcherPool: t.researcherPool });
    t.db.pragma('query_only = ON');
    for (let i = 0; i < 50; i++) assert.equal((await request(app).post(`/api/waves/${t.wave.id}/participants`).send({})).status, 503);
    assert.equal((await request(app).put('/api/participants/not-a-code/answers').send({ answers: {} })).status, 422);

    const problems = lines.filter((line) => Number(line.level) >= 40);
    assert.equal(problems.length, 1, `expected one warning for 50 refused writes, got ${problems.length}`);
    assert.equal(problems[0]!.level, 40);
    assert.match(String(problems[0]!.msg), /database cannot be written/);
    assert.equal(problems[0]!.code, 'SQLITE_READONLY');
    assert.ok(!JSON.stringify(problems[0]).includes('    at '), 'no stack trace in the warning');
    t.db.pragma('query_only = OFF');
  } finally {
    await t.close();
  }
});

/**
 * A test app listening, with another connection on its file (an operator's `sqlite3` shell) that holds the write
 * lock from the first `hold()`, and the app's busy_timeout at 1.5 s. `release()` ends the other's transaction.
 */
async function lockHeldElsewhere() {
  const t = await sqliteApp();
  const Database = (await import('better-sqlite3')).default;
  const operator = new Database(t.location);
  const server = t.app.listen(0);
  t.db.pragma('busy_timeout = 1500');
  return {
    t,
    server,
    operator,
    hold: () => operator.exec('BEGIN IMMEDIATE'),
    release: () => operator.exec('ROLLBACK'),
    async close() {
      if (operator.inTransaction) operator.exec('ROLLBACK');
      operator.close();
      server.close();
      await t.close();
    },
  };
}

/** `waiting` (a request behind the lock) and a 404 asked `afterMs` later: both answers, and when each came after the start. */
async function beside404<T>(server: ReturnType<Express['listen']>, waiting: () => Promise<T>, afterMs: number) {
  const startedAt = performance.now();
  let answeredAt = Infinity;
  const answer = waiting().then((res) => {
    answeredAt = performance.now() - startedAt;
    return res;
  });
  await new Promise((resolve) => setTimeout(resolve, afterMs));
  const notFound = await request(server).get('/api/nothing-here');
  const notFoundAt = performance.now() - startedAt;
  return { answer: await answer, answeredAt, notFound, notFoundAt };
}

// Attacker pass 28: an operator's `sqlite3 vlab.sqlite` left in `BEGIN IMMEDIATE` (or a long `vlab` verb) holds the
// write lock. SQLite waited for it inside BEGIN, on the event loop: every request of every kind, a 404 or /healthz,
// stood still for busy_timeout (5.5 s for a 404 on main), batch after batch. Now the wait runs on timers.
test('a write lock another process holds: other requests are answered meanwhile, the start is 503 busy past busy_timeout and 201 once the lock is free', async () => {
  const lock = await lockHeldElsewhere();
  const { t, server } = lock;
  try {
    lock.hold();
    const { answer: refused, answeredAt, notFound, notFoundAt } = await beside404(server, () => request(server).post(`/api/waves/${t.wave.id}/participants`).send({}), 100);
    assert.equal(notFound.status, 404);
    assert.ok(notFoundAt < answeredAt, `the 404 came ${Math.round(notFoundAt)} ms in, after the start's answer at ${Math.round(answeredAt)} ms: it waited on the lock`);
    assert.equal(refused.status, 503, JSON.stringify(refused.body));
    assert.equal(refused.body.error.code, 'busy');
    assert.equal(refused.headers['retry-after'], '5');
    assert.equal(count(t.db, 'participants'), 0);
    lock.release();
    assert.equal((await request(server).post(`/api/waves/${t.wave.id}/participants`).send({})).status, 201);
    console.log(`write lock held: a 404 answered in ${Math.round(notFoundAt)} ms, the start 503 busy after ${Math.round(answeredAt)} ms; once free, 201`);
  } finally {
    await lock.close();
  }
});

// Attacker pass 30: a researcher's request writes the token's last use (once a minute) on the server's connection,
// outside the group commit. Behind another process's write lock that UPDATE sat in SQLite's busy handler on the
// event loop (every request stood still for busy_timeout), then failed SQLITE_BUSY: the dashboard's download or
// status was a 500 with the stack in the log, though it only reads. The last use is bookkeeping: written through
// the group commit (on timers), and when the lock outlasts busy_timeout the request goes on without it. Since pass
// 31 the request does not wait for it at all (token-last-use.test.ts).
test('a researcher request behind another process\'s write lock is answered (200), without stalling other requests; the last use is written once the lock is free', async () => {
  const lock = await lockHeldElsewhere();
  const { t, server, operator } = lock;
  try {
    const { createTokenService } = await import('../../server/services/token-service.ts');
    const { token } = await createTokenService({ store: t.store }).create('lock test');
    const list = () => request(server).get('/api/researcher/waves').set('Authorization', `Bearer ${token}`);
    const lastUse = () => operator.prepare('SELECT last_used_at FROM researcher_tokens').pluck().get();
    lock.hold();
    const { answer: listed, answeredAt, notFound, notFoundAt } = await beside404(server, list, 300);
    assert.equal(notFound.status, 404);
    assert.ok(notFoundAt < answeredAt, `the 404 came ${Math.round(notFoundAt)} ms in, after the researcher's answer at ${Math.round(answeredAt)} ms: it waited on the lock`);
    assert.equal(listed.status, 200, JSON.stringify(listed.body));
    assert.equal(listed.body.waves[0].id, t.wave.id);
    assert.equal(lastUse(), null, 'not written while the lock was held');
    lock.release();
    assert.equal((await list()).status, 200);
    assert.ok(await eventually(() => Boolean(lastUse()), 5_000), 'written once the lock is free');
    console.log(`write lock held: a 404 answered in ${Math.round(notFoundAt)} ms, the researcher's list 200 after ${Math.round(answeredAt)} ms`);
  } finally {
    await lock.close();
  }
});
