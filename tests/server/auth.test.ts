import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import request from 'supertest';
import { parseToken } from '../../server/domain/token.ts';
import { createResearcherTestApp, eventually } from './researcher-support.ts';

const apps: { close(): void }[] = [];
async function setup() {
  const t = await createResearcherTestApp();
  apps.push(t);
  return t;
}
after(() => apps.forEach((a) => a.close()));

const ROUTES: [method: 'get' | 'post', path: (waveId: string) => string][] = [
  ['get', () => '/api/researcher/waves'],
  ['post', () => '/api/researcher/waves'],
  ['get', (w) => `/api/researcher/waves/${w}`],
  ['post', (w) => `/api/researcher/waves/${w}/open`],
  ['post', (w) => `/api/researcher/waves/${w}/pause`],
  ['post', (w) => `/api/researcher/waves/${w}/close`],
  ['get', (w) => `/api/researcher/waves/${w}/export?format=csv`],
  ['get', () => '/api/researcher/no-such-route'],
];

function assertUnauthorized(res: request.Response) {
  assert.equal(res.status, 401);
  assert.equal(res.body.error.code, 'unauthorized');
  assert.match(res.headers['www-authenticate'] ?? '', /^Bearer/);
  assert.deepEqual(Object.keys(res.body), ['error']);
  assert.doesNotMatch(JSON.stringify(res.body), /stack|sqlite|revoked|unknown token/i);
}

test('every researcher route refuses a missing, malformed, wrong or revoked token with the same 401', async () => {
  const t = await setup();
  const { publicId } = parseToken(t.token)!;
  const other = await t.tokens.create('revoked one');
  await t.tokens.revoke(other.id);
  const wrongSecret = `vlab_${publicId}_${'A'.repeat(43)}`;
  const unknownId = `vlab_${'0'.repeat(16)}_${'A'.repeat(43)}`;
  const headers: (string | undefined)[] = [undefined, 'Bearer', 'Basic dXNlcjpwYXNz', `Bearer ${wrongSecret}`, `Bearer ${unknownId}`, `Bearer ${other.token}`, t.token];
  for (const header of headers) {
    const req = request(t.app).get('/api/researcher/waves');
    assertUnauthorized(await (header ? req.set('Authorization', header) : req));
  }
  // Each scrypt check costs tens of milliseconds: every route gets the two commonest failures.
  for (const [method, path] of ROUTES) {
    assertUnauthorized(await request(t.app)[method](path(t.wave.id)));
    assertUnauthorized(await request(t.app)[method](path(t.wave.id)).set('Authorization', `Bearer ${wrongSecret}`));
  }
  // Nothing was changed by the refused requests.
  assert.equal((await t.repos.waves.get(t.wave.id))!.status, 'open');
  assert.equal(await t.sql.value('SELECT COUNT(*) FROM waves'), 1);
});

test('a valid token reaches the routes; the database holds only a salted hash of it', async () => {
  const t = await setup();
  const res = await t.get('/waves');
  assert.equal(res.status, 200);
  assert.equal(res.headers['cache-control'], 'no-store');
  assert.equal(res.body.waves[0].id, t.wave.id);
  const rows = await t.sql.all('SELECT * FROM researcher_tokens');
  const dump = JSON.stringify(rows);
  const { secret } = parseToken(t.token)!;
  assert.ok(!dump.includes(secret), 'the secret is not stored');
  assert.ok(!dump.includes(t.token));
  assert.equal(new Set(rows.map((r) => r.salt)).size, rows.length, 'each token has its own salt');
  // Written beside the request, which does not wait for it (attacker pass 31).
  assert.ok(await eventually(async () => Boolean((await t.sql.all('SELECT last_used_at FROM researcher_tokens'))[0]!.last_used_at), 5_000), 'last use is recorded');
});

test('unknown researcher routes answer 404 JSON once authenticated', async () => {
  const t = await setup();
  const res = await t.get('/nothing-here');
  assert.equal(res.status, 404);
  assert.equal(res.body.error.code, 'not_found');
});

test('revoking takes effect at once; token names are validated', async () => {
  const t = await setup();
  assert.equal((await t.get('/waves')).status, 200);
  await t.tokens.revoke(t.tokenId);
  assertUnauthorized(await t.get('/waves'));
  await assert.rejects(t.tokens.create('   '), /name/);
  await assert.rejects(t.tokens.revoke('nope'), /no token/);
});
