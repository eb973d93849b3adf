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
