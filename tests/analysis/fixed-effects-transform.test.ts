// A column beside a linear transform of it with fixed effects (R trial 34): x and I(2 * x + 3), I(x - 5) or scale(x) are
// dependent only with the constant the fixed effects absorb. estimatr leaves out the one its pivoted QR of the demeaned
// columns picks last — by their norms (x beside 2x + 3, scale(x) beside x) or by rounding where the norms tie (x − 5) —
// and vlab declines (absorbed-columns.ts). The refusal's words said the choice was rounding's and advised leaving out a
// factor's level, which has no meaning for two numeric columns; the advice that works is leaving out one of the two (R:
// Rscript tests/analysis/r/fixed-effects-transform.R, the R calls and their output there).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lmRobust } from '../../analysis/index.ts';
import { assertCloseToR } from './support.ts';

const rows = [
  [1.2, 0.5, 'a'], [0.7, 1.5, 'a'], [2.3, 2.0, 'a'], [1.9, 3.5, 'a'], [3.1, 4.0, 'b'], [2.2, 1.0, 'b'],
  [0.4, 0.2, 'b'], [1.6, 2.5, 'b'], [2.8, 3.0, 'c'], [3.3, 4.5, 'c'], [1.1, 1.2, 'c'], [2.0, 2.2, 'c'],
].map(([y, x, g]) => ({ y, x, g }));

test('a column beside its linear transform with fixed effects: declined in words that fit numeric columns', () => {
  for (const formula of ['y ~ x + I(2 * x + 3)', 'y ~ x + I(x - 5)', 'y ~ x + scale(x)']) {
    assert.throws(() => lmRobust({ formula, rows, fixedEffects: '~ g', seType: 'HC2' }), (error: Error) => {
      assert.match(error.message, /collinear with the fixed effects together/, formula);
      assert.match(error.message, /by their norms, or by rounding where those tie/, `${formula}: says how estimatr chooses`);
      assert.match(error.message, /leave out one of the terms/, `${formula}: the advice fits two numeric columns`);
      return true;
    });
  }
});

test('the advice works: either column alone gives estimatr\'s fit', () => {
  const [x] = lmRobust({ formula: 'y ~ x', rows, fixedEffects: '~ g', seType: 'HC2' }).estimates;
  assertCloseToR(x.estimate, 0.52627419992098, 'x');
  assertCloseToR(x.std_error, 0.115534275284476, 'x SE');
  assert.equal(x.df, 8);
  const [t] = lmRobust({ formula: 'y ~ I(2 * x + 3)', rows, fixedEffects: '~ g', seType: 'HC2' }).estimates;
  assertCloseToR(t.estimate, 0.26313709996049, 'I(2 * x + 3)');
  assertCloseToR(t.std_error, 0.0577671376422381, 'I(2 * x + 3) SE');
});
