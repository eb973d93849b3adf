import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pino } from 'pino';
import request from 'supertest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createTestApp } from './test-app.ts';

test('request logs name the participant by code and never carry panel IDs, IPs or user agents', async () => {
  const t = await createTestApp();
  try {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const app = createApp({ store: t.store, config: loadConfig({}, { logLevel: 'info' }), logger });
    const res = await request(app)
      .post(`/api/waves/${t.wave.id}/participants?PROLIFIC_PID=QUERY-PID-777`)
      .set('User-Agent', 'Mozilla/5.0 SecretBrowser/9')
      .set('X-Forwarded-For', '203.0.113.77')
      .send({ panel: { PROLIFIC_PID: 'BODY-PID-555', workerId: 'WORKER-999' } });
    assert.equal(res.status, 201);
    await request(app).get(`/s/${t.wave.id}?PROLIFIC_PID=QUERY-PID-777`);

    const log = lines.join('');
    assert.equal(lines.length, 2);
    assert.ok(log.includes(res.body.participant.code), 'the participant code is logged');
    assert.ok(log.includes(`/api/waves/${t.wave.id}/participants`));
    for (const secret of ['QUERY-PID-777', 'BODY-PID-555', 'WORKER-999', 'SecretBrowser', '203.0.113.77', '127.0.0.1', '::1', '::ffff:']) {
      assert.ok(!log.includes(secret), `"${secret}" must not be logged`);
    }
  } finally {
    t.close();
  }
});

test('X-Forwarded-Proto: https without a trusted proxy logs one warning naming VLAB_TRUST_PROXY; with one, none', async () => {
  const t = await createTestApp();
  try {
    const warnings = (trustProxy: string | undefined) => {
      const lines: { level: number; msg: string }[] = [];
      const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(JSON.parse(line)) });
      const app = createApp({ store: t.store, config: loadConfig({}, { logLevel: 'warn', trustProxy }), logger });
      return { app, lines };
    };
    const untrusted = warnings(undefined);
    for (let i = 0; i < 3; i++) assert.equal((await request(untrusted.app).get('/healthz').set('X-Forwarded-Proto', 'https')).status, 200);
    await request(untrusted.app).get('/healthz');
    assert.equal(untrusted.lines.length, 1);
    assert.equal(untrusted.lines[0]!.level, 40);
    assert.match(untrusted.lines[0]!.msg, /X-Forwarded-Proto: https but VLAB_TRUST_PROXY is not set/);

    const trusted = warnings('loopback');
    await request(trusted.app).get('/healthz').set('X-Forwarded-Proto', 'https');
    assert.equal(trusted.lines.length, 0);
  } finally {
    t.close();
  }
});

// The second attacker trial (2026-12-03): a path is logged whole, and Node accepts request lines up to its 16 KB
// header limit, so each request for a 16,000-character path wrote a 16,287-byte log line (21 such 404s: 339 KB).
// 404s have no rate limit: a loop of them fills the disk the database lives on at tens of MB a second. A path
// is logged up to 256 characters, with its length when it was cut.
test('a huge path is logged cut to 256 characters with its length, so a flood of them cannot fill the disk', async () => {
  const t = await createTestApp();
  try {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const app = createApp({ store: t.store, config: loadConfig({}, { logLevel: 'info' }), logger, researcherPool: t.researcherPool });
    const long = `/api/participants/${'A'.repeat(16_000)}/answers`;
    assert.equal((await request(app).get(long)).status, 405); // the answers' route takes PUT
    assert.equal((await request(app).get(`/${'B'.repeat(16_000)}`)).status, 404);
    // The answer routes log the participant's code from the path: a 16,000-character "code" as well (16,378 bytes).
    assert.equal((await request(app).put(long).send({ answers: {}, currentPage: 0 })).status, 404);
    assert.equal(lines.length, 3);
    for (const line of lines) assert.ok(line.length < 512, `a log line of ${line.length} bytes`);
    assert.equal((JSON.parse(lines[2]!) as { participant?: string }).participant, undefined, 'what is not a participant code is not logged as one');
    const first = JSON.parse(lines[0]!) as { path: string; pathLength?: number };
    assert.equal(first.path, long.slice(0, 256));
    assert.equal(first.pathLength, long.length);
    await request(app).get('/healthz');
    const short = JSON.parse(lines[3]!) as { path: string; pathLength?: number };
    assert.deepEqual([short.path, short.pathLength], ['/healthz', undefined], 'a short path is logged as it is');
  } finally {
    await t.close();
  }
});
