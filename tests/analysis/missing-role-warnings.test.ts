// Rows whose outcome and terms are complete but whose weight, cluster, fixed effect or block is missing (R trial 41):
// estimatr drops them and warns, "Some observations have missingness in the <role> variable(s) but not in the outcome
// or covariates"; vlab dropped them too (nobs equal) but said nothing, so a cluster id left empty in the export cost
// rows without a word. A row missing in two roles is named under the first in estimatr's model frame (lm_robust:
// weights, cluster, fixed effects; difference_in_means: weights, block, cluster); a row missing in a term, or left out
// by subset, is not named. R's output by tests/analysis/r/missing-role-warnings.R (R 4.2.2, estimatr 1.0.0).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { differenceInMeans, lmRobust } from '../../analysis/index.ts';

const NA = null;
const rows = [
  [1, 1, 0, 1, 1, 1, 1], [3, 2, 0, 1, 1, 1, 1], [2, 3, 1, NA, NA, 1, NA], [5, 4, 1, 1, 2, 2, 1], [4, 5, 0, 2, 3, NA, 1], [6, 6, 0, 1, 3, 2, 1],
  [7, 7, 1, 1, 4, 1, 1], [5, 8, 1, 2, 4, 2, 1], [8, 9, 0, 1, 5, 1, 2], [9, 10, 0, 1, 5, 2, 2], [3, 11, 1, 1, 6, 1, 2], [4, NA, 1, 1, NA, 2, 2],
].map(([y, x, t, w, cl, g, b]) => ({ y, x, t, w, cl, g, b }));

/** The roles vlab's warnings name as estimatr's missingness warnings, in the order given. */
const roles = (warnings: readonly string[]): string[] =>
  warnings.flatMap((w) => /rows? with the outcome and terms complete (?:has|have) a missing (weight|cluster|fixed effect|block) .*dropped, as estimatr drops/.exec(w)?.[1] ?? []);

test('lm_robust: a missing weight, cluster or fixed effect drops the row with estimatr\'s warning', () => {
  // R: weights then fixed_effects (row 3 has both weight and cluster missing: weights; row 12's x is missing: no word); nobs 9, x 0.402892561983471
  const all = lmRobust({ formula: 'y ~ x', rows, weights: 'w', clusters: 'cl', fixedEffects: '~ g', seType: 'CR0' });
  assert.equal(all.nobs, 9);
  assert.ok(Math.abs((all.estimates[0].estimate as number) - 0.402892561983471) <= 1e-12);
  assert.deepEqual(roles(all.warnings), ['weight', 'fixed effect'], all.warnings.join('\n'));
  // R: cluster; nobs 10
  const clustered = lmRobust({ formula: 'y ~ x', rows, clusters: 'cl' });
  assert.equal(clustered.nobs, 10);
  assert.deepEqual(roles(clustered.warnings), ['cluster'], clustered.warnings.join('\n'));
  // R: no warning (row 3 is left out by the subset)
  assert.deepEqual(roles(lmRobust({ formula: 'y ~ x', rows, clusters: 'cl', subset: 'y != 2' }).warnings), []);
  // R: fixed_effects; nobs 10, x 0.444444444444444
  const fe = lmRobust({ formula: 'y ~ x', rows, fixedEffects: '~ g' });
  assert.equal(fe.nobs, 10);
  assert.deepEqual(roles(fe.warnings), ['fixed effect'], fe.warnings.join('\n'));
  assert.deepEqual(roles(lmRobust({ formula: 'y ~ x', rows }).warnings), []);
});

test('difference_in_means: a missing weight, block or cluster drops the row with estimatr\'s warning', () => {
  // R: weights; nobs 11, -0.223076923076923 (SE 0.732265674295525)
  const weighted = differenceInMeans({ rows, outcome: 'y', treatment: 't', weights: 'w', blocks: 'b' });
  assert.equal(weighted.nobs, 11);
  assert.ok(Math.abs((weighted.estimates[0].std_error as number) - 0.732265674295525) <= 1e-12);
  assert.deepEqual(roles(weighted.warnings), ['weight'], weighted.warnings.join('\n'));
  // R: cluster (row 12) and block (row 3, missing in both); nobs 10, -0.133333333333333 (SE 3.16666666666667)
  const clustered = differenceInMeans({ rows, outcome: 'y', treatment: 't', blocks: 'b', clusters: 'cl' });
  assert.equal(clustered.nobs, 10);
  assert.ok(Math.abs((clustered.estimates[0].std_error as number) - 3.16666666666667) <= 1e-12);
  assert.deepEqual(roles(clustered.warnings), ['cluster', 'block'], clustered.warnings.join('\n'));
});
