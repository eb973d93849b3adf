// Attacker pass 32: an HTTP/1.0 download (nginx's default to its upstream) is written whole to a temporary file
// before it is sent (spooled-file.ts, pass 21). Where that temporary folder cannot take it — TMPDIR full (a small
// tmpfs, a container's /tmp), read-only (a read-only root file system), or not there — the download was a 500
// `internal_error`, logged as an unhandled error with its stack, each time. Live before the fix: `vlab serve` with
// TMPDIR on a 64 KB tmpfs, 143 completes: the CSV (53,848 bytes) 200, the JSON export and the long CSV 500 × 5
// (`ENOSPC: no space left on device, write`), while HTTP/1.1 answered 200. Now: 503 `busy` with Retry-After, the
// worker stopped, and one warning a minute naming the folder and what to do.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { spawnSync } from 'node:child_process';
import { after, test } from 'node:test';
import { pino } from 'pino';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createSpoolBudget } from '../../server/workers/spool-budget.ts';
import { createResearcherTestApp } from './researcher-support.ts';
import { TEST_RATE_LIMITS } from './test-app.ts';

const cleanups: (() => void | Promise<void>)[] = [];
after(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The status, Retry-After and body of a GET sent as HTTP/1.0. */
async function getOverHttp10(port: number, path: string, token: string) {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write(`GET ${path} HTTP/1.0\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n\r\n`);
  const chunks: Buffer[] = [];
  socket.on('data', (c: Buffer) => chunks.push(c));
  await once(socket, 'close');
  const raw = Buffer.concat(chunks).toString('latin1');
  const [head, body] = [raw.slice(0, raw.indexOf('\r\n\r\n')), raw.slice(raw.indexOf('\r\n\r\n') + 4)];
  return { status: Number(head.split(' ')[1]), retryAfter: /\r\nretry-after: (\d+)/i.exec(head)?.[1], body };
}

/** An app whose downloads are `bytes` of 'a', its log lines kept; `made` tells whether each download's maker was stopped. */
async function appWithDownloads(bytes: number) {
  const t = await createResearcherTestApp();
  cleanups.push(() => t.close());
  const lines: { level: number; msg: string; [key: string]: unknown }[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  const makers: PassThrough[] = [];
  const pool = {
    ...t.researcherPool,
    spool: createSpoolBudget(1024 * 1024 * 1024),
    stream: async () => {
      const maker = new PassThrough();
      makers.push(maker);
      Readable.from([Buffer.alloc(bytes, 0x61)]).pipe(maker);
      return { meta: { fileName: 'wave.csv', contentType: 'text/csv; charset=utf-8' }, body: maker };
    },
  } as typeof t.researcherPool;
  const config = loadConfig({}, { dbPath: t.location, logLevel: 'silent', ...TEST_RATE_LIMITS });
  const server = createApp({ store: t.store, config, researcherPool: pool, logger }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const port = (server.address() as AddressInfo).port;
  return { download: () => getOverHttp10(port, `/api/researcher/waves/${t.wave.id}/export?format=csv`, t.token), lines, makers };
}

/** Runs `fn` with TMPDIR set to `dir`, as `vlab serve` started with it would have it. */
async function withTmpdir<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const before = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  try {
    return await fn();
  } finally {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
  }
}

async function assertRefusedInWords(app: Awaited<ReturnType<typeof appWithDownloads>>, folder: string, reason: RegExp) {
  const answers = await Promise.all([app.download(), app.download(), app.download()]);
  for (const answer of answers) {
    assert.equal(answer.status, 503, `an HTTP/1.0 download with its temporary folder unusable answered ${answer.status} ${answer.body}`);
    assert.equal(answer.retryAfter, '30');
    assert.equal(JSON.parse(answer.body).error.code, 'busy');
    assert.match(JSON.parse(answer.body).error.message, /download over HTTP\/1\.1/);
  }
  assert.ok(app.makers.every((maker) => maker.destroyed), 'a refused download\'s worker went on making the file');
  assert.deepEqual(app.lines.filter((line) => line.level >= 50).map((line) => line.msg), [], 'an error line (with its stack) was logged');
  const warnings = app.lines.filter((line) => line.level === 40);
  assert.equal(warnings.length, 1, `one warning for three refusals: ${JSON.stringify(warnings)}`);
  assert.match(warnings[0]!.msg, new RegExp(`^HTTP/1\\.0 downloads cannot be written to the temporary folder ${folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(`));
  assert.match(String(warnings[0]!.reason), reason);
}

test('an HTTP/1.0 download whose temporary folder is not there, or is a file, is 503 busy in words, not a 500', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vlab-spool-missing-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'a-file'), '');
  for (const [folder, reason] of [[join(dir, 'gone'), /ENOENT/], [join(dir, 'a-file'), /ENOTDIR/]] as const) {
    const app = await appWithDownloads(1000);
    await withTmpdir(folder, () => assertRefusedInWords(app, folder, reason));
  }
});

/** A 64 KB tmpfs, or why there is none (mounting needs root and CAP_SYS_ADMIN). */
function smallMount(): { path: string; unmount: () => void } | string {
  const path = mkdtempSync(join(tmpdir(), 'vlab-spool-full-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', path], { encoding: 'utf8' });
  if (mounted.status !== 0) {
    rmSync(path, { recursive: true, force: true });
    return `cannot mount a small tmpfs here: ${(mounted.stderr || String(mounted.error)).trim()}`;
  }
  return { path, unmount: () => spawnSync('umount', [path]) && rmSync(path, { recursive: true, force: true }) };
}

test('an HTTP/1.0 download larger than its temporary folder has room for is 503 busy in words, and the folder is left empty', async (t) => {
  const mount = smallMount();
  if (typeof mount === 'string') return t.skip(mount);
  cleanups.push(mount.unmount);
  mkdirSync(join(mount.path, 'tmp'));
  const app = await appWithDownloads(200 * 1024);
  await withTmpdir(join(mount.path, 'tmp'), () => assertRefusedInWords(app, join(mount.path, 'tmp'), /ENOSPC/));
  assert.deepEqual(readdirSync(join(mount.path, 'tmp')), [], 'a refused download left its temporary folder behind');
  const small = await appWithDownloads(1000);
  await withTmpdir(join(mount.path, 'tmp'), async () => assert.equal((await small.download()).status, 200, 'a download that fits'));
});
