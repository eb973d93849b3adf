// A column beside a linear transform of it with fixed effects (R trials 34 and 35): x and I(2 * x + 3), I(x - 5) or
// scale(x) are dependent only with the constant the fixed effects absorb. estimatr leaves out the one its pivoted QR of
// the demeaned columns picks last — by their norms (x beside 2x + 3, scale(x) beside x) or by rounding where the norms
// tie (x − 5). Since R trial 35 vlab follows the norms (absorbed-columns.ts: a pivot won by at least 1e-6 of its norm)
// and declines where they tie; until then it declined all three. The refusal's advice is leaving out either column (R:
// Rscript tests/analysis/r/fixed-effects-transform.R, the R calls and their output there).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lmRobust } from '../../analysis/index.ts';
import { assertCloseToR } from './support.ts';

const rows = [
  [1.2, 0.5, 'a'], [0.7, 1.5, 'a'], [2.3, 2.0, 'a'], [1.9, 3.5, 'a'], [3.1, 4.0, 'b'], [2.2, 1.0, 'b'],
  [0.4, 0.2, 'b'], [1.6, 2.5, 'b'], [2.8, 3.0, 'c'], [3.3, 4.5, 'c'], [1.1, 1.2, 'c'], [2.0, 2.2, 'c'],
].map(([y, x, g]) => ({ y, x, g }));

test('a column beside its shift with fixed effects: the demeaned norms tie, declined in words that fit numeric columns', () => {
  assert.throws(() => lmRobust({ formula: 'y ~ x + I(x - 5)', rows, fixedEffects: '~ g', seType: 'HC2' }), (error: Error) => {
    assert.match(error.message, /collinear with the fixed effects together/);
    assert.match(error.message, /their demeaned norms tie/, 'says why estimatr\'s choice is rounding\'s');
    assert.match(error.message, /leave out one of the terms/, 'the advice fits two numeric columns');
    return true;
  });
});

test('a column beside its rescaling with fixed effects: estimatr leaves out the smaller demeaned norm, and so does vlab', () => {
  // Failed before R trial 35 (declined). R: x NA and I(2 * x + 3) 0.26313709996049; scale(x) NA and x 0.52627419992098.
  const affine = lmRobust({ formula: 'y ~ x + I(2 * x + 3)', rows, fixedEffects: '~ g', seType: 'HC2' }).estimates;
  assert.deepEqual(affine.map((row) => [row.term, row.estimate === null]), [['x', true], ['I(2 * x + 3)', false]]);
  assertCloseToR(affine[1].estimate, 0.26313709996049, 'I(2 * x + 3)');
  assertCloseToR(affine[1].std_error, 0.0577671376422381, 'I(2 * x + 3) SE');
  assert.equal(affine[1].df, 8);
  const scaled = lmRobust({ formula: 'y ~ x + scale(x)', rows, fixedEffects: '~ g', seType: 'HC2' }).estimates;
  assert.deepEqual(scaled.map((row) => [row.term, row.estimate === null]), [['x', false], ['scale(x)', true]]);
  assertCloseToR(scaled[0].estimate, 0.52627419992098, 'x');
  assertCloseToR(scaled[0].std_error, 0.115534275284476, 'x SE');
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
