// `vlab fit` on the paths this branch changed: the CSV read by columns, lmRobust's warnings on stderr, factor
// levels from a codebook, a malformed file named with its line. Expected numbers: formula-cases/fits.json (R).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { rowsFromCsv } from '../../analysis/index.ts';
import { vlabInProcess } from './vlab-in-process.ts';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const folder = join(here, 'formula-cases');
const scratch = mkdtempSync(join(tmpdir(), 'vlab-fit-cli-'));

/** `vlab ...args`, run in this process (vlab-in-process.ts); vlab-bin.test.ts checks the built command. */
function vlab(args: string[]) {
  return vlabInProcess(args);
}

test('fit prints R\'s estimates and, on stderr, one warning per factor whose level order R may see otherwise', async () => {
  const result = await vlab(['fit', '--data', join(folder, 'labels.csv'), '--formula', 'y ~ income + fruit + x', '--format', 'csv']);
  assert.equal(result.status, 0, result.stderr);
  const lines = result.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 2);
  assert.match(lines[0], /^vlab fit: warning: levels of "income" are sorted in code-point order/);
  assert.match(lines[1], /^vlab fit: warning: levels of "fruit" .*--levels or --codebook/);
  // R (C locale): tidy(lm_robust(y ~ income + fruit + x, read.csv("labels.csv", stringsAsFactors = TRUE)))
  const expected = (JSON.parse(readFileSync(join(folder, 'fits.json'), 'utf8')) as { name: string; expected: { term: string; estimate: number }[] }[])
    .find((c) => c.name === 'level order (C locale)')!.expected;
  const got = rowsFromCsv(result.stdout);
  assert.deepEqual(got.map((r) => r.term), expected.map((r) => r.term));
  got.forEach((row, i) => assert.ok(Math.abs((row.estimate as number) - expected[i].estimate) <= 1e-9 * Math.abs(expected[i].estimate)));
});

test('fit --codebook declares the levels (no warning for them); --levels overrides it', async () => {
  const codebook = join(scratch, 'codebook.json');
  writeFileSync(
    codebook,
    JSON.stringify({
      columns: [
        { name: 'income', type: 'categorical', levels: [{ value: '< 10k' }, { value: '10-50k' }, { value: '100k+' }] },
        { name: 'fruit', type: 'categorical', levels: [{ value: 'apple' }, { value: 'Banana' }, { value: 'cherry' }] },
        { name: 'score', type: 'categorical', levels: [{ value: 1 }, { value: 2 }] },
      ],
    }),
  );
  const base = ['fit', '--data', join(folder, 'labels.csv'), '--formula', 'y ~ income + fruit', '--codebook', codebook, '--format', 'csv'];
  const result = await vlab(base);
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stderr, '');
  assert.deepEqual(rowsFromCsv(result.stdout).map((r) => r.term), ['(Intercept)', 'income10-50k', 'income100k+', 'fruitBanana', 'fruitcherry']);
  const levels = join(scratch, 'levels.json');
  writeFileSync(levels, JSON.stringify({ fruit: ['cherry', 'apple', 'Banana'] }));
  const overridden = await vlab([...base, '--levels', levels]);
  assert.deepEqual(rowsFromCsv(overridden.stdout).map((r) => r.term).slice(3), ['fruitapple', 'fruitBanana']);
  const notCodebook = join(scratch, 'not-codebook.json');
  writeFileSync(notCodebook, '{"study": {}}');
  const refused = await vlab([...base.slice(0, -4), '--codebook', notCodebook]);
  assert.equal(refused.status, 2);
  assert.equal(refused.stderr.trim(), `vlab fit: codebook ${notCodebook} has no "columns" list (export it with vlab export --format codebook)`);
});

test('fit names the line of a malformed CSV file', async () => {
  const file = join(scratch, 'short.csv');
  writeFileSync(file, 'y,x\n1,2\n3\n');
  const result = await vlab(['fit', '--data', file, '--formula', 'y ~ x']);
  assert.equal(result.status, 2);
  assert.equal(result.stderr.trim(), `vlab fit: ${file} is not valid CSV: tableFromCsv: line 3 has 1 field, the header has 2`);
});
