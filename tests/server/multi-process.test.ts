import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';
import { permutedBlockCell } from '../../server/domain/assignment.ts';
import { createTestApp } from './test-app.ts';

test('starts from 4 processes at once on one database: unique, gap-free draws; one participant per panel ID', async () => {
  const t = await createTestApp({ seed: 'multi-process' });
  try {
    const workers = Array.from({ length: 4 }, (_, w) =>
      spawn(process.execPath, ['--import', 'tsx', 'tests/server/start-worker.ts', t.store.location, t.wave.id, String(w), '60'], {
        stdio: ['ignore', 'ignore', 'inherit'],
      }),
    );
    const codes = await Promise.all(workers.map(async (child) => (await once(child, 'exit'))[0]));
    assert.deepEqual(codes, [0, 0, 0, 0]);

    const participants = (await t.repos.participants.listByWave(t.wave.id));
    assert.equal(participants.length, 4 * 60 + 1);
    assert.deepEqual(participants.map((p) => p.drawIndex), Array.from({ length: 241 }, (_, i) => i));
    for (const p of participants) assert.equal(p.cellIndex, permutedBlockCell('multi-process', p.drawIndex, 48));
    assert.equal(participants.filter((p) => p.panelId === 'shared-by-every-worker').length, 1);
    const counts = [...(await t.repos.assignmentCounters.countsByCell(t.wave.id)).values()];
    assert.equal(counts.reduce((a, b) => a + b, 0), 241);
    assert.ok(Math.max(...counts) - Math.min(...counts) <= 1);
  } finally {
    t.close();
  }
});
