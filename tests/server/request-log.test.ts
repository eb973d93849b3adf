import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pino } from 'pino';
import request from 'supertest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createTestApp } from './test-app.ts';

test('request logs name the participant by code and never carry panel IDs, IPs or user agents', async () => {
  const t = createTestApp();
  try {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const app = createApp({ db: t.db, config: loadConfig({}, { logLevel: 'info' }), logger });
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
