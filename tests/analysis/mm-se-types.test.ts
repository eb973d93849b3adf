// Marginal means under every se type mm accepts (cregg, CR0, stata, CR2), on four seeded designs: unbalanced
// respondents, weights, missing feature values, and a level whose answers are all 1. Expected values:
// Rscript tests/analysis/r/mm-se-types.R (survey's svymean for cregg, estimatr for CR0/stata/CR2, clubSandwich for
// CR2's SE and Satterthwaite df; the R calls are there). For the constant level survey gives SE 0 and z Inf, which
// vlab now gives exactly under every se type (it printed ~1e-16 and a huge finite z); estimatr and clubSandwich
// print rounding noise there (e.g. 4.4e-17), so that level's SE is asserted equal to 0, not close to R's.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { mm, mmDiffs, rowsFromCsv, type Row } from '../../analysis/index.ts';
import { assertCloseToR } from './support.ts';

const fixtures = join(import.meta.dirname, 'fixtures');
const all = rowsFromCsv(readFileSync(join(fixtures, 'mm_se_types.csv'), 'utf8'));
interface Numbers { estimate?: number[]; se: number[]; df?: number[] }
type Case = { levels: string[]; cregg: Numbers; CR0: Numbers; stata: Numbers; CR2: Numbers; clubSandwich: Numbers };
const expected = JSON.parse(readFileSync(join(fixtures, 'mm_se_types.expected.json'), 'utf8')) as Record<string, Case>;
const designOf = (design: string): Row[] => all.filter((row) => String(row.design) === design);

for (const seType of ['cregg', 'CR0', 'stata', 'CR2'] as const) {
  test(`mm --se-type ${seType} equals R on four seeded designs (clusters = respondent)`, () => {
    for (const [key, want] of Object.entries(expected)) {
      const [design, feature] = key.split(':');
      const rows = designOf(design);
      const got = mm({ formula: `y ~ ${feature}`, rows, id: 'id', weights: 'w', seType }).estimates;
      assert.deepEqual(got.map((row) => row.level), want.levels, key);
      got.forEach((row, k) => {
        const what = `${key} ${row.level} ${seType}`;
        assertCloseToR(row.estimate, want[seType].estimate![k], what);
        if (want.cregg.se[k] === 0) {
          assert.equal(row.std_error, 0, `${what}: SE of a constant outcome`);
          assert.equal(row.z, Infinity, `${what}: z`);
          assert.equal(row.p, 0, `${what}: p`);
          assert.deepEqual([row.lower, row.upper], [row.estimate, row.estimate], `${what}: interval`);
        } else {
          assertCloseToR(row.std_error, want[seType].se[k], `${what} SE`);
          if (seType === 'CR2') assertCloseToR(row.std_error, want.clubSandwich.se[k], `${what} SE (clubSandwich)`);
        }
        if (seType === 'cregg') assert.equal(row.df, null, `${what}: z test`);
        else assertCloseToR(row.df, want[seType].df![k], `${what} df`);
        if (seType === 'CR2') assertCloseToR(row.df, want.clubSandwich.df![k], `${what} df (clubSandwich)`);
      });
    }
  });
}

test('mm: a constant level with h0 at its value has z NaN (0/0), as survey; elsewhere ±Inf', () => {
  const rows = designOf('202');
  const at = mm({ formula: 'y ~ f1', rows, id: 'id', weights: 'w', h0: 1 }).estimates[0];
  assert.deepEqual([at.estimate, at.std_error, at.z, at.p], [1, 0, NaN, NaN]);
  const below = mm({ formula: 'y ~ f1', rows, id: 'id', weights: 'w', h0: 0.5 }).estimates[0];
  assert.deepEqual([below.z, below.p], [Infinity, 0]);
});

test('mm_diffs: a group whose level is constant contributes variance exactly 0', () => {
  // Designs 101 and 202 stacked as the two groups of `design`: level a is 1 in both, so the difference is 0 ± 0.
  const rows = all.filter((row) => ['101', '202'].includes(String(row.design)));
  const a = mmDiffs({ formula: 'y ~ f1', rows, id: 'id', weights: 'w', by: 'design' }).estimates[0];
  assert.deepEqual([a.level, a.estimate, a.std_error], ['a', 0, 0]);
});
