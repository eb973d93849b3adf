// Weighted HC2 and HC3 where one row's leverage is 1 − 1e-6 or 1 − 3.5e-9 (R trial 43: a weight of 1e6 on one of the
// two rows of level "c"; a weight of 1e4 on the same row, also 1,000 on x). HC3 divides its residual by (1 − h)², so the
// digits lost in 1 − h show 1e12-fold; estimatr lost them: kc's SE 4.1e-8 off the exact value on the first fit, far3's
// 3.7e-4 and the intercept's 5.6e-5 on the second (the trial's differential case failed on them, 1.5e-5 in an interval's
// end). vlab's are within 2e-8 of the exact values, so these fits are checked here against exact arithmetic and the
// differential suite fits the weight 1e4 without x far out (leverage 1 − 1e-4), where the two agree to 4e-9.
// Exact values (rational arithmetic, square root at 40 digits):
//   python3 tests/analysis/r/hc3-near-leverage.py tests/analysis/fixtures/leverage-near-one-43.csv x wk      (and far3 wk4)
// estimatr 1.0.0, R 4.2.2 (Rscript tests/analysis/r/hc3-near-leverage.R):
//   lm_robust(y ~ x + k, data = d, weights = wk, se_type = "HC3")$std.error
//     0.26341372123583873 0.19917851176203988 0.39305775124997783 0.27302874814623790
//   lm_robust(y ~ far3 + k, data = d, weights = wk4, se_type = "HC3")$std.error
//     0.29378921363946808 0.94664372593269441 0.44576229402259904 669.13820645049054292
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { lmRobust, tableFromCsv } from '../../analysis/index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const data = tableFromCsv(readFileSync(join(here, 'fixtures/leverage-near-one-43.csv')));

const EXACT = [
  { formula: 'y ~ x + k', weights: 'wk', seType: 'HC3', se: [0.26341372118735499, 0.19917851177597341, 0.39305775102347738, 0.27302875923485374] },
  { formula: 'y ~ x + k', weights: 'wk', seType: 'HC2', se: [0.25345139078033779, 0.18956277547190346, 0.37715202801182309, 0.26104025230437526] },
  { formula: 'y ~ far3 + k', weights: 'wk4', seType: 'HC3', se: [0.29380552918647541, 0.94629472617800603, 0.44576692712511293, 669.13819656560644] },
  { formula: 'y ~ far3 + k', weights: 'wk4', seType: 'HC2', se: [0.28720714975106763, 0.0039793764011075715, 0.42621662274510888, 3.9894115936245785] },
] as const;

test('weighted HC2 and HC3 at leverage 1 − 1e-6 and 1 − 3.5e-9 are within 2e-8 of the exact values (estimatr 4e-8 to 4e-4)', () => {
  for (const c of EXACT) {
    const fit = lmRobust({ rows: data, formula: c.formula, weights: c.weights, seType: c.seType });
    assert.deepEqual(fit.estimates.map((r) => r.term), ['(Intercept)', c.formula.includes('far3') ? 'far3' : 'x', 'kb', 'kc']);
    fit.estimates.forEach((row, k) => {
      const relative = Math.abs((row.std_error as number) - c.se[k]) / c.se[k];
      assert.ok(relative < 2e-8, `${c.formula} ${c.seType} ${row.term}: SE ${row.std_error}, exact ${c.se[k]} (relative ${relative.toExponential(2)})`);
    });
  }
});
