import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import express, { type Express } from 'express';
import helmet from 'helmet';
import request from 'supertest';
import { createApp } from '../../server/app.ts';
import { loadConfig, type Config } from '../../server/config.ts';
import { helmetOptions } from '../../server/routes/security-headers.ts';
import { createTestApp } from './test-app.ts';

const t = await createTestApp();
after(() => t.close());

/**
 * Test-only routes that throw, spliced into the test app's router just before its 404 handler, so the error
 * travels the production middleware (helmet first, the error handler last). Production code has no such route.
 */
function withThrowingRoute(app: Express): Express {
  app.get('/__test/throws', () => {
    throw new Error('test-only failure with internals: /secret/path.sqlite');
  });
  // An error the error handler itself fails on (reading its fields throws), as jsonc-parser's stack overflow on a
  // deep broken body once did: the failure then went to Express's own handler, an HTML page with both stacks.
  app.get('/__test/throws-in-handler', () => {
    throw new Proxy({}, { get: () => { throw new RangeError('test-only failure while reading the error: /secret/path.sqlite'); } });
  });
  const stack = (app as unknown as { router: { stack: { handle: { length: number } }[] } }).router.stack;
  const layers = stack.splice(-2);
  // The catch-all 404 is the last layer that is not an error handler (those take four arguments and come last).
  const notFound = stack.findLastIndex((l) => l.handle.length < 4);
  stack.splice(notFound, 0, ...layers);
  return app;
}

const app = withThrowingRoute(createApp({ store: t.store, config: loadConfig({}, { logLevel: 'silent', rateLimitStart: 2 }) }));

function assertSecurityHeaders(res: request.Response, what: string): void {
  const csp = res.headers['content-security-policy'];
  assert.ok(csp, `${what}: Content-Security-Policy`);
  assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'), `${what}: CSP without unsafe-*`);
  assert.match(csp, /default-src 'self'/, what);
  assert.match(csp, /frame-ancestors 'none'/, what);
  assert.equal(res.headers['x-content-type-options'], 'nosniff', `${what}: nosniff`);
  assert.ok(res.headers['strict-transport-security'], `${what}: HSTS`);
  assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN', `${what}: X-Frame-Options`);
  assert.ok(res.headers['referrer-policy'], `${what}: Referrer-Policy`);
  assert.equal(res.headers['x-powered-by'], undefined, `${what}: no X-Powered-By`);
}

test('every kind of response carries the security headers: pages, assets, API successes and every error status', async () => {
  const html = (await request(app).get(`/s/${t.wave.id}`)).text;
  const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
  const code = (await request(app).post(`/api/waves/${t.wave.id}/participants`).send({})).body.participant.code;
  const cases: [string, () => request.Test, number][] = [
    ['landing page', () => request(app).get('/'), 200],
    ['respondent page', () => request(app).get(`/s/${t.wave.id}`), 200],
    ['asset', () => request(app).get(asset), 200],
    ['health', () => request(app).get('/healthz'), 200],
    ['favicon', () => request(app).get('/favicon.ico'), 204],
    ['partial save', () => request(app).put(`/api/participants/${code}/answers`).send({ answers: {}, currentPage: 0 }), 200],
    ['page 404', () => request(app).get('/no/such/page'), 404],
    ['API 404', () => request(app).get('/api/nothing'), 404],
    ['malformed JSON 400', () => request(app).put(`/api/participants/${code}/answers`).set('Content-Type', 'application/json').send('{"answers":'), 400],
    ['oversized 413', () => request(app).put(`/api/participants/${code}/answers`).send({ answers: { x: 'y'.repeat(70_000) }, currentPage: 0 }), 413],
    ['not JSON 415', () => request(app).put(`/api/participants/${code}/answers`).set('Content-Type', 'text/plain').send('hello'), 415],
    ['invalid 422', () => request(app).put(`/api/participants/${code}/answers`).send({ answers: { nope: 1 }, currentPage: 0 }), 422],
    ['rate limited 429', () => request(app).post(`/api/waves/${t.wave.id}/participants`).send({}), 429],
    ['internal 500', () => request(app).get('/__test/throws'), 500],
  ];
  // The start above and one more use up the limit of 2: the case list's start is the third.
  await request(app).post(`/api/waves/${t.wave.id}/participants`).send({});
  for (const [what, send, status] of cases) {
    const res = await send();
    assert.equal(res.status, status, what);
    assertSecurityHeaders(res, what);
    if (status >= 400) {
      assert.match(res.headers['content-type'], /^application\/json/, what);
      assert.equal(typeof res.body.error.code, 'string', what);
    }
  }
  const failure = await request(app).get('/__test/throws');
  assert.deepEqual(failure.body, { error: { code: 'internal_error', message: 'something went wrong on our side' } });
  assert.ok(!failure.text.includes('secret') && !failure.text.includes(' at '), 'no internals in a 500');
  const handlerFailure = await request(app).get('/__test/throws-in-handler');
  assert.equal(handlerFailure.status, 500);
  assertSecurityHeaders(handlerFailure, 'error handler failed');
  assert.deepEqual(handlerFailure.body, { error: { code: 'internal_error', message: 'something went wrong on our side' } }, handlerFailure.text);
  console.log(`security headers: ${cases.length} response kinds checked, statuses ${[...new Set(cases.map((c) => c[2]))].join(', ')}`);
});

test('no page script of ours turns data into markup (stored answers must show inert: textContent, never innerHTML)', async () => {
  const { readdirSync, readFileSync, statSync } = await import('node:fs');
  const { join } = await import('node:path');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|js|mjs|html)$/.test(name)) files.push(path);
    }
  };
  walk('public/src');
  for (const name of readdirSync('public')) if (name.endsWith('.html')) files.push(join('public', name));
  const sinks = /\.(innerHTML|outerHTML)\s*[+]?=|insertAdjacentHTML\(|document\.write\(|createContextualFragment\(|\bon[a-z]+\s*=\s*["']/;
  const offenders = files.filter((f) => sinks.test(readFileSync(f, 'utf8')));
  console.log(`inert markup: ${files.length} page files scanned for HTML sinks, ${offenders.length} found`);
  assert.deepEqual(offenders, []);
});

test('VLAB_FRAME_ANCESTORS lets the named origins frame the survey (MTurk ExternalQuestion); bad origins are refused', async () => {
  const config = loadConfig({ VLAB_FRAME_ANCESTORS: 'https://worker.mturk.com  https://workersandbox.mturk.com' }, { logLevel: 'silent' });
  assert.deepEqual(config.frameAncestors, ['https://worker.mturk.com', 'https://workersandbox.mturk.com']);
  const framed = createApp({ store: t.store, config });
  const res = await request(framed).get(`/s/${t.wave.id}`);
  assert.equal(res.status, 200);
  assert.match(res.headers['content-security-policy']!, /frame-ancestors https:\/\/worker\.mturk\.com https:\/\/workersandbox\.mturk\.com(;|$)/);
  assert.equal(res.headers['x-frame-options'], undefined, 'X-Frame-Options would forbid what the CSP allows');
  assert.ok(!res.headers['content-security-policy']!.includes('unsafe-inline'));

  assert.throws(() => loadConfig({ VLAB_FRAME_ANCESTORS: 'http://worker.mturk.com' }), /ConfigError: VLAB_FRAME_ANCESTORS: expected https origins/);
  assert.throws(() => loadConfig({ VLAB_FRAME_ANCESTORS: "https://a.example 'unsafe-inline'" }), /VLAB_FRAME_ANCESTORS/);
});

/** The headers helmet itself sets with the app's options, read off a bare Express app that runs helmet's twelve middlewares. */
async function helmetsOwnHeaders(config: Config): Promise<Record<string, string>> {
  const bare = express();
  bare.set('etag', false);
  bare.use(helmet(helmetOptions(config)));
  bare.get('/', (_req, res) => {
    res.type('text/plain').send('ok');
  });
  const res = await request(bare).get('/');
  const { 'content-type': _type, 'content-length': _length, date: _date, connection: _connection, ...helmets } = res.headers as Record<string, string>;
  return helmets;
}

test('the precomputed security headers are exactly helmet\'s own, on a page and an API response, framed or not', async () => {
  const framing = loadConfig({ VLAB_FRAME_ANCESTORS: 'https://worker.mturk.com' }, { logLevel: 'silent' });
  const plain = loadConfig({}, { logLevel: 'silent' });
  for (const config of [plain, framing]) {
    const expected = await helmetsOwnHeaders(config);
    assert.ok(Object.keys(expected).length >= 10, `helmet sets its headers (${Object.keys(expected).join(', ')})`);
    const ours = createApp({ store: t.store, config });
    const page = await request(ours).get(`/s/${t.wave.id}`);
    const api = await request(ours).post(`/api/waves/${t.wave.id}/participants`).send({});
    for (const [what, res] of [['page', page], ['API', api]] as const) {
      const got = Object.fromEntries(Object.keys(expected).map((name) => [name, res.headers[name]]));
      assert.deepEqual(got, expected, `${what}, frame ancestors [${config.frameAncestors.join(' ')}]`);
    }
    // Nothing helmet leaves out (X-Frame-Options where framing is allowed) is sent by us either.
    if (!('x-frame-options' in expected)) assert.equal(page.headers['x-frame-options'], undefined);
  }
});
