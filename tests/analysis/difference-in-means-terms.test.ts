// estimatr's term for each kind of treatment column, and two of three arms compared (found by the third trial
// against R, 2026-12-03: `vlab dim` had no way to name the two arms but --levels; a TRUE/FALSE
// treatment was "zTRUE" in vlab, "z" in estimatr, whose dim_like_return drops the label when condition2 == 1 and
// condition1 == 0 in R's comparison; a numeric label is pasted as R prints it, "big1e+05").
// Expected values: Rscript tests/analysis/r/difference-in-means-terms.R (the R calls are there).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { differenceInMeans, rowsFromCsv } from '../../analysis/index.ts';
import { assertCloseToR } from './support.ts';

const here = dirname(fileURLToPath(import.meta.url));
const rows = rowsFromCsv(readFileSync(join(here, 'fixtures/dim_terms.csv'), 'utf8'));
const expected: Record<string, [string, number, number, number]> = JSON.parse(readFileSync(join(here, 'fixtures/dim_terms.expected.json'), 'utf8'));

const cases: [string, string, { condition1?: string; condition2?: string }?][] = [
  ['logical', 'logical'],
  ['tf', 'tf'],
  ['logical_reversed', 'logical', { condition1: 'TRUE', condition2: 'FALSE' }],
  ['big', 'big'],
  ['two', 'two'],
  ['text', 'text'],
  ['arms', 'arms', { condition1: 'lo', condition2: 'hi' }],
  ['arms_numeric', 'dose', { condition1: '0', condition2: '2' }],
  ['two_condition2', 'two', { condition2: '2' }],
];

test('a TRUE/FALSE outcome is 1/0, as R reads it (it was refused as not numeric)', () => {
  for (const [name, blocks] of [['logical_outcome', undefined], ['logical_outcome_blocked', 'blk']] as const) {
    const [term, estimate, se, df] = expected[name];
    const result = differenceInMeans({ rows, outcome: 'chose', treatment: 'two', blocks });
    assert.equal(result.nobs, 23, `${name}: the row with a missing outcome is dropped`);
    assert.equal(result.estimates[0].term, term);
    assertCloseToR(result.estimates[0].estimate, estimate, `${name} estimate`);
    assertCloseToR(result.estimates[0].std_error, se, `${name} SE`);
    assertCloseToR(result.estimates[0].df, df, `${name} df`);
  }
});

test('a condition that is not a value of the treatment is an error naming it', () => {
  assert.throws(() => differenceInMeans({ rows, outcome: 'y', treatment: 'arms', condition1: 'lo', condition2: 'high' }), {
    message: 'differenceInMeans: condition "high" is not a value of treatment column "arms" (its values: lo, hi, mid)',
  });
});

test('a treatment with more than two values is an error that names, as data, the arguments that fix it', () => {
  // vlab dim rewrites the remedy in its own option names (--condition1, --condition2) from these fields, not by
  // matching the message's wording.
  assert.throws(() => differenceInMeans({ rows, outcome: 'y', treatment: 'arms' }), {
    name: 'AnalysisError',
    message: 'differenceInMeans: treatment column "arms" must have exactly two values, found 3 (hi, lo, mid); name the two to compare: condition1 and condition2',
    code: 'treatment_not_binary',
    problem: 'treatment column "arms" must have exactly two values, found 3 (hi, lo, mid)',
    arguments: ['condition1', 'condition2'],
  });
});

for (const [name, treatment, conditions] of cases) {
  test(`the term of a ${name} treatment is estimatr's`, () => {
    const [term, estimate, se, df] = expected[name];
    const row = differenceInMeans({ rows, outcome: 'y', treatment, ...conditions }).estimates[0];
    assert.equal(row.term, term);
    assertCloseToR(row.estimate, estimate, `${name} estimate`);
    assertCloseToR(row.std_error, se, `${name} SE`);
    assertCloseToR(row.df, df, `${name} df`);
  });
}

test('vlab dim --condition1 --condition2 compares two of three arms, as estimatr\'s condition1 and condition2', () => {
  const repo = resolve(here, '../..');
  const run = spawnSync(process.execPath, [join(repo, 'bin/vlab.js'), 'dim', '--data', join(here, 'fixtures/dim_terms.csv'), '--outcome', 'y',
    '--treatment', 'arms', '--condition1', 'lo', '--condition2', 'hi', '--format', 'json'], { encoding: 'utf8', cwd: repo });
  assert.equal(run.status, 0, run.stderr);
  const [row] = JSON.parse(run.stdout).estimates;
  const [term, estimate, se, df] = expected.arms;
  assert.equal(row.term, term);
  assertCloseToR(row.estimate, estimate, 'estimate');
  assertCloseToR(row.std_error, se, 'SE');
  assertCloseToR(row.df, df, 'df');
});
