import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { serve } from '../e2e/serve-process.ts';
import { LOAD_ENV } from '../../support/load-settings.ts';
import { prepareLoadDatabase } from '../../support/load-database.ts';
import { auditDatabase, checkCrashRun, crashRun, runLoad } from '../stress/crash-harness.ts';

// The fast version of tests/stress/crash.test.ts (which kills ≥ 100 times): a handful of SIGKILLs under load.
test('crash: SIGKILL under load, restarted on the same file — every acknowledged completion is on disk, nothing half-written', async () => {
  checkCrashRun('crash (fast)', await crashRun({ kills: 5 }));
});

test('two server processes on one database under load: no SQLITE_BUSY (no 5xx) reaches a client, nothing lost', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vlab-two-'));
  const dbPath = join(dir, 'vlab.sqlite');
  const waveId = await prepareLoadDatabase(dbPath);
  const first = await serve(dbPath, LOAD_ENV);
  const second = await serve(dbPath, LOAD_ENV).catch(async (error: unknown) => {
    await first.stop();
    throw error;
  });
  try {
    assert.deepEqual(second.waves.map((w) => w.id), [waveId]);
    const loads = [first, second].map((server, i) =>
      runLoad({ baseUrl: () => server.baseUrl, waveId: () => waveId, respondents: 8, tag: `two-${i}` }),
    );
    await new Promise((resolve) => setTimeout(resolve, 4000));
    await Promise.all(loads.map((l) => l.stop()));
    const acknowledged = new Map([...loads[0]!.stats.acknowledged, ...loads[1]!.stats.acknowledged]);
    const requests = loads.reduce((n, l) => n + l.stats.requests, 0);
    const serverErrors = loads.reduce((n, l) => n + l.stats.serverErrors, 0);
    const networkErrors = loads.reduce((n, l) => n + l.stats.networkErrors, 0);
    await Promise.all([first.stop(), second.stop()]);
    const saves = new Map([...loads[0]!.stats.acknowledgedSaves, ...loads[1]!.stats.acknowledgedSaves]);
    const audit = auditDatabase(dbPath, acknowledged, saves);
    console.log(
      `two processes: requests ${requests}, 5xx ${serverErrors}, network errors ${networkErrors}, acknowledged ${acknowledged.size} completions and ${saves.size} saves, ` +
        `lost ${audit.lost.length}, integrity ${audit.integrity}`,
    );
    assert.ok(loads.every((l) => l.stats.acknowledged.size > 0), 'both processes completed participants');
    assert.equal(serverErrors, 0);
    assert.equal(networkErrors, 0);
    assert.deepEqual(loads.flatMap((l) => l.stats.unexpected), []);
    assert.equal(audit.integrity, 'ok');
    assert.deepEqual(audit.lost, []);
    assert.deepEqual(audit.halfWritten, []);
    assert.deepEqual(audit.counterMismatches, []);
  } finally {
    await Promise.all([first.stop(), second.stop()]);
    rmSync(dir, { recursive: true, force: true });
  }
});
