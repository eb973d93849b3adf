import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkCrashRun, crashRun } from './crash-harness.ts';

// `npm run test:stress`: ≥ 100 SIGKILLs of the real server under load, each restarted on the same database.
const KILLS = Number(process.env.VLAB_CRASH_KILLS ?? 100);

test(`crash stress: ${KILLS} SIGKILLs under load — 0 acknowledged completions lost, nothing half-written, integrity ok`, { timeout: 15 * 60_000 }, async () => {
  assert.ok(KILLS >= 100 || process.env.VLAB_CRASH_KILLS !== undefined, 'the stress run kills at least 100 times');
  const started = performance.now();
  checkCrashRun('crash (stress)', await crashRun({ kills: KILLS, respondents: 8 }));
  console.log(`crash (stress): run ${Math.round((performance.now() - started) / 1000)} s`);
});
