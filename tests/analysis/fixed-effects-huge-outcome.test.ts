// fixed_effects with an outcome near 1e9 (R trial 30, t30-random-14): estimatr's demeaning (demeanMat2, as vlab's
// demeanWithin) sweeps until a sweep changes the column by less than 1e-8 in Euclidean norm. On a column of 1e9 a
// sweep's group means are rounding (an ulp of 1e9 is 1.2e-7), so the change can stay near 1e-7 for ever: vlab's
// lmRobust never returned (estimatr, whose sums happened to settle on this data, returned). Sweeps now also stop
// once the change is rounding against the column's norm (1e-13 of it), where further sweeps move no estimate.
// The data: fixtures/fixed-effects-huge-outcome.csv, 40 rows drawn by seededRandom(30100002). R 4.2.2, estimatr 1.0.0
// (Rscript tests/analysis/r/fixed-effects-huge-outcome.R):
//   tidy(lm_robust(y ~ x, data = d, weights = w, fixed_effects = ~ g, se_type = "HC2"))[1, ]
//     estimate 230335663.550576657, std.error 70248616.568821222, df 35
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { lmRobust, tableFromCsv } from '../../analysis/index.ts';
import { demeanWithin } from '../../analysis/helpers/fixed-effects-aliasing.ts';
import { assertCloseToR } from './support.ts';

const csv = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'fixed-effects-huge-outcome.csv'), 'utf8');

test('fixedEffects with an outcome near 1e9 returns (it swept for ever) and equals estimatr', () => {
  const [row] = lmRobust({ formula: 'y ~ x', rows: tableFromCsv(csv), weights: 'w', fixedEffects: '~ g', seType: 'HC2' }).estimates;
  assertCloseToR(row.estimate, 230335663.550576657, 'estimate');
  assertCloseToR(row.std_error, 70248616.568821222, 'std_error');
  assert.equal(row.df, 35);
});

test('demeanWithin stops when a sweep changes a column by rounding only, and still sweeps two fixed effects to 1e-8', () => {
  // One group: one sweep leaves the mean's rounding (~1e-7 on values near 1e9); the next sweeps stop there.
  const huge = Float64Array.from({ length: 40 }, (_, i) => 1e9 + 12345.678 * i + (i % 3) * 0.1);
  demeanWithin(huge, 40, 1, { codes: [new Int32Array(40)], counts: [1] });
  assert.ok(Math.abs(huge.reduce((a, b) => a + b, 0)) < 1e-3, 'demeaned');
  // Two crossed fixed effects at ordinary scale: alternating sweeps converge to estimatr's 1e-8, as before.
  const a = Int32Array.from({ length: 12 }, (_, i) => i % 3);
  const b = Int32Array.from({ length: 12 }, (_, i) => (i < 5 ? 0 : i < 9 ? 1 : 2));
  const x = Float64Array.from({ length: 12 }, (_, i) => Math.sin(i) * 3);
  demeanWithin(x, 12, 1, { codes: [a, b], counts: [3, 3] });
  for (const codes of [a, b]) {
    for (let g = 0; g < 3; g++) {
      let sum = 0;
      codes.forEach((c, i) => (sum += c === g ? x[i] : 0));
      assert.ok(Math.abs(sum) < 1e-7, `group ${g} demeaned`);
    }
  }
});
