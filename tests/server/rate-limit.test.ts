import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../server/app.ts';
import { ipKeyGenerator } from 'express-rate-limit';
import { addressKeyOf } from '../../server/routes/rate-limit.ts';
import { ConfigError, loadConfig, type Config } from '../../server/config.ts';
import { createTokenService } from '../../server/services/token-service.ts';
import { createTestApp } from './test-app.ts';

function appWith(t: Awaited<ReturnType<typeof createTestApp>>, overrides: Partial<Config>): Express {
  // dbPath: the researcher workers read the test's own database (by default they opened ./data/vlab.sqlite).
  return createApp({ store: t.store, config: { ...loadConfig({}, { dbPath: t.location, logLevel: 'silent' }), ...overrides } });
}

const startFrom = (app: Express, waveId: string, forwardedFor?: string) => {
  const req = request(app).post(`/api/waves/${waveId}/participants`);
  if (forwardedFor) req.set('X-Forwarded-For', forwardedFor);
  return req.send({});
};

test('defaults: 300 starts per 10 minutes per address, 30 failed researcher requests, no trusted proxy', () => {
  const config = loadConfig({});
  assert.equal(config.rateLimitStart, 300);
  assert.equal(config.rateLimitWindowSeconds, 600);
  assert.equal(config.rateLimitAuth, 30);
  assert.equal(config.trustProxy, false);
  assert.equal(loadConfig({ VLAB_RATE_LIMIT_START: '5000', VLAB_TRUST_PROXY: 'loopback' }).rateLimitStart, 5000);
  assert.equal(loadConfig({ VLAB_TRUST_PROXY: '1' }).trustProxy, 1);
  assert.throws(() => loadConfig({ VLAB_RATE_LIMIT_START: '0' }), (e) => e instanceof ConfigError && /^VLAB_RATE_LIMIT_START/.test(e.message));
  assert.throws(() => loadConfig({ VLAB_TRUST_PROXY: 'yes please' }), (e) => e instanceof ConfigError && /^VLAB_TRUST_PROXY/.test(e.message));
});

test('60 starts from one address (a classroom) fit under a limit of 65; past the limit starts get 429 rate_limited and store nothing', async () => {
  const t = await createTestApp();
  try {
    const app = appWith(t, { rateLimitStart: 65 });
    let ok = 0;
    for (let i = 0; i < 60; i++) if ((await startFrom(app, t.wave.id)).status === 201) ok++;
    assert.equal(ok, 60);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await startFrom(app, t.wave.id)).status);
    assert.deepEqual(statuses, [201, 201, 201, 201, 201, 429, 429, 429, 429, 429]);
    const refused = await startFrom(app, t.wave.id);
    assert.equal(refused.status, 429);
    assert.equal(refused.body.error.code, 'rate_limited');
    assert.ok(refused.headers['content-security-policy'], 'a 429 carries the security headers');
    assert.equal(await t.sql.value('SELECT COUNT(*) FROM participants'), 65);
    // The start limit does not touch a respondent already in the survey: their saves and completion are not counted by address.
    assert.notEqual((await request(app).put('/api/participants/AAAAAAAAAAAAAAAAAAAAAA/answers').send({ answers: {}, currentPage: 0 })).status, 429);
    const stored = await t.sql.value('SELECT COUNT(*) FROM participants');
    console.log(`rate limit: 71 starts from one address with limit 65 → ${stored} stored, ${statuses.filter((s) => s === 429).length + 1} refused with 429`);
  } finally {
    t.close();
  }
});

test('a spoofed X-Forwarded-For does not reset the count unless a proxy is trusted; loopback is not exempt', async () => {
  const t = await createTestApp();
  try {
    const direct = appWith(t, { rateLimitStart: 3 });
    const spoofed = [];
    for (let i = 0; i < 6; i++) spoofed.push((await startFrom(direct, t.wave.id, `198.51.100.${i}`)).status);
    assert.deepEqual(spoofed, [201, 201, 201, 429, 429, 429]);

    // Behind a trusted proxy (here: loopback, where supertest connects from), each forwarded client counts apart.
    const proxied = appWith(t, { rateLimitStart: 3, trustProxy: 'loopback' });
    const perClient = [];
    for (let i = 0; i < 4; i++) perClient.push((await startFrom(proxied, t.wave.id, '198.51.100.7')).status);
    for (let i = 0; i < 2; i++) perClient.push((await startFrom(proxied, t.wave.id, '198.51.100.8')).status);
    assert.deepEqual(perClient, [201, 201, 201, 429, 201, 201]);
  } finally {
    t.close();
  }
});

test('failed researcher requests are limited per address (429 rate_limited past the limit)', async () => {
  const t = await createTestApp();
  try {
    const app = appWith(t, { rateLimitAuth: 5 });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      statuses.push((await request(app).get('/api/researcher/waves').set('Authorization', `Bearer wrong-${i}`)).status);
    }
    assert.ok(statuses.slice(0, 5).every((s) => s === 401 || s === 404), `first five: ${statuses.join()}`);
    assert.deepEqual(statuses.slice(5), [429, 429, 429]);
    const body = (await request(app).get('/api/researcher/waves')).body;
    assert.equal(body.error.code, 'rate_limited');
  } finally {
    t.close();
  }
});

test('a researcher’s own mistakes (404, 422) with a valid token do not count against the limit; only 401s do', async () => {
  const t = await createTestApp();
  try {
    const app = appWith(t, { rateLimitAuth: 5 });
    const { token } = await createTokenService({ store: t.store }).create('limits');
    const auth = { Authorization: `Bearer ${token}` };
    const mistakes: number[] = [];
    for (let i = 0; i < 20; i++) mistakes.push((await request(app).get(`/api/researcher/waves/nowave${i}`).set(auth)).status);
    for (let i = 0; i < 20; i++) mistakes.push((await request(app).post('/api/researcher/waves').set(auth).send({ target: -1 })).status);
    assert.deepEqual([...new Set(mistakes)], [404, 422]);
    assert.equal((await request(app).get('/api/researcher/waves').set(auth)).status, 200, '40 mistakes with a valid token, then a valid request');
    const guesses: number[] = [];
    for (let i = 0; i < 7; i++) guesses.push((await request(app).get('/api/researcher/waves').set('Authorization', `Bearer wrong-${i}`)).status);
    assert.deepEqual(guesses, [401, 401, 401, 401, 401, 429, 429]);
  } finally {
    t.close();
  }
});

test("the memo of addresses gives express-rate-limit's own keys: IPv4 as is, IPv4-mapped as IPv4, IPv6 by /56 network", () => {
  const keyOf = addressKeyOf();
  assert.equal(keyOf('198.51.100.7'), '198.51.100.7');
  assert.equal(keyOf('::ffff:198.51.100.7'), '198.51.100.7');
  assert.equal(keyOf('::ffff:198.51.100.7'), '198.51.100.7', 'the second time, from the memo');
  // Two hosts of one /56 share a key; the next /56 has its own.
  assert.equal(keyOf('2001:db8:abcd:1200::1'), keyOf('2001:db8:abcd:12ff::2'));
  assert.notEqual(keyOf('2001:db8:abcd:1200::1'), keyOf('2001:db8:abcd:1300::1'));
  // Past its bound the memo starts over and still answers as the library does (addresses seeded by their index).
  for (let i = 0; i < 10_050; i++) {
    const ip = i % 2 ? `2001:db8:${(i % 65_536).toString(16)}::${i % 7}` : `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    assert.equal(keyOf(ip), ipKeyGenerator(ip, 56), ip);
  }
  assert.equal(keyOf('::1'), ipKeyGenerator('::1', 56));
});

// Walk-through 23: a second `vlab simulate` within ten minutes met the 300-starts limit meant for respondents.
// Starts sent with a researcher token (`vlab simulate --token`) are not counted; a wrong token is a failed
// researcher authentication (401, counted toward that limit), never a way round the respondents' one.

const start = (app: Express, waveId: string, authorization?: string) => {
  const req = request(app).post(`/api/waves/${waveId}/participants`);
  if (authorization) req.set('Authorization', authorization);
  return req.send({});
};

test('starts with a researcher token pass the start limit; without one the limit holds', async () => {
  const t = await createTestApp();
  try {
    const app = appWith(t, { rateLimitStart: 3 });
    const { token } = await createTokenService({ store: t.store }).create('simulate');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await start(app, t.wave.id, `Bearer ${token}`)).status);
    assert.deepEqual(statuses, [201, 201, 201, 201, 201, 201]);
    const plain: number[] = [];
    for (let i = 0; i < 4; i++) plain.push((await start(app, t.wave.id)).status);
    assert.deepEqual(plain, [201, 201, 201, 429], "the token's starts took none of the respondents' 3");
  } finally {
    t.close();
  }
});

test('a start with a wrong or revoked token is refused 401 and counted as a failed researcher authentication', async () => {
  const t = await createTestApp();
  try {
    const app = appWith(t, { rateLimitStart: 100, rateLimitAuth: 2 });
    const tokens = createTokenService({ store: t.store });
    const { token, id } = await tokens.create('gone');
    await tokens.revoke(id);
    const wrong = await start(app, t.wave.id, 'Bearer vlab_0123456789abcdef_notarealsecretatall');
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.error.code, 'unauthorized');
    assert.equal((await start(app, t.wave.id, `Bearer ${token}`)).status, 401, 'a revoked token');
    assert.equal((await start(app, t.wave.id, `Bearer ${token}`)).status, 429, 'the third failure passes the auth limit of 2');
    assert.equal(await t.sql.value('SELECT COUNT(*) FROM participants'), 0, 'no refused start stored anyone');
    assert.equal((await start(app, t.wave.id)).status, 201, 'a respondent without a header is not affected');
  } finally {
    t.close();
  }
});
