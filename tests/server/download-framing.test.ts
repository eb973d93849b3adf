// A download cut short must never look complete. Over HTTP/1.1 a streamed export is chunked, and a cut leaves its
// last chunk missing, which every client sees. An HTTP/1.0 request (nginx proxies with HTTP/1.0 unless told
// `proxy_http_version 1.1`, and docs/deploy.md's example did not) cannot be chunked: the body ends where the
// connection closes, so an export cut by a killed process or a failing worker reached the researcher as a shorter
// file with no sign of it (attacker pass 21). Such a download now carries its Content-Length, so a cut is seen.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { type AddressInfo, connect } from 'node:net';
import { Readable } from 'node:stream';
import { after, test } from 'node:test';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { silentLogger } from '../../server/logger.ts';
import { createResearcherTestApp, startParticipant } from './researcher-support.ts';
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
  return (server.address() as AddressInfo).port;
}

test('an export and a replication package over HTTP/1.0 carry their Content-Length, and the file is that of HTTP/1.1', async () => {
  const t = await createResearcherTestApp();
  cleanups.push(() => t.close());
  for (let i = 0; i < 5; i++) await startParticipant(t.app, t.wave.id, { PROLIFIC_PID: `framing-${i}` });
  const port = await listening(t.app);
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
  const port = await listening(createApp({ store: t.store, config, researcherPool: failingPool, logger: silentLogger }));
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
