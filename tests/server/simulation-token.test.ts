import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import { promisify } from 'node:util';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { runSimulation } from '../../server/simulate/run-simulation.ts';
import { createTokenService } from '../../server/services/token-service.ts';
import { createTestApp } from './test-app.ts';

// Walk-through 23: a second `vlab simulate` within ten minutes was refused by the 300-starts limit meant for
// respondents. With a researcher token (--token, or VLAB_TOKEN) its starts are not counted against it.

const definitions = loadDefinitionFiles('survey-definitions');
const cleanup: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const fn of cleanup.reverse()) await fn();
});

async function limitedServer(rateLimitStart: number) {
  const t = await createTestApp({ target: 10_000 }, { rateLimitStart });
  const server = t.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  cleanup.push(() => t.close());
  cleanup.push(async () => {
    server.closeAllConnections();
    await promisify(server.close.bind(server))();
  });
  const { token } = await createTokenService({ store: t.store }).create('simulate');
  return { ...t, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, token };
}

function cli(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, ['bin/vlab.js', 'simulate', ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } }, (error, stdout, stderr) =>
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

test('runs with a researcher token start every respondent past the start limit, run after run (seeds 1 and 2)', async () => {
  const { baseUrl, wave, token } = await limitedServer(5);
  for (const seed of ['1', '2']) {
    const { summary } = await runSimulation({ baseUrl, waveId: wave.id, n: 8, concurrency: 2, seed, definitions, retryDelayMs: 10, token });
    assert.equal(summary.stoppedBy, undefined, `seed ${seed}: ${JSON.stringify(summary.errorsByKind)}`);
    assert.equal(summary.errors, 0);
    assert.equal(summary.respondents, 8);
  }
});

test('vlab simulate reads VLAB_TOKEN (and --token); without one, the rate-limit note says to give one', async () => {
  const { baseUrl, wave, token } = await limitedServer(3);
  const withEnv = await cli(['--wave', wave.id, '--n', '5', '--base-url', baseUrl, '--seed', 'env'], { VLAB_TOKEN: token });
  assert.equal(withEnv.status, 0, withEnv.stdout + withEnv.stderr);
  const withFlag = await cli(['--wave', wave.id, '--n', '5', '--base-url', baseUrl, '--seed', 'flag', '--token', token]);
  assert.equal(withFlag.status, 0, withFlag.stdout + withFlag.stderr);
  const wrong = await cli(['--wave', wave.id, '--n', '2', '--base-url', baseUrl, '--seed', 'wrong', '--token', 'vlab_0123456789abcdef_notarealsecretatall']);
  assert.equal(wrong.status, 1);
  assert.match(wrong.stdout.replace(/\n +/g, ' '), /stopped: the server refused the researcher token \(unauthorized\)/);
  const without = await cli(['--wave', wave.id, '--n', '6', '--base-url', baseUrl, '--seed', 'none', '--concurrency', '1']);
  assert.equal(without.status, 1);
  const note = without.stdout.replace(/\n +/g, ' ');
  assert.match(note, /stopped: the server refused a start \(rate_limited\)/);
  assert.match(note, /give vlab simulate a researcher token \(vlab token create --name simulate; then VLAB_TOKEN=vlab_… or --token\): its starts are not counted/);
  assert.deepEqual(without.stdout.split('\n').filter((line) => line.length > 100), [], 'the note keeps to 100 columns');
});
