import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';
import { createTestApp } from './test-app.ts';

test('quota steps from 4 processes at once on one database admit exactly the cap of a level, never more', async () => {
  // Target 40: the 18–29 level takes ceil(0.21 × 40 × 1.05) = 9 participants.
  const t = await createTestApp({ target: 40, seed: 'quota-race' });
  try {
    const workers = Array.from({ length: 4 }, (_, w) =>
      spawn(process.execPath, ['--import', 'tsx', 'tests/server/quota-worker.ts', t.store.location, t.wave.id, String(w), '15'], {
        stdio: ['ignore', 'ignore', 'inherit'],
      }),
    );
    const codes = await Promise.all(workers.map(async (child) => (await once(child, 'exit'))[0]));
    assert.deepEqual(codes, [0, 0, 0, 0]);
    assert.equal(await t.sql.value("SELECT COUNT(*) FROM quota_slots WHERE variable = 'age_group' AND level = '18-29'"), 9);
    assert.equal(await t.sql.value("SELECT COUNT(*) FROM participants WHERE status = 'complete'"), 9);
    assert.equal(await t.sql.value("SELECT COUNT(*) FROM participants WHERE status = 'overquota'"), 60 - 9);
    assert.equal((await t.repos.waves.get(t.wave.id))!.status, 'open');
  } finally {
    t.close();
  }
});
