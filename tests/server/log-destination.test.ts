// Attacker pass 29: `vlab serve`'s log (stderr) on a disk that fills. pino's own destination (sonic-boom 4.2.1, under
// pino 10.4.0) re-emitted the failed write (ENOSPC) as an uncaught error, and the flush pino runs as the process exits
// retried it every 100 ms for ever: live, with `2>/dev/full`, the first /healthz was answered and every request after
// it hung (connections accepted, nothing answered), the process alive and holding its port, SIGTERM ignored.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { logDestination } from '../../server/log-destination.ts';
import { serve } from '../e2e/serve-process.ts';

/** A stand-in file system: each write fails with the next code of `failures` (then succeeds), a tick later. */
function fakeFs(failures: string[]) {
  const written: string[] = [];
  const writeFn = (_fd: number, buffer: Buffer, callback: (error: NodeJS.ErrnoException | null, n: number) => void) => {
    const code = failures.shift();
    setImmediate(() => {
      if (code) callback(Object.assign(new Error(`${code}: no space left on device, write`), { code }), 0);
      else {
        written.push(buffer.toString());
        callback(null, buffer.length);
      }
    });
  };
  return { written, writeFn };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('a line that cannot be written is dropped and counted; the first line written after says how many and why', async () => {
  const fs = fakeFs(['ENOSPC', 'ENOSPC']);
  const log = logDestination(2, { writeFn: fs.writeFn });
  for (const n of [1, 2]) {
    log.write(`{"msg":"line ${n}"}\n`);
    await tick();
  }
  log.write('{"msg":"line 3"}\n');
  await tick();
  const text = fs.written.join('');
  const [loss, line3] = text.trimEnd().split('\n') as [string, string];
  const parsed = JSON.parse(loss) as { level: number; msg: string };
  assert.equal(parsed.level, 40);
  assert.equal(parsed.msg, 'the log could not be written (ENOSPC: no space left on device): 2 line(s) lost');
  assert.equal(line3, '{"msg":"line 3"}');
  log.write('{"msg":"line 4"}\n');
  await tick();
  assert.equal(fs.written.at(-1), '{"msg":"line 4"}\n', 'the loss is said once');
});

test('a reader that takes nothing: at most maxPendingBytes wait for it, the rest are counted as lost', async () => {
  let release: (() => void) | undefined;
  const written: string[] = [];
  const writeFn = (_fd: number, buffer: Buffer, callback: (error: null, n: number) => void) => {
    release = () => {
      written.push(buffer.toString());
      callback(null, buffer.length);
    };
  };
  const log = logDestination(2, { writeFn, maxPendingBytes: 100 });
  log.write('{"msg":"first"}\n'); // in the write that never ends
  for (let i = 0; i < 20; i++) log.write(`{"msg":"waiting ${String(i).padStart(2, '0')}"}\n`); // 21 bytes each: 4 fit in 100
  release!();
  release!();
  assert.equal(written.length, 2);
  assert.match(written[1]!, /more than 100 bytes of log lines waited for their reader\): 16 line\(s\) lost/);
  assert.equal(written[1]!.trimEnd().split('\n').length, 1 + 4);
});

test('on /dev/full: no write throws or emits, and the flush at exit returns at once', () => {
  const fd = openSync('/dev/full', 'w');
  try {
    const log = logDestination(fd);
    for (let i = 0; i < 100; i++) log.write(`{"msg":"line ${i}"}\n`);
    const startedAt = Date.now();
    log.flushSync();
    assert.ok(Date.now() - startedAt < 1000);
  } finally {
    closeSync(fd);
  }
});

test('vlab serve with its log on a full disk answers every request and stops on SIGTERM', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vlab-full-log-'));
  const full = openSync('/dev/full', 'w');
  let server: Awaited<ReturnType<typeof serve>> | undefined;
  try {
    server = await serve(join(dir, 'vlab.sqlite'), { LOG_LEVEL: 'info' }, { stderr: full });
    const waveId = server.waves[0]!.id;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const health = await fetch(`${server.baseUrl}/healthz`, { signal: AbortSignal.timeout(5000) });
      const start = await fetch(`${server.baseUrl}/api/waves/${waveId}/participants`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
        signal: AbortSignal.timeout(5000),
      });
      statuses.push(health.status, start.status);
    }
    assert.deepEqual(statuses, [200, 201, 200, 201, 200, 201, 200, 201, 200, 201]);
    const exited = once(server.child, 'exit');
    server.child.kill('SIGTERM');
    const stopped = await Promise.race([exited.then(([code]) => code), new Promise((resolve) => setTimeout(() => resolve('still running after 15 s'), 15_000))]);
    assert.equal(stopped, 0);
  } finally {
    if (server?.child.exitCode === null) server.child.kill('SIGKILL'); // on main's code it ignored SIGTERM
    closeSync(full);
    rmSync(dir, { recursive: true, force: true });
  }
});
