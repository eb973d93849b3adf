import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { pino } from 'pino';
import request from 'supertest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { COMPLETE_ALLIANCE_ANSWERS, createTestApp, PRETREATMENT_ALLIANCE_ANSWERS, TEST_ENGINE, TEST_RATE_LIMITS } from './test-app.ts';

const IP = '203.0.113.219';
const IPV6 = '2001:db8:feed:beef::77';
const UA = 'Mozilla/5.0 (X11) PrivacyProbeBrowser/31.4';
const PANEL_ID = 'PRIVACY-PID-8181';

test('no IP address or user agent reaches the database (its files on SQLite, its rows on PostgreSQL) or the logs, even with a trusted proxy forwarding them', async () => {
  const t = await createTestApp();
  try {
    const lines: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(line) });
    const config = loadConfig({}, { logLevel: 'debug', trustProxy: 'loopback', ...TEST_RATE_LIMITS });
    const app = createApp({ store: t.store, config, logger });
    const send = (req: request.Test, i: number) => req.set('X-Forwarded-For', i % 2 ? IP : IPV6).set('User-Agent', UA);

    const codes: string[] = [];
    for (let i = 0; i < 6; i++) {
      const panel = i < 3 ? { PROLIFIC_PID: `${PANEL_ID}-${i}` } : {};
      const started = await send(request(app).post(`/api/waves/${t.wave.id}/participants?PROLIFIC_PID=${PANEL_ID}`).send({ panel }), i);
      assert.equal(started.status, 201);
      const code = started.body.participant.code;
      codes.push(code);
      await send(request(app).put(`/api/participants/${code}/answers`).send({ answers: { consent: true }, currentPage: 1 }), i);
      if (i % 3 !== 2) {
        await send(request(app).post(`/api/participants/${code}/quota-check`).send({ answers: PRETREATMENT_ALLIANCE_ANSWERS }), i);
        await send(request(app).post(`/api/participants/${code}/complete`).send({ answers: COMPLETE_ALLIANCE_ANSWERS, honeypot: '' }), i);
      }
      await send(request(app).get(`/s/${t.wave.id}?PROLIFIC_PID=${PANEL_ID}`), i);
      await send(request(app).get('/no/such/page'), i);
      await send(request(app).put(`/api/participants/${code}/answers`).send({ answers: { bogus: 1 }, currentPage: 0 }), i);
    }
    // The IP did arrive: with the proxy trusted, the rate limiter sees two clients (checked in rate-limit.test.ts).
    const { bytes, what } = await databaseContent(t);
    const log = lines.join('');
    const secrets = [IP, IPV6, UA, 'PrivacyProbeBrowser', '127.0.0.1', '::ffff:', 'user-agent', 'x-forwarded-for'];
    for (const secret of secrets) {
      assert.equal(bytes.indexOf(Buffer.from(secret)), -1, `"${secret}" in the database`);
      assert.ok(!log.toLowerCase().includes(secret.toLowerCase()), `"${secret}" in the logs`);
    }
    // Logs name participants by code, never by panel ID; the panel ID is stored in the database (it is research data).
    assert.ok(!log.includes(PANEL_ID), 'no panel ID in the logs');
    for (const code of codes) assert.ok(log.includes(code), 'each participant code appears in the logs');
    assert.notEqual(bytes.indexOf(Buffer.from(`${PANEL_ID}-0`)), -1, 'the panel ID is stored (sanity check of the byte search)');
    console.log(`privacy: ${what} (${bytes.length} bytes) and ${lines.length} log lines searched for ${secrets.length} values: 0 found`);
  } finally {
    await t.close();
  }
});

/**
 * What the database holds: SQLite's files (the database, its WAL and SHM, bytes as on disk), or on PostgreSQL every
 * row of every table of the test database as JSON text (the rate limits' shared counters included; the server's
 * own files are not ours to read).
 */
async function databaseContent(t: Awaited<ReturnType<typeof createTestApp>>): Promise<{ bytes: Buffer; what: string }> {
  if (TEST_ENGINE === 'sqlite') {
    const files = readdirSync(dirname(t.db.name)).filter((f) => f.startsWith('vlab.sqlite'));
    t.db.pragma('wal_checkpoint(PASSIVE)');
    return { bytes: Buffer.concat(files.map((f) => readFileSync(join(dirname(t.db.name), f)))), what: `${files.length} database files` };
  }
  const tables = await t.sql.column<string>("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'");
  const rows = await Promise.all(tables.map((name) => t.sql.column<string>(`SELECT row_to_json(r)::text FROM "${name}" r`)));
  return { bytes: Buffer.from(rows.flat().join('\n')), what: `${tables.length} tables' rows` };
}
