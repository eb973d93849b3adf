// SIGTERM is how a service manager stops `vlab serve` at every deploy and restart (systemctl restart, docker stop).
// The second attacker trial (2026-12-03) sent it under 32 concurrent starts: every request in flight was cut with
// ECONNRESET (32 of 32), and 9 of them had committed — participants drawn and stored whose respondents never
// heard of them (a retry without a panel ID then draws another participant). On SIGTERM the server now stops
// taking connections, answers the requests it has taken (within 10 s; a download still running then is cut), and only then closes the
// database and exits 0.
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { LOAD_ENV } from '../../support/load-settings.ts';
import { serve } from '../e2e/serve-process.ts';

/** One start on a connection of its own; resolves with the status, or the error code of a failed request. */
function start(baseUrl: string, waveId: string): Promise<string> {
  return new Promise((resolve) => {
    const req = request(`${baseUrl}/api/waves/${waveId}/participants`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(String(res.statusCode)));
      res.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    req.end('{}');
  });
}

test('SIGTERM under load: every request the server took is answered, every stored start was acknowledged, exit code 0', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vlab-shutdown-'));
  const dbPath = join(dir, 'vlab.sqlite');
  try {
    const server = await serve(dbPath, { ...LOAD_ENV, LOG_LEVEL: 'info' });
    const waveId = server.waves[0]!.id;
    // The server's request log: a line per request it answered (written when the response went out).
    let log = '';
    server.child.stderr!.on('data', (chunk: Buffer) => (log += chunk));
    const outcomes = new Map<string, number>();
    let running = true;
    const loops = Array.from({ length: 32 }, async () => {
      while (running) {
        const outcome = await start(server.baseUrl, waveId);
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        // Refused: the server no longer listens. Those requests never reached it; the loop is done.
        if (outcome === 'ECONNREFUSED') return;
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const exited = once(server.child, 'exit');
    const termAt = Date.now();
    server.child.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    const stoppedMs = Date.now() - termAt;
    running = false;
    await Promise.all(loops);

    const db = new Database(dbPath, { readonly: true });
    const stored = Number(db.prepare('SELECT count(*) FROM participants').pluck().get());
    db.close();
    const acknowledged = outcomes.get('201') ?? 0;
    const answered = log.split('\n').filter((line) => line.includes('"status":201')).length;
    const failed = [...outcomes].filter(([outcome]) => outcome !== '201' && outcome !== 'ECONNREFUSED');
    console.log(
      `graceful shutdown: ${acknowledged} starts acknowledged, ${answered} answered by the server, ${stored} stored; ` +
        `failed ${JSON.stringify(Object.fromEntries(failed))} (connections the server never accepted, reset with its listening socket); exit ${code} after ${stoppedMs} ms`,
    );
    assert.equal(stored, acknowledged, 'starts stored without their respondent being told');
    assert.equal(answered, acknowledged, 'responses the server sent that never arrived');
    const last = JSON.parse(log.split('\n').find((line) => line.includes('"shut down"'))!) as { requestsAnswered: number };
    assert.ok(last.requestsAnswered >= 1, `the shutdown's line counts the requests it answered (${last.requestsAnswered})`);
    assert.ok(failed.every(([outcome]) => outcome === 'ECONNRESET'), JSON.stringify(failed));
    assert.equal(code, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// The drain is cut after VLAB_SHUTDOWN_DRAIN_SECONDS (10 by default): 1 here, not 10 s of an idle core in every CI run.
test('SIGTERM says what it waited for: the requests in flight, those cut after VLAB_SHUTDOWN_DRAIN_SECONDS, how long it took', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vlab-shutdown-'));
  try {
    const server = await serve(join(dir, 'vlab.sqlite'), { ...LOAD_ENV, LOG_LEVEL: 'info', VLAB_SHUTDOWN_DRAIN_SECONDS: '1' });
    let log = '';
    server.child.stderr!.on('data', (chunk: Buffer) => (log += chunk));
    // A request the server has taken and cannot answer before the drain ends: its body never arrives whole.
    const held = request(`${server.baseUrl}/api/waves/${server.waves[0]!.id}/participants`, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json', 'content-length': '100' },
    });
    held.on('error', () => undefined);
    held.write('{"panel":');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const exited = once(server.child, 'exit');
    server.child.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    const lines = log.split('\n').filter((line) => /shut/.test(line)).map((line) => JSON.parse(line) as { msg: string; requestsCut?: number; requestsAnswered?: number; waitedMs?: number });
    console.log(`SIGTERM with a request held: ${lines.map((l) => l.msg).join(' | ')}; exit ${code}`);
    assert.deepEqual(lines.map((l) => l.msg), [
      'shutting down: answering 1 request(s) in flight (at most 1 s)',
      'shutting down: cut 1 request(s) still running after 1 s (downloads, or a database that did not answer)',
      'shut down',
    ]);
    assert.equal(lines[2]!.requestsCut, 1);
    assert.equal(lines[2]!.requestsAnswered, 0, 'the held request was cut, not answered');
    assert.ok(lines[2]!.waitedMs! >= 1000, `waited ${lines[2]!.waitedMs} ms`);
    assert.equal(code, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
