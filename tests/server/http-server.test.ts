import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect as http2Connect } from 'node:http2';
import { connect, type Socket } from 'node:net';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigError, loadConfig } from '../../server/config.ts';
import { closedWithin, listening, openConnections, sentWhole } from './http-server-support.ts';

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

// Attacker pass 42: a browser whose cookies for the domain are past Node's 16 KB (a university domain where other apps
// set many) got the JSON 431 in English on the survey link: raw JSON, nothing a respondent can act on. A survey link's
// navigation now gets a page in the survey's language saying to clear the site's cookies; the API keeps JSON.
test('headers over 16 KB on a survey link opened by a browser: a 431 page in the survey\'s language saying to clear the site\'s cookies; the API keeps JSON', async () => {
  const s = await listening({});
  const send = (request: string) => sentWhole(s.port, request);
  try {
    const spanish = (await s.t.studies.createWave({ studyKey: 'bus-line-funding', target: 10, locale: 'es' })).wave;
    // Its page served once, as to any respondent before (the wave's languages are noted then, as for the busy page).
    assert.match(await send(`GET /s/${spanish.id} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`), /^HTTP\/1\.1 200 /);
    const cookies = `Cookie: ${Array.from({ length: 40 }, (_, i) => `other_app_${i}=${'x'.repeat(480)}`).join('; ')}\r\n`;
    const navigation = (target: string, method = 'GET') =>
      `${method} ${target} HTTP/1.1\r\nHost: x\r\nAccept: text/html,application/xhtml+xml,*/*;q=0.8\r\nAccept-Language: en-US,en;q=0.9\r\n${cookies}\r\n`;
    const page = await send(navigation(`/s/${spanish.id}?PROLIFIC_PID=5f8d`));
    assert.match(page, /^HTTP\/1\.1 431 /);
    assert.match(page, /\r\nContent-Type: text\/html; charset=utf-8\r\n/);
    assert.match(page, /\r\nContent-Security-Policy: [^\r]*style-src [^\r]*'sha256-/);
    assert.match(page, /<html lang="es" dir="ltr">[\s\S]*<h1>La encuesta no puede abrirse: demasiadas cookies<\/h1>[\s\S]*Borre las cookies de este sitio/);
    assert.doesNotMatch(page, /<script/);
    assert.match(await send(navigation(`/s/${spanish.id}?lang=en`)), /<html lang="en" dir="ltr">[\s\S]*<h1>The survey cannot open: too many cookies<\/h1>/);
    const head = await send(navigation(`/s/${spanish.id}`, 'HEAD'));
    assert.match(head, /^HTTP\/1\.1 431 [\s\S]*\r\n\r\n$/);
    for (const json of [navigation(`/api/participants`), navigation(`/s/${spanish.id}`).replace('Accept: text/html,application/xhtml+xml,*/*;q=0.8', 'Accept: application/json')]) {
      const answer = await send(json);
      assert.match(answer, /^HTTP\/1\.1 431 [\s\S]*\r\nContent-Type: application\/json; charset=utf-8\r\n/);
    }
  } finally {
    await s.close();
  }
});

// Attacker pass 43: the page above was chosen from the bytes Node was parsing when it refused, so a head that
// arrived in pieces — over the internet a 20 KB head is some 14 TCP segments, read in several reads — got the JSON:
// its last read held no request line (pass 42's leftover). Heads up to 64 KB now reach the server's own check, which
// reads the request Node parsed whole.
test('headers over 16 KB arriving in pieces on a survey link: still the 431 page; a 40 KB head the same; the API\'s JSON', async () => {
  const s = await listening({});
  try {
    const english = (await s.t.studies.createWave({ studyKey: 'bus-line-funding', target: 10 })).wave;
    const cookie = (count: number) => `Cookie: ${Array.from({ length: count }, (_, i) => `other_app_${i}=${'x'.repeat(480)}`).join('; ')}\r\n`;
    const inPieces = async (target: string, accept: string, cookies: number) => {
      const socket = connect(s.port, '127.0.0.1');
      await once(socket, 'connect');
      const closed = closedWithin(socket, 4000);
      socket.write(`GET ${target} HTTP/1.1\r\nHost: x\r\nAccept: ${accept}\r\nAccept-Language: en-US,en;q=0.9\r\n${cookie(12)}`);
      await sleep(150);
      socket.write(`${cookie(cookies)}\r\n`);
      return (await closed) ?? 'still open';
    };
    const html = 'text/html,application/xhtml+xml,*/*;q=0.8';
    for (const cookies of [28, 70]) {
      const page = await inPieces(`/s/${english.id}?PROLIFIC_PID=5f8d`, html, cookies);
      assert.match(page, /^HTTP\/1\.1 431 /, `${cookies}: ${page.slice(0, 300)}`);
      assert.match(page, /\r\nContent-Type: text\/html; charset=utf-8\r\n/);
      assert.match(page, /\r\nContent-Security-Policy: [^\r]*style-src [^\r]*'sha256-/);
      assert.match(page, /<html lang="en" dir="ltr">[\s\S]*<h1>The survey cannot open: too many cookies<\/h1>/);
    }
    assert.match(await inPieces(`http://x/s/${english.id}`, html, 28), /^HTTP\/1\.1 431 [\s\S]*<h1>The survey cannot open: too many cookies<\/h1>/, 'absolute form');
    const api = await inPieces('/api/researcher/waves', html, 28);
    assert.match(api, /^HTTP\/1\.1 431 [\s\S]*\r\nContent-Type: application\/json; charset=utf-8\r\n/);
    assert.deepEqual(JSON.parse(api.slice(api.indexOf('\r\n\r\n') + 4)), {
      error: { code: 'request_header_fields_too_large', message: 'the request\'s URL and headers are too long (at most 16 KB together)' },
    });
    assert.deepEqual(s.reached, [], 'no oversized request reached the app');
    // Past the 64 KB Node reads at all: Node's own refusal, the JSON (no read of a head that long holds all of it).
    const whole = await sentWhole(s.port, `GET /s/${english.id} HTTP/1.1\r\nHost: x\r\nAccept: ${html}\r\n${cookie(140)}\r\n`);
    assert.match(whole, /^HTTP\/1\.1 431 [\s\S]*\r\nContent-Type: application\/json; charset=utf-8\r\n/);
    // 3,000 headers of 2 bytes (6 KB as Node counts): Node keeps about 1,000, so the count is unknown and the head refused.
    const many = await sentWhole(s.port, `GET /healthz HTTP/1.1\r\nHost: x\r\n${'a:1\r\n'.repeat(3000)}\r\n`);
    assert.match(many, /^HTTP\/1\.1 431 [\s\S]*request_header_fields_too_large/);
    // Just under the limit is served, as before.
    assert.match(await sentWhole(s.port, `GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Pad: ${'p'.repeat(16_000)}\r\n\r\n`), /^HTTP\/1\.1 200 /);
  } finally {
    await s.close();
  }
});

// Attacker pass 42: an HTTP/2 client with prior knowledge (`curl --http2-prior-knowledge`, a gRPC-style client, a
// load balancer's h2c health check) got the JSON 400 in HTTP/1.1, which it cannot read: curl said "Empty reply from
// server". It gets HTTP/2's own refusal, GOAWAY with HTTP_1_1_REQUIRED (RFC 9113 §7), which names the fix.
test('an HTTP/2 prior-knowledge preface gets a GOAWAY with HTTP_1_1_REQUIRED, in HTTP/2', async () => {
  const s = await listening({});
  try {
    const session = http2Connect(`http://127.0.0.1:${s.port}`);
    session.on('error', () => undefined);
    const [code] = (await once(session, 'goaway')) as [number];
    assert.equal(code, 13, 'HTTP_1_1_REQUIRED');
    session.destroy();
  } finally {
    await s.close();
  }
});

test('a request Node refuses before the app (headers or URL over 16 KB, a malformed request line) gets a JSON error in words, not an empty 431 or 400', async () => {
  const s = await listening({});
  const send = (request: string) => sentWhole(s.port, request);
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
