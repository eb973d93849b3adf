import assert from 'node:assert/strict';
import { openSync, writeSync, closeSync } from 'node:fs';
import { mock, test } from 'node:test';
import { pino } from 'pino';
import request from 'supertest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openDatabase } from '../../server/storage/db.ts';
import { createSqliteStore } from '../../server/storage/sqlite-store.ts';
import { createTestApp, TEST_RATE_LIMITS } from './test-app.ts';

// A server whose every request meets the same failure — here a damaged database file, found when a server was
// started on a file whose table pages had been overwritten (a bad disk, a copy taken mid-write) — logged that
// failure with its whole stack once per request: hundreds of lines a second while respondents retried, on the disk
// the database lives on. What we promise: a write that meets the damage is refused 503 busy (sqlite-damage.ts: the
// server stores nothing more until a restart) with one line a minute that says what it is and what to do; any other
// unexpected failure is logged whole the first time, its repeats counted and summed up in one line a minute.

test('a damaged database file: each start is 503 busy, the failure is logged once with what to do, not 50 times with a stack', async () => {
  const t = await createTestApp({}, {}, 'sqlite');
  const lines: Record<string, unknown>[] = [];
  let damaged: ReturnType<typeof openDatabase> | undefined;
  try {
    for (let i = 0; i < 300; i++) assert.equal((await request(t.app).post(`/api/waves/${t.wave.id}/participants`).send({ panel: { PROLIFIC_PID: `p-${i}` } })).status, 201);
    t.db.pragma('wal_checkpoint(TRUNCATE)');
    // Garbage over the participants table's pages (not the first page: the file still opens, as a damaged one does).
    const root = Number(t.db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'participants'").pluck().get());
    const pageSize = Number(t.db.pragma('page_size', { simple: true }));
    const fd = openSync(t.location, 'r+');
    writeSync(fd, Buffer.alloc(pageSize * 4, 0xa5), 0, pageSize * 4, (root - 1) * pageSize);
    closeSync(fd);

    damaged = openDatabase(t.location);
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });
    const app = createApp({ store: createSqliteStore(damaged), config: loadConfig({}, { dbPath: t.location, logLevel: 'info', ...TEST_RATE_LIMITS }), logger, researcherPool: t.researcherPool });
    for (let i = 0; i < 50; i++) {
      const res = await request(app).post(`/api/waves/${t.wave.id}/participants`).send({ panel: { PROLIFIC_PID: `p-${i}` } });
      assert.equal(res.status, 503);
      assert.equal(res.body.error.code, 'busy');
    }
    const problems = lines.filter((line) => Number(line.level) >= 40);
    assert.equal(problems.length, 1, `expected one line for 50 failing requests, got ${problems.length}`);
    assert.match(String(problems[0]!.msg), /database file is damaged/);
    assert.match(String(problems[0]!.msg), /restore the latest backup/);
    assert.equal(problems[0]!.code, 'SQLITE_CORRUPT');
    assert.ok(!JSON.stringify(problems[0]).includes('    at '), 'no stack trace');
  } finally {
    damaged?.close();
    await t.close();
  }
});

test('the same internal failure again within a minute is counted, then summed up in one line; a different one is logged at once', async () => {
  const t = await createTestApp({}, {}, 'sqlite');
  mock.timers.enable({ apis: ['Date'], now: Date.now() });
  try {
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });
    const app = createApp({ store: t.store, config: loadConfig({}, { dbPath: t.location, logLevel: 'info', ...TEST_RATE_LIMITS }), logger, researcherPool: t.researcherPool });
    const original = t.repos.waves.lock;
    let failure = new Error('first kind of bug');
    t.repos.waves.lock = async () => {
      throw failure;
    };
    try {
      for (let i = 0; i < 20; i++) assert.equal((await request(app).post(`/api/waves/${t.wave.id}/participants`).send({})).status, 500);
      failure = new TypeError('second kind of bug');
      for (let i = 0; i < 20; i++) assert.equal((await request(app).post(`/api/waves/${t.wave.id}/participants`).send({})).status, 500);
      mock.timers.tick(60_000);
      failure = new Error('first kind of bug');
      assert.equal((await request(app).post(`/api/waves/${t.wave.id}/participants`).send({})).status, 500);
      // The wall clock stepped back an hour (NTP, a resumed VM): the failure still gets its line at once, then the
      // minute's throttle again (attacker pass 15: before, nothing was logged for the hour the clock repeated).
      mock.timers.setTime(Date.now() - 3_600_000);
      for (let i = 0; i < 3; i++) assert.equal((await request(app).post(`/api/waves/${t.wave.id}/participants`).send({})).status, 500);
    } finally {
      t.repos.waves.lock = original;
    }
    const problems = lines.filter((line) => Number(line.level) >= 50);
    assert.equal(problems.length, 4, JSON.stringify(problems.map((p) => p.msg)));
    assert.equal(problems[3]!.repeated, 1, 'after the step back: one line at once, the next two counted');
    assert.match(JSON.stringify(problems[0]!.err), /first kind of bug/);
    assert.match(JSON.stringify(problems[0]!.err), / {4}at /, 'the first occurrence keeps its stack');
    assert.match(JSON.stringify(problems[1]!.err), /second kind of bug/);
    // A minute on, the first failure once more: one line counting the 19 + 1 repeats, without the stack again.
    assert.equal(problems[2]!.repeated, 20);
    assert.match(String(problems[2]!.msg), /the same failure again, 20 times/);
    assert.equal(problems[2]!.err, undefined);
  } finally {
    mock.timers.reset();
    await t.close();
  }
});
