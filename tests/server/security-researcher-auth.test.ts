import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import request from 'supertest';
import { createTestApp } from './test-app.ts';
import { registeredRoutes } from './route-inventory.ts';

const t = await createTestApp();
after(() => t.close());

// Each check costs a scrypt hash on the server (tokens are stored hashed), so a few kinds of bad credential only.
const BAD_AUTHORIZATION: [string, string | null][] = [
  ['no header', null],
  ['wrong token', 'Bearer vlab_thisIsNotARealTokenAtAll000000000000'],
  ['basic scheme', 'Basic dXNlcjpwYXNz'],
];

test('every registered /api/researcher route answers 401 unauthorized without a valid token', async () => {
  const routes = registeredRoutes(t.app).filter((r) => r.path.startsWith('/api/researcher'));
  assert.ok(routes.length > 0, 'the researcher routes are registered');
  let checked = 0;
  for (const route of routes) {
    const path = route.path.replace(':waveId', t.wave.id).replace(/:[A-Za-z]+/g, 'x');
    for (const [what, authorization] of BAD_AUTHORIZATION) {
      const req = request(t.app)[route.method.toLowerCase() as 'get' | 'post'](path);
      if (authorization !== null) req.set('Authorization', authorization);
      const res = route.method === 'GET' ? await req : await req.send({ target: 10, studyKey: 'alliance-corrective-measures' });
      assert.equal(res.status, 401, `${route.method} ${route.path} with ${what}`);
      assert.equal(res.body.error?.code, 'unauthorized', `${route.method} ${route.path} with ${what}`);
      checked++;
    }
  }
  const waves = await t.sql.value('SELECT COUNT(*) FROM waves');
  assert.equal(waves, 1, 'no unauthenticated request created a wave');
  console.log(`researcher auth: ${routes.length} routes (${routes.map((r) => `${r.method} ${r.path}`).join(', ')}) × ${BAD_AUTHORIZATION.length} bad credentials = ${checked} requests, all 401`);
});
