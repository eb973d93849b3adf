// A download cut short must never look complete. Over HTTP/1.1 a streamed export is chunked, and a cut leaves its
// last chunk missing, which every client sees. An HTTP/1.0 request (nginx proxies with HTTP/1.0 unless told
// `proxy_http_version 1.1`, and docs/deploy.md's example did not) cannot be chunked: the body ends where the
// connection closes, so an export cut by a killed process or a failing worker reached the researcher as a shorter
// file with no sign of it (attacker pass 21). Such a download now carries its Content-Length, so a cut is seen.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readdirSync, readlinkSync } from 'node:fs';
import { type AddressInfo, connect } from 'node:net';
import { Readable } from 'node:stream';
import { after, test } from 'node:test';
import { pino } from 'pino';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { silentLogger } from '../../server/logger.ts';
import { createSpoolBudget } from '../../server/workers/spool-budget.ts';
import { createResearcherTestApp, eventually, startParticipant } from './researcher-support.ts';
import { TEST_RATE_LIMITS } from './test-app.ts';

const cleanups: (() => void | Promise<void>)[] = [];
after(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The raw answer to a GET sent over a socket with the given HTTP version: status line, headers and body bytes. */
async function rawGet(port: number, path: string, token: string, version: '1.0' | '1.1') {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write(`GET ${path} HTTP/${version}\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nConnection: close\r\n\r\n`);
  const chunks: Buffer[] = [];
  socket.on('data', (c: Buffer) => chunks.push(c));
  await once(socket, 'close');
  const raw = Buffer.concat(chunks);
  const end = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, end).toString('latin1').split('\r\n');
  const headers = Object.fromEntries(head.slice(1).map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  return { status: Number(head[0]!.split(' ')[1]), headers, body: raw.subarray(end + 4) };
}

async function listening(app: ReturnType<typeof createApp>) {
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { port: (server.address() as AddressInfo).port, server };
}

test('an export and a replication package over HTTP/1.0 carry their Content-Length, and the file is that of HTTP/1.1', async () => {
  const t = await createResearcherTestApp();
  cleanups.push(() => t.close());
  for (let i = 0; i < 5; i++) await startParticipant(t.app, t.wave.id, { PROLIFIC_PID: `framing-${i}` });
  const { port } = await listening(t.app);
  for (const path of [`/api/researcher/waves/${t.wave.id}/export?format=csv`, `/api/researcher/waves/${t.wave.id}/export?format=json`, `/api/researcher/waves/${t.wave.id}/replication`]) {
    const old = await rawGet(port, path, t.token, '1.0');
    const chunked = await (await fetch(`http://127.0.0.1:${port}${path}`, { headers: { Authorization: `Bearer ${t.token}` } })).arrayBuffer();
    assert.equal(old.status, 200, path);
    assert.equal(old.headers['transfer-encoding'], undefined, `${path}: HTTP/1.0 is never chunked`);
    assert.equal(old.headers['content-length'], String(old.body.length), `${path}: Content-Length says how long the whole file is`);
    // The zip too, whose entries are stamped with the data's latest completion, not the time it was made.
    assert.ok(old.body.equals(Buffer.from(chunked)), `${path}: the same bytes as over HTTP/1.1`);
  }
});

test('a download whose worker fails part way: over HTTP/1.0 an error answer, never a shorter file that looks whole', async () => {
  const t = await createResearcherTestApp();
  cleanups.push(() => t.close());
  // A worker that sends 3 chunks and then fails, as one ended under the download (or its process killed) would.
  const failingPool = {
    ...t.researcherPool,
    stream: async () => ({
      meta: { fileName: 'wave.csv', contentType: 'text/csv; charset=utf-8' },
      body: Readable.from(
        (async function* () {
          for (let i = 0; i < 3; i++) yield Buffer.from(`row ${i}\n`);
          throw new Error('the worker ended');
        })(),
      ),
    }),
  } as typeof t.researcherPool;
  const config = loadConfig({}, { dbPath: t.location, logLevel: 'silent', ...TEST_RATE_LIMITS });
  const { port } = await listening(createApp({ store: t.store, config, researcherPool: failingPool, logger: silentLogger }));
  const path = `/api/researcher/waves/${t.wave.id}/export?format=csv`;
  const old = await rawGet(port, path, t.token, '1.0');
  assert.notEqual(old.status, 200, `the cut file was answered 200 with ${JSON.stringify(old.body.toString())} and no length`);
  assert.match(old.body.toString(), /"error"/);
  // Over HTTP/1.1 the bytes stream as before and the missing last chunk tells the client.
  const chunked = await rawGet(port, path, t.token, '1.1');
  assert.equal(chunked.status, 200);
  assert.equal(chunked.headers['transfer-encoding'], 'chunked');
  assert.ok(!chunked.body.toString('latin1').endsWith('0\r\n\r\n'), 'no last chunk: the client sees the cut');
});

/** How many of this process's file descriptors point at a spooled download (unlinked: readlink ends "(deleted)"). */
function openSpooledFiles(): number {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`).includes('vlab-download-');
    } catch {
      return false; // the descriptor readdir itself used, closed since
    }
  }).length;
}

test('every HTTP/1.0 download closes its spooled file when it is sent, not at garbage collection', async () => {
  const t = await createResearcherTestApp();
  cleanups.push(() => t.close());
  await startParticipant(t.app, t.wave.id, { PROLIFIC_PID: 'spooled-1' });
  const { port } = await listening(t.app);
  const before = openSpooledFiles();
  for (let i = 0; i < 4; i++) assert.equal((await rawGet(port, `/api/researcher/waves/${t.wave.id}/export?format=csv`, t.token, '1.0')).status, 200);
  // On main's code each one stayed open until a collection closed it ("Closing file descriptor N on garbage collection"):
  // the write stream's reference on the file handle, never given back, made the read stream's close wait for ever.
  assert.ok(await eventually(() => openSpooledFiles() === before, 2000), `${openSpooledFiles() - before} spooled files left open after 4 downloads`);
});

/** An app whose downloads are `bytes` long, cut off after `stallSeconds` without a read; HTTP/1.0 files share `spoolBytes`. */
async function bigFileApp(bytes: number, stallSeconds = 1, spoolBytes = 1024 * 1024 * 1024) {
  const t = await createResearcherTestApp();
  cleanups.push(() => t.close());
  // One chunk, so that over HTTP/1.1 the worker's side ends at once and only the response is left waiting.
  const pool = {
    ...t.researcherPool,
    downloadStallSeconds: stallSeconds,
    spool: createSpoolBudget(spoolBytes),
    stream: async () => ({ meta: { fileName: 'wave.csv', contentType: 'text/csv; charset=utf-8' }, body: Readable.from([Buffer.alloc(bytes, 0x61)]) }),
  } as typeof t.researcherPool;
  const config = loadConfig({}, { dbPath: t.location, logLevel: 'silent', ...TEST_RATE_LIMITS });
  return { ...(await listening(createApp({ store: t.store, config, researcherPool: pool, logger: silentLogger }))), t };
}

for (const version of ['1.0', '1.1'] as const) {
  test(`an HTTP/${version} client that stops reading is cut off after the stall time, and the spooled file is closed`, async () => {
    // 24 MB: more than the socket buffers on both sides of a loopback connection hold, so the server must wait.
    const { port, server, t } = await bigFileApp(24 * 1024 * 1024);
    const connections = () => new Promise<number>((resolve, reject) => server.getConnections((error, n) => (error ? reject(error) : resolve(n))));
    const before = openSpooledFiles();
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    socket.write(`GET /api/researcher/waves/${t.wave.id}/export HTTP/${version}\r\nHost: x\r\nAuthorization: Bearer ${t.token}\r\n\r\n`);
    await once(socket, 'data');
    socket.pause();
    // A paused socket reads nothing, not even the server's end of the connection: the server's own count tells.
    const began = Date.now();
    let open = 1;
    while (open > 0 && Date.now() - began < 6000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      open = await connections();
    }
    const waited = Date.now() - began;
    socket.destroy();
    assert.equal(open, 0, 'the server still held the stalled connection after 6 s');
    assert.ok(waited >= 800, `cut after ${waited} ms, before the stall time`);
    assert.ok(await eventually(() => openSpooledFiles() === before, 2000), 'the spooled file is closed');
  });
}

/** A file that never ends, made 1 KB each 10 ms as a worker makes one, and whether it was stopped. */
function endlessFile() {
  let stopped = false;
  const endless = new Readable({
    read() {
      setTimeout(() => this.push(Buffer.alloc(1024, 0x61)), 10);
    },
    destroy(error, callback) {
      stopped = true;
      callback(error);
    },
  });
  return { endless, destroyed: () => stopped };
}

test('an HTTP/1.0 client that leaves while its file is being made stops the making (and its job), logging no error', async () => {
  const t = await createResearcherTestApp();
  cleanups.push(() => t.close());
  const failures: unknown[] = [];
  const { endless, destroyed } = endlessFile();
  const pool = { ...t.researcherPool, stream: async () => ({ meta: { fileName: 'wave.csv', contentType: 'text/csv' }, body: endless }) } as typeof t.researcherPool;
  const config = loadConfig({}, { dbPath: t.location, logLevel: 'silent', ...TEST_RATE_LIMITS });
  const logger = pino({ level: 'warn' }, { write: (line: string) => failures.push(line) });
  const { port } = await listening(createApp({ store: t.store, config, researcherPool: pool, logger }));
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write(`GET /api/researcher/waves/${t.wave.id}/export HTTP/1.0\r\nHost: x\r\nAuthorization: Bearer ${t.token}\r\n\r\n`);
  await new Promise((resolve) => setTimeout(resolve, 300));
  socket.destroy();
  // On main's code the spool read on for ever (a worker making a whole export for nobody, holding its job's place).
  assert.ok(await eventually(destroyed, 2000), 'the file was still being made 2 s after its client left');
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.deepEqual(failures, []);
});

// Attacker pass 31: the test above, under a load of 10, once let its client leave before the route had its file (the
// token's check still running): the spool's 'close' listener came after the close, and the file was made for nobody
// for ever (the test file then hung to its 600-s timeout). Here the file comes only after the client has left.
test('an HTTP/1.0 client that leaves before its file begins stops the making too', async () => {
  const t = await createResearcherTestApp();
  cleanups.push(() => t.close());
  const { endless, destroyed } = endlessFile();
  cleanups.push(async () => void endless.destroy());
  let left: () => void = () => undefined;
  const clientLeft = new Promise<void>((resolve) => (left = resolve));
  const pool = { ...t.researcherPool, stream: async () => (await clientLeft, { meta: { fileName: 'wave.csv', contentType: 'text/csv' }, body: endless }) } as typeof t.researcherPool;
  const config = loadConfig({}, { dbPath: t.location, logLevel: 'silent', ...TEST_RATE_LIMITS });
  const { port } = await listening(createApp({ store: t.store, config, researcherPool: pool, logger: silentLogger }));
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write(`GET /api/researcher/waves/${t.wave.id}/export HTTP/1.0\r\nHost: x\r\nAuthorization: Bearer ${t.token}\r\n\r\n`);
  await new Promise((resolve) => setTimeout(resolve, 100));
  socket.destroy();
  await new Promise((resolve) => setTimeout(resolve, 100));
  left();
  assert.ok(await eventually(destroyed, 2000), 'the file was still being made 2 s after it began for a client already gone');
});

test('a client that reads with pauses shorter than the stall time gets the whole HTTP/1.0 file', async () => {
  const bytes = 24 * 1024 * 1024;
  const { port, t } = await bigFileApp(bytes, 2);
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write(`GET /api/researcher/waves/${t.wave.id}/export HTTP/1.0\r\nHost: x\r\nAuthorization: Bearer ${t.token}\r\n\r\n`);
  // A slow network: 1.5-s silences after every 8 MB, each shorter than the 2-s stall time (a timeout of 0.5 s cut it).
  let received = 0;
  let nextPause = 8 * 1024 * 1024;
  socket.on('data', (chunk: Buffer) => {
    received += chunk.length;
    if (received < nextPause) return;
    nextPause += 8 * 1024 * 1024;
    socket.pause();
    setTimeout(() => socket.resume(), 1500);
  });
  await once(socket, 'close');
  assert.ok(received > bytes, `${received} bytes: the download was cut`);
});

test('HEAD on a download answers its headers and stops the worker: no file is made for nobody', async () => {
  const t = await createResearcherTestApp();
  cleanups.push(() => t.close());
  let destroyed = false;
  // A new endless file at each request, as a worker would start one.
  const endless = () =>
    new Readable({
      read() {
        setTimeout(() => this.push(Buffer.alloc(1024, 0x61)), 10);
      },
      destroy(error, callback) {
        destroyed = true;
        callback(error);
      },
    });
  const pool = { ...t.researcherPool, stream: async () => ({ meta: { fileName: 'wave.csv', contentType: 'text/csv' }, body: endless() }) } as typeof t.researcherPool;
  const config = loadConfig({}, { dbPath: t.location, logLevel: 'silent', ...TEST_RATE_LIMITS });
  const { port } = await listening(createApp({ store: t.store, config, researcherPool: pool, logger: silentLogger }));
  for (const version of ['1.1', '1.0']) {
    destroyed = false;
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    socket.write(`HEAD /api/researcher/waves/${t.wave.id}/export HTTP/${version}\r\nHost: x\r\nAuthorization: Bearer ${t.token}\r\nConnection: close\r\n\r\n`);
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    // On main's code HEAD ran the whole job: with this endless one, no answer at all (over HTTP/1.0) or none ending.
    const closed = await Promise.race([once(socket, 'close').then(() => true), new Promise<false>((resolve) => setTimeout(() => resolve(false), 3000))]);
    socket.destroy();
    assert.ok(closed, `HTTP/${version}: HEAD still open after 3 s (${JSON.stringify(Buffer.concat(chunks).toString().slice(0, 40))})`);
    assert.match(Buffer.concat(chunks).toString(), /^HTTP\/1\.1 200[\s\S]*content-disposition: attachment; filename="wave\.csv"/i);
    assert.ok(await eventually(() => destroyed, 1000), `HTTP/${version}: the worker's stream was not stopped`);
  }
});

// Walk-through 30 (walk-through 29's leftover): HEAD on the estimates CSV, a download too, fitted the whole plan in a
// worker for a response without a body (a link checker's or `curl -I`'s). It answers the GET's headers from the wave's
// study alone now; so does HEAD on the JSON.
test('HEAD on the estimates (CSV or JSON) answers their headers without fitting the plan', async () => {
  const t = await createResearcherTestApp();
  cleanups.push(() => t.close());
  let fits = 0;
  const pool = { ...t.researcherPool, run: async (job: unknown) => (fits++, t.researcherPool.run(job as never)) } as typeof t.researcherPool;
  const config = loadConfig({}, { dbPath: t.location, logLevel: 'silent', ...TEST_RATE_LIMITS });
  const { port } = await listening(createApp({ store: t.store, config, researcherPool: pool, logger: silentLogger }));
  const url = (format: string) => `http://127.0.0.1:${port}/api/researcher/waves/${t.wave.id}/estimates?format=${format}`;
  const head = await fetch(url('csv'), { method: 'HEAD', headers: { Authorization: `Bearer ${t.token}` } });
  assert.equal(head.status, 200);
  assert.equal(fits, 0, 'HEAD fitted the plan');
  const get = await fetch(url('csv'), { headers: { Authorization: `Bearer ${t.token}` } });
  await get.arrayBuffer();
  assert.equal(fits, 1);
  for (const name of ['content-type', 'content-disposition', 'x-content-type-options']) assert.equal(head.headers.get(name), get.headers.get(name), name);
  const json = await fetch(url('json'), { method: 'HEAD', headers: { Authorization: `Bearer ${t.token}` } });
  assert.equal(json.status, 200);
  assert.match(json.headers.get('content-type')!, /^application\/json/);
  assert.equal(fits, 1, 'HEAD on the JSON fitted the plan');
  const unknown = await fetch(`http://127.0.0.1:${port}/api/researcher/waves/nosuchwave1/estimates?format=csv`, { method: 'HEAD', headers: { Authorization: `Bearer ${t.token}` } });
  assert.equal(unknown.status, 404);
});

test('HTTP/1.0 files held by slow clients share VLAB_DOWNLOAD_SPOOL_MB: past it 503 busy with Retry-After, the space back when a file closes', async () => {
  // 24 MB files in a 30-MB budget: one held by a paused client leaves no room for a second (stall time 10 s).
  const { port, t } = await bigFileApp(24 * 1024 * 1024, 10, 30 * 1024 * 1024);
  const path = `/api/researcher/waves/${t.wave.id}/export`;
  const held = connect(port, '127.0.0.1');
  await once(held, 'connect');
  held.write(`GET ${path} HTTP/1.0\r\nHost: x\r\nAuthorization: Bearer ${t.token}\r\n\r\n`);
  await once(held, 'data');
  held.pause();
  try {
    const refused = await rawGet(port, path, t.token, '1.0');
    // On main's code: 200, a second 24-MB temporary file beside the first, however many clients came.
    assert.equal(refused.status, 503, `the second HTTP/1.0 file was answered ${refused.status}`);
    assert.equal(refused.headers['retry-after'], '30');
    assert.equal(JSON.parse(refused.body.toString()).error.code, 'busy');
    assert.match(JSON.parse(refused.body.toString()).error.message, /VLAB_DOWNLOAD_SPOOL_MB/);
    // HTTP/1.1 streams the file and uses none of the space.
    assert.equal((await rawGet(port, path, t.token, '1.1')).status, 200);
  } finally {
    held.destroy();
  }
  // The held file closed with its client: its space is free again.
  let again = 0;
  for (const end = Date.now() + 3000; again !== 200 && Date.now() < end; await new Promise((resolve) => setTimeout(resolve, 100))) {
    again = (await rawGet(port, path, t.token, '1.0')).status;
  }
  assert.equal(again, 200, 'the space was not given back when the held download closed');
});
