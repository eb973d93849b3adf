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

// Two fixed effects (R trial 36): estimatr 1.0.0's demeanMat2 sweeps every column of the design together until the whole
// matrix settles, so columns dependent with the fixed effects together stay dependent up to rounding and its pivoted QR
// leaves one out. vlab swept each column to its own stop, which left a residue of up to 1e-8 in their dependence; its QR
// then kept every column and it declined ('the sweeps leave a residue'). It now sweeps them together too.
const crossed = [
  [2.4, 1.5, 'a', 'q'], [3.9, 3.4, 'b', 'q'], [3.5, 4.6, 'c', 'p'], [4, 1, 'a', 'p'], [4, 0.3, 'b', 'p'], [0.1, 0.4, 'c', 'q'],
  [3.7, 4, 'a', 'q'], [0.3, 3.1, 'b', 'q'], [0.8, 4.5, 'c', 'p'], [3.2, 0.7, 'a', 'p'], [2.9, 3.7, 'b', 'q'], [3.3, 4.2, 'c', 'q'],
  [0.1, 1.7, 'a', 'p'], [2.6, 1.9, 'b', 'p'], [3.2, 1.6, 'c', 'q'], [2.2, 1, 'a', 'q'], [2.3, 2.1, 'b', 'p'], [3.4, 3, 'c', 'p'],
  [2.9, 2.9, 'a', 'p'], [2.3, 1.2, 'b', 'p'], [2.4, 2.6, 'c', 'q'], [1.2, 2.3, 'a', 'p'], [3.1, 1, 'b', 'p'], [3.4, 3, 'c', 'q'],
].map(([y, x, g, h]) => ({ y, x, g, h }));

test('two fixed effects: a column beside poly(x, 2) gets estimatr\'s pivot, the columns swept together', () => {
  // Failed before R trial 36 (declined in the sweeps' residue's words). R: poly(x, 2)1 NA; I(x^2) 0.0223801683306549
  // SE 0.057397824478318; poly(x, 2)2 0.4766054114869188 SE 1.608391450913202 (lm with the dummies: the same).
  const fit = lmRobust({ formula: 'y ~ I(x^2) + poly(x, 2)', rows: crossed, fixedEffects: '~ g + h', seType: 'HC1' }).estimates;
  assert.deepEqual(fit.map((row) => [row.term, row.estimate === null]), [['I(x^2)', false], ['poly(x, 2)1', true], ['poly(x, 2)2', false]]);
  assertCloseToR(fit[0].estimate, 0.0223801683306549, 'I(x^2)');
  assertCloseToR(fit[0].std_error, 0.057397824478318, 'I(x^2) SE');
  assertCloseToR(fit[2].estimate, 0.4766054114869188, 'poly(x, 2)2');
  assertCloseToR(fit[2].std_error, 1.608391450913202, 'poly(x, 2)2 SE');
});

test('a term that is also a fixed effect beside a pair collinear together: declined in the words of the sweeps\' residue', () => {
  // R keeps hq (collinear with the fixed effect h alone; its demeaned column is the sweeps' residue) at -10.39 with an SE
  // of 4.6e11, leaving out log1p(x): numbers that mean nothing. vlab declines, saying why and what to do.
  assert.throws(() => lmRobust({ formula: 'y ~ log1p(x) + I(3 * log1p(x) + 2) + h', rows: crossed, fixedEffects: '~ g + h', seType: 'HC1' }), (error: Error) => {
    assert.match(error.message, /collinear with the fixed effects together/);
    assert.match(error.message, /the demeaning's sweeps \(which stop at a change of 1e-8\) leave the columns dependent only up to a residue, so rounding decides/);
    assert.match(error.message, /leave out one of the terms/, 'says what to do');
    assert.match(error.message, /write the fixed effects into the formula as \+ factor\(\.\.\.\)/);
    return true;
  });
});
