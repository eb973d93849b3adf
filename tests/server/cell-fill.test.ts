// Walk-through 34: a 3-arm vignette with its control weighted 2 (targets 150, 75 and 75 of 300) read "fewest 70, most
// 143, spread 73" on the dashboard and "min 70, max 143" in `vlab wave status`: an imbalance of 73 where each cell
// stood at 93–96 % of its own target. Where the targets differ, the fill is said against each cell's target.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { vlabInProcess } from '../analysis/vlab-in-process.ts';
import { weightedFillWords } from '../../server/domain/cell-fill.ts';

test('weighted cells are said filled against their own targets; equal targets leave the counts to compare', () => {
  const walk = [{ completes: 143, targetCompletes: 150 }, { completes: 72, targetCompletes: 75 }, { completes: 70, targetCompletes: 75 }];
  assert.equal(weightedFillWords(walk), "filled 93%–96% of each cell's target (70 of 75 to 72 of 75)");
  assert.equal(weightedFillWords([{ completes: 3, targetCompletes: 62.5 }, { completes: 9, targetCompletes: 62.5 }]), null);
  assert.equal(weightedFillWords([]), null);
});

test('vlab wave status of a weighted study says each cell\'s fill against its target', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vlab-cell-fill-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const db = join(dir, 'fill.sqlite');
  const created = await vlabInProcess(['wave', 'create', '--study', 'protege-bargaining-repeated', '--target', '52', '--json', '--db', db]);
  assert.equal(created.status, 0, created.stderr);
  const status = await vlabInProcess(['wave', 'status', (JSON.parse(created.stdout) as { id: string }).id, '--db', db]);
  assert.match(status.stdout, /\n {2}completes per cell \(44 cells\): min 0, max 0; targets \d+–\d+ completes by weight: filled 0%–0% of each cell's target \(0 of \d+ to 0 of \d+\)\n/);
});
