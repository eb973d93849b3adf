// `vlab rake --weights COLUMN`: raking that starts from base (design) weights, as survey::rake on a design with
// weights does. Expected weights: Rscript tests/analysis/r/rake-base-weights.R —
// rake(svydesign(ids = ~1, data = d, weights = ~base), list(~g, ~a), margins, control = list(maxit = 200, epsilon = 1e-12)).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { rowsFromCsv } from '../../analysis/index.ts';
import { vlabInProcess } from './vlab-in-process.ts';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = (file: string) => join(repo, 'tests/analysis/fixtures', file);
const scratch = mkdtempSync(join(tmpdir(), 'vlab-rake-base-'));
const margins = join(scratch, 'margins.json');
// The margins of rake-base-weights.R (as shares: vlab normalises to mean 1, R's counts n·share give the same weights).
writeFileSync(margins, JSON.stringify({ g: { f: 0.51, m: 0.49 }, a: { young: 0.3, mid: 0.45, old: 0.25 } }));

/** `vlab rake --margins … --id id ...args`, run in this process (vlab-in-process.ts). */
function vlab(args: string[]) {
  return vlabInProcess(['rake', '--margins', margins, '--id', 'id', ...args]);
}

test('rake --weights starts from the base weights column and gives survey::rake\'s weights', async () => {
  const result = await vlab(['--data', fixture('rake_base_weights.csv'), '--weights', 'base']);
  assert.equal(result.status, 0, result.stderr);
  const got = rowsFromCsv(result.stdout);
  const expected = rowsFromCsv(readFileSync(fixture('rake_base_weights.expected.csv'), 'utf8'));
  assert.equal(got.length, expected.length);
  got.forEach((row, i) => {
    assert.equal(row.id, expected[i].id);
    assert.ok(Math.abs((row.weight as number) - (expected[i].weight as number)) < 1e-9, `${row.id}: ${row.weight} vs ${expected[i].weight}`);
  });
});

test('rake --weights: a missing, non-numeric, negative or empty weight column is one plain line, exit 2', async () => {
  const data = readFileSync(fixture('rake_base_weights.csv'), 'utf8').trimEnd().split('\n');
  const withSecondBase = (value: string) => {
    const file = join(scratch, `bad-${data.length}-${value || 'empty'}.csv`);
    const lines = [...data];
    lines[2] = lines[2].replace(/,[^,]*$/, `,${value}`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  };
  const cases: [string[], string][] = [
    [['--data', fixture('rake_base_weights.csv'), '--weights', 'bse'], 'vlab rake: --weights references unknown column "bse"'],
    [['--data', withSecondBase('heavy'), '--weights', 'base'], 'vlab rake: base weights column "base" is not numeric (row 2: "heavy")'],
    [['--data', withSecondBase('-0.5'), '--weights', 'base'], 'vlab rake: base weights column "base" has a negative value (row 2: -0.5); weights must be 0 or more'],
    [['--data', withSecondBase(''), '--weights', 'base'], 'vlab rake: base weights column "base" is missing for row 2 (empty, NA or NaN); raking needs every respondent\'s weight: fill it in, or drop the row before raking'],
  ];
  for (const [args, message] of cases) {
    const result = await vlab(args);
    assert.equal(result.status, 2, result.stderr);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr.trimEnd(), message);
  }
});
