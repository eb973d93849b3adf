// Two cases of cregg unchecked until R trial 39. (1) Two features sharing a level label ("None" in a and in b):
// cregg::mm groups its long reshape by the label alone, so both features print one pooled "None" mean (0.6127 here);
// vlab gives each feature its own (docs/analysis.md, Differences from cregg). (2) cregg without an id builds
// svydesign(ids = ~0, ...), every row its own cluster; vlab requires id and says so, and a column of row numbers as
// id gives cregg's numbers. Data and expected values: Rscript tests/analysis/r/conjoint-shared-level-label.R
// (seed 39300100; R calls there).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { amce, amceDiffs, freqs, mm, mmDiffs, rowsFromCsv } from '../../analysis/index.ts';
import { assertCloseToR } from './support.ts';

const here = dirname(fileURLToPath(import.meta.url));
const rows = rowsFromCsv(readFileSync(join(here, 'fixtures/conjoint_shared_level_label.csv'), 'utf8'));
const options = { formula: 'chosen ~ a + b', rows, weights: 'w' };

test('mm gives each feature its own mean of a level label two features share, where cregg pools them', () => {
  // svyglm(chosen ~ 0 + a) and (chosen ~ 0 + b) on svydesign(ids = ~respondent, weights = ~w); cregg's pooled "None"
  // (svyby by LEVEL on the long reshape) is 0.612676056338028, SE 0.0565277002530252, under both features.
  const R: [string, string, number, number][] = [
    ['a', 'None', 0.785714285714285, 0.0990929056595729], ['a', 'x', 0.375, 0.0788928317187622], ['a', 'y', 0.385714285714286, 0.0848705912629711],
    ['b', 'None', 0.5, 0.0387596899224806], ['b', 'p', 0.522727272727272, 0.1212003813498316],
  ];
  const got = mm({ ...options, id: 'respondent' }).estimates;
  assert.deepEqual(got.map((row) => [row.feature, row.level]), R.map(([feature, level]) => [feature, level]));
  R.forEach(([feature, level, estimate, se], k) => {
    assertCloseToR(got[k].estimate, estimate, `${feature} ${level} estimate`);
    assertCloseToR(got[k].std_error, se, `${feature} ${level} SE`);
  });
});

test('freqs counts a level label two features share per feature: table(d$a), table(d$b)', () => {
  const got = freqs({ formula: '~ a + b', rows }).map((row) => [row.feature, row.level, row.count]);
  assert.deepEqual(got, [['a', 'None', 20], ['a', 'x', 17], ['a', 'y', 23], ['b', 'None', 29], ['b', 'p', 31]]);
});

test('amce, mm, mm_diffs and amce_diffs without id refuse in words; row numbers as id give cregg\'s ids = ~0', () => {
  for (const [name, estimator] of [['amce', amce], ['mm', mm], ['mm_diffs', mmDiffs], ['amce_diffs', amceDiffs]] as const) {
    assert.throws(() => (estimator as (o: object) => unknown)({ ...options, formula: 'chosen ~ a', by: 'b' }), (error: Error) => {
      assert.match(error.message, new RegExp(`^${name}: id is required`));
      assert.match(error.message, /ids = ~0/);
      return true;
    });
  }
  // svyglm(chosen ~ a + b, design = svydesign(ids = ~0, weights = ~w)): the same as ids = ~row.
  const R: [string, number, number][] = [['x', -0.4141711083026539, 0.154074865838137], ['y', -0.4022336392109457, 0.1419147614507084], ['p', 0.0446727842189133, 0.1248195624410741]];
  const got = amce({ ...options, id: 'row', seType: 'cregg' }).estimates.filter((row) => row.std_error !== null);
  assert.deepEqual(got.map((row) => row.level), R.map(([level]) => level));
  R.forEach(([level, estimate, se], k) => {
    assertCloseToR(got[k].estimate, estimate, `${level} estimate`);
    assertCloseToR(got[k].std_error, se, `${level} SE`);
  });
});

test('mm with row numbers as id is cregg\'s mm without id but for its P/(P − 1), P the rows × features of its long design', () => {
  // svyby(~chosen, ~LEVEL, svymean, svydesign(ids = ~0, weights = ~w, data = long)), b's None renamed q (the R script).
  const R: [string, number, number][] = [
    ['None', 0.785714285714286, 0.0895685429062905], ['x', 0.375, 0.1238236843132959], ['y', 0.385714285714286, 0.1072881637116779],
    ['p', 0.522727272727273, 0.093692972196376], ['q', 0.5, 0.096641570027302],
  ];
  const renamed = rows.map((row) => ({ ...row, b: row.b === 'None' ? 'q' : row.b }));
  const got = mm({ ...options, rows: renamed, id: 'row' }).estimates;
  const [P, F] = [60, 2];
  const larger = Math.sqrt((P * (F * P - 1)) / ((P - 1) * F * P));
  assert.deepEqual(got.map((row) => row.level), R.map(([level]) => level));
  R.forEach(([level, estimate, se], k) => {
    assertCloseToR(got[k].estimate, estimate, `${level} estimate`);
    assertCloseToR(got[k].std_error, se * larger, `${level} SE`);
  });
});
