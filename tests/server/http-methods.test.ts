// The attacker trial of 2026-12-04: OPTIONS got Express's default (200 with the methods as its body, under /api and
// the pages only; `OPTIONS /healthz` was a 404), a wrong method on a known route was a 404 "no route", and a 404
// echoed whatever id was sent in the path (a 9,000-character wave id came back whole).
import assert from 'node:assert/strict';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { after, test } from 'node:test';
import request from 'supertest';
import { createTokenService } from '../../server/services/token-service.ts';
import { createTestApp, serveOnLoopback } from './test-app.ts';

const t = await createTestApp();
after(() => t.close());
const { app, wave, sql } = t;

const participants = async () => (await sql.all('SELECT id FROM participants')).length;

function assertNoCors(headers: Record<string, unknown>): void {
  assert.deepEqual(Object.keys(headers).filter((name) => name.startsWith('access-control-')), []);
}

test('OPTIONS on a known path is 204 with Allow and no CORS headers; an unknown path stays 404', async () => {
  for (const [path, allow] of [
    [`/api/waves/${wave.id}/participants`, 'OPTIONS, POST'],
    ['/api/participants/AAAAAAAAAAAAAAAAAAAAAA/answers', 'OPTIONS, PUT'],
    ['/healthz', 'GET, HEAD, OPTIONS'],
    [`/s/${wave.id}`, 'GET, HEAD, OPTIONS'],
    [`/api/researcher/waves/${wave.id}`, 'GET, HEAD, OPTIONS, PATCH'],
  ] as const) {
    const res = await request(app).options(path).set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
    assert.equal(res.status, 204, path);
    assert.equal(res.headers.allow, allow, path);
    assert.equal(res.text, '', path);
    assertNoCors(res.headers);
  }
  const unknown = await request(app).options('/nowhere').set('Origin', 'https://evil.example');
  assert.equal(unknown.status, 404);
  assert.equal(unknown.body.error.code, 'not_found');
  assertNoCors(unknown.headers);
});

test('a wrong method on a known route is 405 with Allow, and nothing is stored', async () => {
  const before = await participants();
  for (const [method, path, allow] of [
    ['get', `/api/waves/${wave.id}/participants`, 'OPTIONS, POST'],
    ['delete', `/api/waves/${wave.id}/participants`, 'OPTIONS, POST'],
    ['post', '/healthz', 'GET, HEAD, OPTIONS'],
    ['put', `/s/${wave.id}`, 'GET, HEAD, OPTIONS'],
  ] as const) {
    const res = await request(app)[method](path);
    assert.equal(res.status, 405, `${method} ${path}`);
    assert.equal(res.headers.allow, allow);
    assert.deepEqual(res.body, {
      error: { code: 'method_not_allowed', message: `${path} does not answer ${method.toUpperCase()}; it answers ${allow}` },
    });
  }
  assert.equal(await participants(), before);
});

test('a 404 does not echo an arbitrarily long id from the path', async () => {
  const long = 'a'.repeat(9_000);
  for (const [method, path] of [
    ['post', `/api/waves/${long}/participants`],
    ['get', `/api/waves/${long}`],
    ['get', `/${long}`],
    ['post', `/api/${long}`],
  ] as const) {
    const res = await request(app)[method](path).set('Accept', 'application/json');
    assert.equal(res.status, 404, `${method} ${path.slice(0, 20)}`);
    assert.equal(res.body.error.code, 'not_found');
    assert.ok(res.text.length < 300, `${method} ${path.slice(0, 20)}: ${res.text.length} characters`);
    assert.match(res.body.error.message, /a…/);
  }
});

// Accessibility pass 10: a browser sent to a respondent's link by a form's POST (a panel's "continue" button) got the
// JSON 405 as a page without a language or a title. A browser's POST to a page that answers GET is sent on to it.
test('a browser’s POST to a respondent link (preferring HTML) is a 303 to the same link, which it then opens; nothing is stored', async () => {
  const before = await participants();
  const link = `/s/${wave.id}?PROLIFIC_PID=form-post&lang=es`;
  const res = await request(app).post(link).set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8').type('form').send('a=1');
  assert.equal(res.status, 303);
  assert.equal(res.headers.location, link);
  assert.equal(res.text, '');
  // Scripts (JSON or no preference), other methods and the API keep the 405 that says what is wrong.
  assert.equal((await request(app).post(link).set('Accept', 'application/json')).status, 405);
  assert.equal((await request(app).put(link).set('Accept', 'text/html')).status, 405);
  assert.equal((await request(app).get(`/api/waves/${wave.id}/participants`).set('Accept', 'text/html')).status, 405);
  // A request line in absolute form (`POST http://host/s/<id>?… HTTP/1.1`, as a proxy writes it; RFC 9112 §3.2.2: a
  // server must take it) gets the same link; it was `Location: /http://host/s/<id>?…`, a 404 (attacker pass 40).
  const served = await serveOnLoopback(app);
  try {
    const absolute = await new Promise<IncomingMessage>((resolve, reject) =>
      httpRequest({ host: '127.0.0.1', port: new URL(served.baseUrl).port, method: 'POST', path: `http://survey.example${link}`, headers: { Accept: 'text/html' } }, resolve).on('error', reject).end(),
    );
    absolute.resume();
    assert.equal(absolute.statusCode, 303);
    assert.equal(absolute.headers.location, link);
  } finally {
    await served.close();
  }
  assert.equal(await participants(), before);
});

test('under a wave only its three actions answer POST: another name is 404, and OPTIONS and 405 never offer a POST that 404s', async () => {
  // The lifecycle route was `POST /waves/:waveId/:action` passing unknown actions on, so every path under a wave was
  // a known one (attacker pass 40): OPTIONS on /waves/<id>/nothing was 204 `Allow: OPTIONS, POST`, a researcher's
  // `GET …/estimate` (a slip of estimates) was 405 "it answers OPTIONS, POST", and a DELETE on /export offered POST.
  const { token } = await createTokenService({ store: t.store }).create('methods');
  const researcher = (method: 'get' | 'delete' | 'options' | 'post', path: string) => request(app)[method](`/api/researcher/waves/${wave.id}${path}`).set('Authorization', `Bearer ${token}`);
  for (const [path, allow] of [
    ['/open', 'OPTIONS, POST'],
    ['/close', 'OPTIONS, POST'],
    ['/export', 'GET, HEAD, OPTIONS'],
    ['/estimates', 'GET, HEAD, OPTIONS'],
  ] as const) {
    const res = await researcher('options', path);
    assert.equal(res.status, 204, path);
    assert.equal(res.headers.allow, allow, path);
  }
  for (const method of ['options', 'get', 'post'] as const) {
    const res = await researcher(method, '/estimate');
    assert.equal(res.status, 404, `${method} /estimate`);
    assert.equal(res.headers.allow, undefined);
  }
  const deleted = await researcher('delete', '/export');
  assert.equal(deleted.status, 405);
  assert.equal(deleted.headers.allow, 'GET, HEAD, OPTIONS');
});
