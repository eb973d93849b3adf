// The cregg se type is survey::svyglm's (cregg's amce, amce_diffs' glm), whose QR (LINPACK dqrdc2) goes through the
// columns in order and aliases the LAST of a dependent set; estimatr's pivoted QR (the other se types) may alias
// another, and then every coefficient of the set changes. Here x3 = x1 + x2 with x3 the longest column: estimatr
// aliases x2, svyglm x3. Until 2026-12-03 the cregg type aliased as estimatr, and `vlab amce-diff --se-type cregg`
// differed from cregg::amce_diffs wherever a level is not shown in a group (conjoint differential, seeds 5200014
// and 5200039). R: tests/analysis/r/cregg-aliasing.R.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lmRobust } from '../../analysis/index.ts';
import { assertCloseToR } from './support.ts';

const rows = Array.from({ length: 40 }, (_, i) => {
  const x2 = 10 * (((i * 3) % 11) - 5);
  const x1 = (i % 7) - 3 + x2 / 10;
  return { x1, x2, x3: x1 + x2, y: 0.5 * x1 - 0.05 * x2 + ((i * 7) % 13) / 4, cl: Math.floor(i / 4) };
});

test('se type cregg aliases as survey::svyglm: the last column of a dependent set', () => {
  const fit = lmRobust({ formula: 'y ~ x1 + x2 + x3', rows, clusters: 'cl', seType: 'cregg' }).estimates;
  // svyglm(y ~ x1 + x2 + x3, design = svydesign(ids = ~cl, weights = ~1, data = d))
  const R: [string, number, number][] = [
    ['(Intercept)', 1.4592297908068641, 0.1115838162443550108],
    ['x1', 0.46782371050477045, 0.0679893759991742064],
    ['x2', -0.04618090945546293, 0.0071149433749982133],
  ];
  R.forEach(([term, estimate, se], k) => {
    assert.equal(fit[k].term, term);
    assertCloseToR(fit[k].estimate, estimate, `${term} estimate`);
    assertCloseToR(fit[k].std_error, se, `${term} SE`);
  });
  assert.deepEqual([fit[3].term, fit[3].estimate, fit[3].std_error], ['x3', null, null]);
});

test('the estimatr se types keep estimatr\'s choice (lm_robust(..., se_type = "stata") aliases x2)', () => {
  const fit = lmRobust({ formula: 'y ~ x1 + x2 + x3', rows, clusters: 'cl', seType: 'stata' }).estimates;
  assert.deepEqual(fit.map((row) => row.estimate === null), [false, false, true, false]);
  assertCloseToR(fit[1].estimate, 0.51400462, 'x1 estimate (printed digits)');
});
