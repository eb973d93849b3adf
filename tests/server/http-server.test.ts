import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigError, loadConfig } from '../../server/config.ts';
import { createHttpServer } from '../../server/http-server.ts';
import { createTestApp } from './test-app.ts';

// The server `vlab serve` listens with (server/http-server.ts), over the test app, with short limits.
async function listening(overrides: Record<string, number | string>) {
  const t = await createTestApp();
  // The requests that reached the app: one read on a refused connection must not (a start would make a participant).
  const reached: string[] = [];
  const app: typeof t.app = Object.assign((req: IncomingMessage, res: ServerResponse) => {
    reached.push(req.url ?? '');
    t.app(req, res);
  }, t.app);
  const server = createHttpServer(app, loadConfig({}, overrides)).listen(0);
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return {
    t,
    port,
    reached,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      t.close();
    },
  };
}

/** Resolves with what the server sent once it closes the connection, or with null if it is still open after `ms`. */
function closedWithin(socket: Socket, ms: number): Promise<string | null> {
  let received = '';
  socket.on('data', (chunk) => (received += chunk));
  return Promise.race([once(socket, 'close').then(() => received), sleep(ms).then(() => null)]);
}

test('a client trickling its body is cut off with 408 after VLAB_REQUEST_TIMEOUT', async () => {
  const s = await listening({ requestTimeoutSeconds: 1, headersTimeoutSeconds: 1 });
  const socket = connect(s.port, '127.0.0.1');
  try {
    await once(socket, 'connect');
    socket.write(`PUT /api/participants/AAAAAAAAAAAAAAAAAAAAAA/answers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{`);
    const trickle = setInterval(() => socket.writable && socket.write(' '), 200);
    const started = Date.now();
    const answer = await closedWithin(socket, 4000);
    clearInterval(trickle);
    assert.notEqual(answer, null, 'the connection was still open after 4 s of a trickling body');
    assert.match(answer!, /^HTTP\/1\.1 408/);
    console.log(`timeouts: trickling body cut after ${Date.now() - started} ms with 408 (limit 1 s)`);
  } finally {
    socket.destroy();
    await s.close();
  }
});

test('headers sent slowly are cut off after VLAB_HEADERS_TIMEOUT; an idle keep-alive connection after VLAB_KEEPALIVE_TIMEOUT', async () => {
  const s = await listening({ requestTimeoutSeconds: 5, headersTimeoutSeconds: 1, keepAliveTimeoutSeconds: 1 });
  const slow = connect(s.port, '127.0.0.1');
  const idle = connect(s.port, '127.0.0.1');
  try {
    await Promise.all([once(slow, 'connect'), once(idle, 'connect')]);
    slow.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
    const slowClosed = closedWithin(slow, 4000);
    idle.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    const idleClosed = closedWithin(idle, 4000);
    assert.match((await slowClosed) ?? 'still open', /^HTTP\/1\.1 408/);
    assert.match((await idleClosed) ?? 'still open', /^HTTP\/1\.1 200[\s\S]*"ok":true/);
  } finally {
    slow.destroy();
    idle.destroy();
    await s.close();
  }
});

/** Opens `count` connections to the server and waits until it has taken each. */
async function openConnections(port: number, count: number, sockets: Socket[]): Promise<void> {
  for (let i = 0; i < count; i++) {
    const socket = connect(port, '127.0.0.1');
    sockets.push(socket);
    await once(socket, 'connect');
  }
  await sleep(100);
}

/** The raw answer to a connection past the cap: a 503 busy with Retry-After and Connection: close, then closed. */
function assertBusyAnswer(answer: string | null, what: string): void {
  assert.notEqual(answer, null, `${what}: still open after 2 s`);
  assert.match(answer!, /^HTTP\/1\.1 503 Service Unavailable\r\n/, `${what}: closed without an answer`);
  assert.match(answer!, /\r\nRetry-After: 5\r\n/);
  assert.match(answer!, /\r\nConnection: close\r\n/);
  assert.equal(JSON.parse(answer!.slice(answer!.indexOf('\r\n\r\n') + 4)).error.code, 'busy');
}

test('past VLAB_MAX_CONNECTIONS a new connection is answered 503 busy with Retry-After and closed; the open ones keep working', async () => {
  const s = await listening({ maxConnections: 10 });
  const sockets: Socket[] = [];
  try {
    await openConnections(s.port, 10, sockets);
    const extra = connect(s.port, '127.0.0.1');
    sockets.push(extra);
    const extraClosed = closedWithin(extra, 2000);
    // A request sent on the refused connection reaches no route: the answer is the 503 alone.
    extra.write('GET /healthz?refused HTTP/1.1\r\nHost: x\r\n\r\n');
    const answer = await extraClosed;
    assertBusyAnswer(answer, 'the eleventh connection');
    assert.deepEqual(s.reached, [], 'the request on the refused connection reached the app');
    // A flood that never reads: at most as many refused connections wait for their answer as the cap allows open.
    await openConnections(s.port, 10, sockets);
    const flooded = connect(s.port, '127.0.0.1');
    sockets.push(flooded);
    assert.equal(await closedWithin(flooded, 2000), '', 'the 21st connection, past 10 open and 10 being answered, is closed at once');
    const first = sockets[0]!;
    const ok = new Promise<string>((resolve) => first.once('data', (chunk) => resolve(String(chunk))));
    first.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    assert.match(await ok, /^HTTP\/1\.1 200/);
    // Closed connections give their places back.
    for (const socket of sockets.splice(0)) socket.destroy();
    await sleep(200);
    const again = connect(s.port, '127.0.0.1');
    sockets.push(again);
    await once(again, 'connect');
    const againAnswer = closedWithin(again, 2000);
    again.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    assert.match((await againAnswer) ?? 'still open', /^HTTP\/1\.1 200/);
  } finally {
    for (const socket of sockets) socket.destroy();
    await s.close();
  }
});

test('one address may hold VLAB_MAX_CONNECTIONS_PER_ADDRESS connections (then 503); behind VLAB_TRUST_PROXY the share does not apply', async () => {
  const direct = await listening({ maxConnections: 20, maxConnectionsPerAddress: 3 });
  const proxied = await listening({ maxConnections: 20, maxConnectionsPerAddress: 3, trustProxy: '1' });
  const sockets: Socket[] = [];
  try {
    await openConnections(direct.port, 3, sockets);
    const fourth = connect(direct.port, '127.0.0.1');
    sockets.push(fourth);
    assertBusyAnswer(await closedWithin(fourth, 2000), 'the fourth connection from one address');
    // Behind a proxy every connection is the proxy's address: a share would cap the whole server at 3.
    await openConnections(proxied.port, 4, sockets);
    const fifth = sockets.at(-1)!;
    const answer = closedWithin(fifth, 2000);
    fifth.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    assert.match((await answer) ?? 'still open', /^HTTP\/1\.1 200/);
  } finally {
    for (const socket of sockets) socket.destroy();
    await direct.close();
    await proxied.close();
  }
});

test('the timeout settings are validated: the headers timeout may not exceed the request timeout', () => {
  const config = loadConfig({});
  assert.deepEqual(
    [config.requestTimeoutSeconds, config.headersTimeoutSeconds, config.keepAliveTimeoutSeconds, config.maxConnections, config.maxConnectionsPerAddress],
    [30, 10, 5, 2000, 200],
  );
  assert.throws(
    () => loadConfig({ VLAB_REQUEST_TIMEOUT: '5', VLAB_HEADERS_TIMEOUT: '6' }),
    (e) => e instanceof ConfigError && e.message === 'VLAB_HEADERS_TIMEOUT: must not exceed VLAB_REQUEST_TIMEOUT, got "6"',
  );
  assert.throws(() => loadConfig({ VLAB_MAX_CONNECTIONS: 'many' }), /^ConfigError: VLAB_MAX_CONNECTIONS/);
  assert.throws(() => loadConfig({ VLAB_MAX_CONNECTIONS_PER_ADDRESS: '0' }), /^ConfigError: VLAB_MAX_CONNECTIONS_PER_ADDRESS/);
});

test('a request Node refuses before the app (headers or URL over 16 KB, a malformed request line) gets a JSON error in words, not an empty 431 or 400', async () => {
  const s = await listening({});
  const send = async (request: string) => {
    const socket = connect(s.port, '127.0.0.1');
    await once(socket, 'connect');
    const closed = closedWithin(socket, 4000);
    socket.write(request);
    return (await closed) ?? 'still open';
  };
  try {
    const query = Array.from({ length: 3000 }, (_, i) => `p${i}=1`).join('&');
    const long = await send(`GET /api/researcher/waves?${query} HTTP/1.1\r\nHost: x\r\n\r\n`);
    assert.match(long, /^HTTP\/1\.1 431 /);
    assert.match(long, /\r\nContent-Type: application\/json; charset=utf-8\r\n/);
    assert.deepEqual(JSON.parse(long.slice(long.indexOf('\r\n\r\n') + 4)), {
      error: { code: 'request_header_fields_too_large', message: 'the request\'s URL and headers are too long (at most 16 KB together)' },
    });
    const malformed = await send('GET /healthz HTTP/1.1\r\nHost x\r\n\r\n');
    assert.match(malformed, /^HTTP\/1\.1 400 /);
    assert.deepEqual(JSON.parse(malformed.slice(malformed.indexOf('\r\n\r\n') + 4)), {
      error: { code: 'bad_request', message: 'the request is not valid HTTP' },
    });
  } finally {
    await s.close();
  }
});

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

// Attacker pass 25: a respondent's link opened while the cap is full got the raw JSON 503, which Chromium shows as
// text in a page without a language or title. A navigation now gets a small page in the respondent's language.
test('past the cap, a browser navigation (GET, Accept: text/html) gets a small HTML busy page in its language that reloads after Retry-After', async () => {
  const s = await listening({ maxConnections: 10 });
  const sockets: Socket[] = [];
  try {
    const es = answerParts(await pastTheCap(s.port, `GET /s/AbCdEfGhIjKl?PROLIFIC_PID=x HTTP/1.1\r\nHost: x\r\n${NAVIGATION}Accept-Language: es-MX,es;q=0.9,en;q=0.8\r\n\r\n`, sockets));
    assert.equal(es.status, 'HTTP/1.1 503 Service Unavailable');
    assert.equal(es.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(es.headers.get('retry-after'), '5');
    assert.equal(es.headers.get('connection'), 'close');
    assert.equal(es.headers.get('content-length'), String(Buffer.byteLength(es.body)));
    assert.match(es.body, /^<!doctype html>\n<html lang="es">/);
    assert.match(es.body, /<meta name="viewport" content="width=device-width, initial-scale=1">/);
    assert.match(es.body, /<title>La encuesta está muy ocupada en este momento<\/title>/);
    assert.match(es.body, /<h1>La encuesta está muy ocupada en este momento<\/h1>/);
    assert.match(es.body, /<p role="status">No cierre esta página: se volverá a cargar sola en 5 segundos\.<\/p>/);
    // The reload is a script the page's CSP admits by its hash (helmet's CSP has no 'unsafe-inline'); helmet's other headers too.
    const script = /<script>([^<]*)<\/script>/.exec(es.body)![1]!;
    assert.match(script, /location\.reload\(\)/);
    assert.match(script, /5000/);
    const csp = es.headers.get('content-security-policy') ?? '';
    assert.ok(csp.includes(`script-src 'self' 'sha256-${createHash('sha256').update(script).digest('base64')}'`), csp);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(es.headers.get('x-content-type-options'), 'nosniff');
    // The link's ?lang= wins over the browser's languages, as on the survey page; a language the page lacks: the browser's, else English.
    const en = answerParts(await pastTheCap(s.port, `GET /s/AbCdEfGhIjKl?lang=en HTTP/1.1\r\nHost: x\r\n${NAVIGATION}Accept-Language: es\r\n\r\n`, sockets));
    assert.match(en.body, /<html lang="en">[\s\S]*<h1>The survey is very busy right now<\/h1>[\s\S]*<p role="status">Please keep this page open: it will reload by itself in 5 seconds\.<\/p>/);
    const fr = answerParts(await pastTheCap(s.port, `GET /s/AbCdEfGhIjKl?lang=fr HTTP/1.1\r\nHost: x\r\n${NAVIGATION}Accept-Language: fr-CH, fr;q=0.9, es;q=0.5, en;q=0.1\r\n\r\n`, sockets));
    assert.match(fr.body, /<html lang="es">/);
    // HEAD: the page's headers, no body.
    const head = await pastTheCap(s.port, `HEAD /s/AbCdEfGhIjKl HTTP/1.1\r\nHost: x\r\n${NAVIGATION}\r\n`, sockets);
    assert.match(head, /^HTTP\/1\.1 503 [\s\S]*\r\nContent-Type: text\/html; charset=utf-8\r\n[\s\S]*\r\n\r\n$/);
    // Scripts, the page's own fetches and other methods keep the JSON.
    for (const request of [
      'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n',
      'GET /s/AbCdEfGhIjKl HTTP/1.1\r\nHost: x\r\nAccept: application/json, text/html\r\n\r\n',
      'GET /s/AbCdEfGhIjKl HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\n',
      `POST /api/waves/AbCdEfGhIjKl/participants HTTP/1.1\r\nHost: x\r\n${NAVIGATION}Content-Length: 2\r\n\r\n{}`,
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

test('past the cap, hostile requests: an injected Accept-Language or ?lang= is never written into the page; a huge, endless, pipelined, HTTP/0.9 or LF-only request gets one answer and the close; a reset is no crash', async () => {
  const s = await listening({ maxConnections: 10 });
  const sockets: Socket[] = [];
  try {
    const injected = answerParts(
      await pastTheCap(s.port, `GET /s/x?lang=%22%3E%3Cscript%3Ealert(1)%3C/script%3E HTTP/1.1\r\nHost: x\r\n${NAVIGATION}Accept-Language: "><script>alert(2)</script>, es;q=0.5\r\n\r\n`, sockets),
    );
    assert.match(injected.body, /<html lang="es">/);
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
    assert.match(await pastTheCap(s.port, `GET /s/x HTTP/1.1\nHost: x\n${NAVIGATION.replace('\r\n', '\n')}\n`, sockets), /^HTTP\/1\.1 503 [\s\S]*<html lang="en">/);
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
