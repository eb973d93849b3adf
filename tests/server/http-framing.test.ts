// Attacker pass 12 (2026-12-04): request framing the fuzzer (fuzz.test.ts) never sends, because it goes through
// fetch: Content-Length with Transfer-Encoding (request smuggling), two Content-Lengths, a body cut short by the
// client, chunk extensions and trailers, a UTF-8 BOM, Expect, and requests pipelined on one connection. All were
// sound when tried; kept here so they stay so. Raw bytes to the real server (`vlab serve`; the framing is settled
// before any storage, so this runs on SQLite only).
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import { serve, type ServedApp } from '../e2e/serve-process.ts';
import { LOAD_ENV } from '../../support/load-settings.ts';
import { openStore } from '../../server/storage/open-store.ts';
import { createTestLocation } from './test-app.ts';
import { testSql } from './test-sql.ts';

let app: ServedApp;
let location: { location: string; remove(): Promise<void> };
let wave: string;
/** What the server logged (warnings and worse). */
let logText = '';
before(async () => {
  location = await createTestLocation();
  app = await serve(location.location, { ...LOAD_ENV, LOG_LEVEL: 'warn' });
  wave = app.waves[0]!.id;
  app.child.stderr!.on('data', (chunk: Buffer) => (logText += chunk.toString()));
});
after(async () => {
  await app.stop();
  await location.remove();
});

/** Writes `bytes` on one connection, half-closes after `closeAfterMs`, and resolves with all the server sent. */
function exchange(bytes: string | Buffer, closeAfterMs = 1000): Promise<string> {
  const { hostname, port } = new URL(app.baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
    socket.write(bytes);
    setTimeout(() => socket.end(), closeAfterMs);
  });
}
const statuses = (received: string) => [...received.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));
const startHead = (extra: string) => `POST /api/waves/${wave}/participants HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n${extra}\r\n`;
const startBody = (pid: string) => JSON.stringify({ panel: { PROLIFIC_PID: pid } });

async function participantsWith(panelIds: string[]): Promise<number> {
  const store = await openStore(location.location);
  try {
    const placeholders = panelIds.map(() => '?').join(', ');
    return Number(await testSql(store).value(`SELECT COUNT(*) FROM participants WHERE panel_id IN (${placeholders})`, ...panelIds));
  } finally {
    await store.close();
  }
}

test('Content-Length with Transfer-Encoding, and two Content-Lengths: 400, nothing stored, nothing smuggled', async () => {
  const body = startBody('smuggled');
  const both = await exchange(`${startHead('Content-Length: 4\r\nTransfer-Encoding: chunked\r\n')}0\r\n\r\nPOST /api/waves/${wave}/participants HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
  assert.deepEqual(statuses(both), [400]);
  const twice = await exchange(`${startHead(`Content-Length: 2\r\nContent-Length: ${body.length}\r\n`)}${body}`);
  assert.deepEqual(statuses(twice), [400]);
  assert.equal(await participantsWith(['smuggled']), 0);
});

test('a body the client cuts short (Content-Length 500, 40 bytes, then end): 400 and no participant', async () => {
  const received = await exchange(`${startHead('Content-Length: 500\r\n')}${startBody('cut-short')}`, 300);
  assert.deepEqual(statuses(received), [400]);
  assert.equal(await participantsWith(['cut-short']), 0);
});

test('chunk extensions and trailers, a UTF-8 BOM, Expect: 100-continue are taken; an unknown Expect is 417', async () => {
  const body = startBody('chunked');
  const chunked = await exchange(`${startHead('Transfer-Encoding: chunked\r\n')}5;ext=1\r\n${body.slice(0, 5)}\r\n${(body.length - 5).toString(16)}\r\n${body.slice(5)}\r\n0\r\nX-Trailer: y\r\n\r\n`);
  assert.deepEqual(statuses(chunked), [201]);
  const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(startBody('bom'))]);
  assert.deepEqual(statuses(await exchange(Buffer.concat([Buffer.from(startHead(`Content-Length: ${bom.length}\r\n`)), bom]))), [201]);
  const expect = startBody('expect');
  assert.deepEqual(statuses(await exchange(`${startHead(`Expect: 100-continue\r\nContent-Length: ${expect.length}\r\n`)}${expect}`)), [100, 201]);
  const odd = startBody('odd-expect');
  assert.deepEqual(statuses(await exchange(`${startHead(`Expect: 999-x\r\nContent-Length: ${odd.length}\r\n`)}${odd}`)), [417]);
  assert.equal(await participantsWith(['chunked', 'bom', 'expect', 'odd-expect']), 3);
});

test('50 starts pipelined on one connection: 50 answers in order, 50 participants', async () => {
  const ids = Array.from({ length: 50 }, (_, i) => `piped-${i}`);
  const received = await exchange(ids.map((id) => `${startHead(`Content-Length: ${startBody(id).length}\r\n`)}${startBody(id)}`).join(''), 5000);
  assert.deepEqual(statuses(received), Array(50).fill(201));
  assert.equal(await participantsWith(ids), 50);
});

// Attacker pass 41: an HTTP/1.1 request without Host (a load balancer's health check written by hand, `printf … | nc`)
// is refused as RFC 9112 §3.2 says, but Node's own refusal was an empty 400 that no log line recorded: the operator saw
// the health check fail and nothing in the server's log. HTTP/1.0 may leave Host out and is served.
test('an HTTP/1.1 request without Host: 400 with words; HTTP/1.0 without Host is served', async () => {
  const refused = await exchange('GET /healthz HTTP/1.1\r\n\r\n', 300);
  assert.deepEqual(statuses(refused), [400]);
  assert.match(refused, /"code":"bad_request","message":"an HTTP\/1\.1 request needs a Host header[^"]*"/);
  assert.match(await exchange('GET /healthz HTTP/1.0\r\n\r\n', 300), /^HTTP\/1\.1 200 OK/);
  const body = startBody('no-host');
  assert.deepEqual(statuses(await exchange(`POST /api/waves/${wave}/participants HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`, 300)), [400]);
  assert.equal(await participantsWith(['no-host']), 0);
});

// Attacker pass 41: Node parses every request of a chunk it reads at once, and the app ran each: 150 connections each
// writing 1,500 pipelined page requests (8 MB in all) and reading nothing kept the server busy 160 s, a new visitor's
// health check waiting all that time, where the same requests one at a time are interleaved with everyone's. No
// browser pipelines; a connection runs 4 requests at a time, the rest wait their turn, and past 100 waiting it is cut
// off (server/pipeline-queue.ts).
test('a connection with more than 100 pipelined requests waiting is cut off: at most 104 reach the app', async () => {
  const started = Date.now();
  const received = await exchange('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n'.repeat(1000), 5000);
  assert.ok(Date.now() - started < 4000, 'the server closed the connection, not the client after 5 s');
  const answered = statuses(received).length;
  assert.ok(answered <= 104, `${answered} answered`);
  assert.match(await exchange('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 300), /^HTTP\/1\.1 200 OK/);
  // Attacker pass 42: the cut left no trace; one line a minute per address group names it (a second cut: no line).
  await exchange('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n'.repeat(1000), 5000);
  await new Promise((resolve) => setTimeout(resolve, 200));
  const cuts = logText.split('\n').filter((line) => /pipelin/.test(line));
  assert.equal(cuts.length, 1, logText);
  assert.match(cuts[0]!, /"level":40/);
  assert.match(cuts[0]!, /closed a connection that had more than 100 pipelined requests waiting/);
  assert.doesNotMatch(cuts[0]!, /127\.0\.0\.1/);
});

// Requests waiting their turn (server/pipeline-queue.ts) start later than Node read them: the last one read may lack
// part of its body, which must still reach it when it runs.
test('10 pipelined starts, the last one\'s body sent 300 ms later: 10 answers in order', async () => {
  const { hostname, port } = new URL(app.baseUrl);
  const ids = Array.from({ length: 10 }, (_, i) => `split-${i}`);
  const bytes = ids.map((id) => `${startHead(`Content-Length: ${startBody(id).length}\r\n`)}${startBody(id)}`).join('');
  const socket = connect(Number(port), hostname);
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  socket.write(bytes.slice(0, -10));
  setTimeout(() => socket.end(bytes.slice(-10)), 300);
  await new Promise((resolve) => socket.on('close', resolve));
  assert.deepEqual(statuses(received), Array(10).fill(201));
  assert.equal(await participantsWith(ids), 10);
});
