// Attacker pass 25: what the connection cap (server/connection-cap.ts, busy-page.ts) answers past it. A respondent's
// link opened while the cap is full got the raw JSON 503, which Chromium shows as text in a page without a language or
// title; a navigation now gets a small page in the respondent's language. And hostile requests on that path.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { test } from 'node:test';
import { runInNewContext } from 'node:vm';
import { setTimeout as sleep } from 'node:timers/promises';
import { closedWithin, listening, openConnections } from './http-server-support.ts';

/** Sends `request` raw on a connection past a full cap of 10 (10 held open first) and returns what came back before the close. */
async function pastTheCap(port: number, request: string | Buffer, sockets: Socket[]): Promise<string> {
  if (sockets.length === 0) await openConnections(port, 10, sockets);
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => {});
  await once(socket, 'connect');
  const answer = closedWithin(socket, 3000);
  socket.write(request);
  return (await answer) ?? 'still open';
}

const NAVIGATION = 'Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n';

/** The parts of a raw answer: status line, headers by lower-case name, body. */
function answerParts(answer: string) {
  const [head, body = ''] = [answer.slice(0, answer.indexOf('\r\n\r\n')), answer.slice(answer.indexOf('\r\n\r\n') + 4)];
  const [status, ...lines] = head.split('\r\n');
  const headers = new Map(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  return { status, headers, body };
}

/**
 * The busy page's script run as a browser would, with Math.random given: it must reload once, between Retry-After (5 s)
 * and twice it. Until polish20 it reloaded after exactly 5 s, so every browser refused in one burst came back at once.
 */
function assertJitteredReload(script: string): void {
  const delays = [0, 0.25, 0.5, 0.999].map((random) => {
    const timers: number[] = [];
    let reloads = 0;
    const setTimeout = (reload: () => void, ms: number) => {
      timers.push(ms);
      reload();
    };
    runInNewContext(script, { setTimeout, location: { reload: () => reloads++ }, Math: { random: () => random } });
    assert.equal(reloads, 1);
    assert.equal(timers.length, 1);
    return timers[0]!;
  });
  assert.deepEqual(delays.map(Math.round), [5000, 6250, 7500, 9995]);
}

test('past the cap, a browser navigation (GET, Accept: text/html) gets a small HTML busy page in its language that reloads between Retry-After and twice it', async () => {
  const s = await listening({ maxConnections: 10 });
  const sockets: Socket[] = [];
  try {
    const es = answerParts(await pastTheCap(s.port, `GET /s/AbCdEfGhIjKl?PROLIFIC_PID=x HTTP/1.1\r\nHost: x\r\n${NAVIGATION}Accept-Language: es-MX,es;q=0.9,en;q=0.8\r\n\r\n`, sockets));
    assert.equal(es.status, 'HTTP/1.1 503 Service Unavailable');
    assert.equal(es.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(es.headers.get('retry-after'), '5');
    assert.equal(es.headers.get('connection'), 'close');
    assert.equal(es.headers.get('content-length'), String(Buffer.byteLength(es.body)));
    assert.match(es.body, /^<!doctype html>\n<html lang="es" dir="ltr">/);
    assert.match(es.body, /<meta name="viewport" content="width=device-width, initial-scale=1">/);
    assert.match(es.body, /<title>La encuesta está muy ocupada en este momento<\/title>/);
    assert.match(es.body, /<h1>La encuesta está muy ocupada en este momento<\/h1>/);
    assert.match(es.body, /<p role="status">No cierre esta página: se volverá a cargar sola dentro de 5 a 10 segundos\.<\/p>/);
    // The reload is a script the page's CSP admits by its hash (helmet's CSP has no 'unsafe-inline'); helmet's other headers too.
    const script = /<script>([^<]*)<\/script>/.exec(es.body)![1]!;
    assert.match(script, /location\.reload\(\)/);
    assert.match(script, /5000/);
    assertJitteredReload(script);
    const csp = es.headers.get('content-security-policy') ?? '';
    assert.ok(csp.includes(`script-src 'self' 'sha256-${createHash('sha256').update(script).digest('base64')}'`), csp);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(es.headers.get('x-content-type-options'), 'nosniff');
    // The link's ?lang= wins over the browser's languages, as on the survey page; a language the page lacks: the browser's, else English.
    const en = answerParts(await pastTheCap(s.port, `GET /s/AbCdEfGhIjKl?lang=en HTTP/1.1\r\nHost: x\r\n${NAVIGATION}Accept-Language: es\r\n\r\n`, sockets));
    assert.match(en.body, /<html lang="en" dir="ltr">[\s\S]*<h1>The survey is very busy right now<\/h1>[\s\S]*<p role="status">Please keep this page open: it will reload by itself in 5 to 10 seconds\.<\/p>/);
    const fr = answerParts(await pastTheCap(s.port, `GET /s/AbCdEfGhIjKl?lang=fr HTTP/1.1\r\nHost: x\r\n${NAVIGATION}Accept-Language: fr-CH, fr;q=0.9, es;q=0.5, en;q=0.1\r\n\r\n`, sockets));
    assert.match(fr.body, /<html lang="es" dir="ltr">/);
    // HEAD: the page's headers, no body.
    const head = await pastTheCap(s.port, `HEAD /s/AbCdEfGhIjKl HTTP/1.1\r\nHost: x\r\n${NAVIGATION}\r\n`, sockets);
    assert.match(head, /^HTTP\/1\.1 503 [\s\S]*\r\nContent-Type: text\/html; charset=utf-8\r\n[\s\S]*\r\n\r\n$/);
    // Scripts, the page's own fetches and other methods keep the JSON.
    for (const request of [
      'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n',
      'GET /s/AbCdEfGhIjKl HTTP/1.1\r\nHost: x\r\nAccept: application/json, text/html\r\n\r\n',
      'GET /s/AbCdEfGhIjKl HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\n',
      `POST /api/waves/AbCdEfGhIjKl/participants HTTP/1.1\r\nHost: x\r\n${NAVIGATION}Content-Length: 2\r\n\r\n{}`,
      // The API answers in JSON whoever asks, as the app's own 404 does (a download link opened in a tab).
      `GET /api/researcher/waves/AbCdEfGhIjKl/export HTTP/1.1\r\nHost: x\r\n${NAVIGATION}\r\n`,
      `GET /api HTTP/1.1\r\nHost: x\r\n${NAVIGATION}\r\n`,
    ]) {
      const json = answerParts(await pastTheCap(s.port, request, sockets));
      assert.equal(json.headers.get('content-type'), 'application/json; charset=utf-8', request);
      assert.equal(JSON.parse(json.body).error.code, 'busy');
      assert.equal(json.headers.get('x-content-type-options'), 'nosniff', 'helmet\'s headers on the JSON answer too');
    }
    assert.deepEqual(s.reached, [], 'a request on a refused connection reached the app');
  } finally {
    for (const socket of sockets) socket.destroy();
    await s.close();
  }
});

// Attacker pass 26: the cap reads no database, so a wave whose survey is in Spanish, opened from an English browser
// without ?lang=, got the English page; and /dashboard was told "The survey is very busy". The app now notes each
// wave's languages as it serves its page (server/wave-languages.ts), and the cap answers as that page would.
test('past the cap, a wave whose page was served gets the busy page in the survey page\'s language whatever the browser says; /dashboard and / get the server\'s words', async () => {
  const s = await listening({ maxConnections: 10 });
  const sockets: Socket[] = [];
  try {
    const spanish = (await s.t.studies.createWave({ studyKey: 'bus-line-funding', target: 10, locale: 'es' })).wave;
    const notServed = (await s.t.studies.createWave({ studyKey: 'bus-line-funding', target: 10, locale: 'es' })).wave;
    // Its page served once, as to any respondent before the rush (the connection closed, so the cap has room for it).
    const served = await pastTheCapOrNot(s.port, `GET /s/${spanish.id} HTTP/1.1\r\nHost: x\r\n${NAVIGATION}Accept-Language: en\r\nConnection: close\r\n\r\n`);
    assert.match(served, /^HTTP\/1\.1 200 [\s\S]*<html lang="es"/);
    const busy = (target: string, languages = 'en-US,en;q=0.9') =>
      pastTheCap(s.port, `GET ${target} HTTP/1.1\r\nHost: x\r\n${NAVIGATION}Accept-Language: ${languages}\r\n\r\n`, sockets).then(answerParts);
    const es = await busy(`/s/${spanish.id}?PROLIFIC_PID=x`);
    assert.match(es.body, /<html lang="es" dir="ltr">[\s\S]*<h1>La encuesta está muy ocupada en este momento<\/h1>/);
    // A request line in absolute form, as a proxy writes it, is the same link (attacker pass 40: the server's page in
    // the browser's English for the survey, and a page for an API call).
    const absolute = await busy(`http://survey.example/s/${spanish.id}?PROLIFIC_PID=x`);
    assert.deepEqual([absolute.status, absolute.body], [es.status, es.body]);
    assert.match((await busy('http://survey.example/api/waves/x/participants')).headers.get('content-type')!, /^application\/json/);
    // The link's ?lang= of one of the study's languages wins, as on the survey page.
    assert.match((await busy(`/s/${spanish.id}?lang=en`, 'es')).body, /<html lang="en" dir="ltr">[\s\S]*<h1>The survey is very busy right now<\/h1>/);
    // A wave not served since the start: the browser's languages (negotiator), as before.
    assert.match((await busy(`/s/${notServed.id}`)).body, /<html lang="en" dir="ltr">/);
    assert.match((await busy(`/s/${notServed.id}`, 'fr-CH, fr;q=0.9, ES;q=0.5, en;q=0.1')).body, /<html lang="es" dir="ltr">/);
    assert.match((await busy(`/s/${notServed.id}`, 'fr-CH, fr;q=0.9, es-MX;q=0.5, en;q=0.1')).body, /<html lang="es" dir="ltr">/);
    // Arabic, right to left (2026-12-07: the page spoke English and Spanish only).
    assert.match((await busy(`/s/${notServed.id}`, 'ar-EG, ar;q=0.9, en;q=0.1')).body, /<html lang="ar" dir="rtl">[\s\S]*<h1>الاستبيان مشغول جدًا الآن<\/h1>/);
    for (const target of ['/dashboard', '/dashboard?wave=x', '/']) {
      const page = await busy(target);
      assert.match(page.body, /<title>The server is very busy right now<\/title>[\s\S]*<h1>The server is very busy right now<\/h1>/, target);
    }
    assert.match((await busy('/dashboard', 'es')).body, /<h1>El servidor está muy ocupado en este momento<\/h1>/);
  } finally {
    for (const socket of sockets) socket.destroy();
    await s.close();
  }
});

/** Sends `request` on a connection of its own before the cap fills and returns what came back before the close. */
async function pastTheCapOrNot(port: number, request: string): Promise<string> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  const answer = closedWithin(socket, 3000);
  socket.write(request);
  return (await answer) ?? 'still open';
}

test('past the cap, hostile requests: an injected Accept-Language or ?lang= is never written into the page; a huge, endless, pipelined, HTTP/0.9 or LF-only request gets one answer and the close; a reset is no crash', async () => {
  const s = await listening({ maxConnections: 10 });
  const sockets: Socket[] = [];
  try {
    const injected = answerParts(
      await pastTheCap(s.port, `GET /s/x?lang=%22%3E%3Cscript%3Ealert(1)%3C/script%3E HTTP/1.1\r\nHost: x\r\n${NAVIGATION}Accept-Language: "><script>alert(2)</script>, es;q=0.5\r\n\r\n`, sockets),
    );
    assert.match(injected.body, /<html lang="es" dir="ltr">/);
    assert.doesNotMatch(injected.body, /alert|"></);
    // One answer for two requests sent at once; nothing for the second.
    const pipelined = await pastTheCap(s.port, `GET /a HTTP/1.1\r\nHost: x\r\n${NAVIGATION}\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n`, sockets);
    assert.equal(pipelined.match(/HTTP\/1\.1 503/g)?.length, 1);
    // Headers far past what is read (64 KB of one header): answered and closed, not held.
    const started = Date.now();
    const huge = await pastTheCap(s.port, `GET /s/x HTTP/1.1\r\nHost: x\r\nX-Pad: ${'a'.repeat(65536)}\r\n${NAVIGATION}\r\n`, sockets);
    assert.match(huge, /^HTTP\/1\.1 503 /);
    assert.ok(Date.now() - started < 2500, `huge headers held ${Date.now() - started} ms`);
    // A head that never ends (no blank line), an HTTP/0.9 request line, LF-only line ends, no request at all.
    assert.match(await pastTheCap(s.port, `GET /s/x HTTP/1.1\r\nHost: x\r\n${NAVIGATION}`, sockets), /^HTTP\/1\.1 503 [\s\S]*"busy"/);
    assert.match(await pastTheCap(s.port, 'GET /s/x\r\n\r\n', sockets), /^HTTP\/1\.1 503 [\s\S]*"busy"/);
    assert.match(await pastTheCap(s.port, `GET /s/x HTTP/1.1\nHost: x\n${NAVIGATION.replace('\r\n', '\n')}\n`, sockets), /^HTTP\/1\.1 503 [\s\S]*<html lang="en" dir="ltr">/);
    assert.match(await pastTheCap(s.port, '', sockets), /^HTTP\/1\.1 503 [\s\S]*"busy"/);
    // A refused client that resets its connection at once (no 'error' listener would end the process).
    const reset = connect(s.port, '127.0.0.1');
    await once(reset, 'connect');
    reset.resetAndDestroy();
    await sleep(100);
    const first = sockets[0]!;
    const ok = new Promise<string>((resolve) => first.once('data', (chunk) => resolve(String(chunk))));
    first.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    assert.match(await ok, /^HTTP\/1\.1 200/);
  } finally {
    for (const socket of sockets) socket.destroy();
    await s.close();
  }
});
