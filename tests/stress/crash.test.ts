import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crashRun } from './crash-harness.ts';

// `npm run test:stress`: ≥ 100 SIGKILLs of the real server under load, each restarted on the same database.
const KILLS = Number(process.env.VLAB_CRASH_KILLS ?? 100);

test(`crash stress: ${KILLS} SIGKILLs under load — 0 acknowledged completions lost, nothing half-written, integrity ok`, { timeout: 15 * 60_000 }, async () => {
  assert.ok(KILLS >= 100 || process.env.VLAB_CRASH_KILLS !== undefined, 'the stress run kills at least 100 times');
  const started = performance.now();
  const { kills, stats, audit, startupMs } = await crashRun({ kills: KILLS, respondents: 8 });
  const sorted = [...startupMs].sort((a, b) => a - b);
  console.log(
    `crash (stress): kills ${kills}, acknowledged ${stats.acknowledged.size}, lost ${audit.lost.length}, half-written ${audit.halfWritten.length}, ` +
      `counter mismatches ${audit.counterMismatches.length}, integrity ${audit.integrity}; participants ${audit.participants} (${audit.complete} complete), ` +
      `requests ${stats.requests}, network errors ${stats.networkErrors}, 5xx ${stats.serverErrors}; startup median ${Math.round(sorted[sorted.length >> 1]!)} ms, ` +
      `max ${Math.round(sorted.at(-1)!)} ms; run ${Math.round((performance.now() - started) / 1000)} s`,
  );
  assert.equal(audit.integrity, 'ok');
  assert.deepEqual(audit.lost, []);
  assert.deepEqual(audit.halfWritten, []);
  assert.deepEqual(audit.counterMismatches, []);
  assert.deepEqual(stats.unexpected, []);
  assert.equal(stats.serverErrors, 0);
});
