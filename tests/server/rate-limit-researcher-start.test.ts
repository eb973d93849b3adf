import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../server/app.ts';
import { loadConfig, type Config } from '../../server/config.ts';
import { createTokenService } from '../../server/services/token-service.ts';
import { createTestApp } from './test-app.ts';

// Walk-through 23: a second `vlab simulate` within ten minutes met the 300-starts limit meant for respondents.
// Starts sent with a researcher token (`vlab simulate --token`) are not counted; a wrong token is a failed
// researcher authentication (401, counted toward that limit), never a way round the respondents' one.

function appWith(t: Awaited<ReturnType<typeof createTestApp>>, overrides: Partial<Config>): Express {
  return createApp({ store: t.store, config: { ...loadConfig({}, { dbPath: t.location, logLevel: 'silent' }), ...overrides } });
}

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
