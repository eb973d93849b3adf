// A coefficient decided by one row alone under clustered SEs (R trial 40: a Likert answer given once, the reference
// level of factor(lik7, labels = …) clustered by PSU): the intercept is that row's outcome, the row's residual is 0
// (leverage 1), so every cluster's share of the intercept's score is rounding and its clustered variance is 0 by
// construction. estimatr prints noise (SE 2e-8 to 5e-8 here, 2.7e-7 in the trial); vlab printed its own (4.7e-14,
// t ~6e14) without a word, since coefficient-cluster-scores.ts looked for shares that cancel and here no share is more
// than rounding. Now NA with the warning of R trial 38; the other coefficients are estimatr's. R's values by
// tests/analysis/r/cluster-one-row-coefficient.R (R 4.2.2, estimatr 1.0.0); the data are written out, no draw.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lmRobust, type Row } from '../../analysis/index.ts';

const Y = [2.5, 3.1, 4.0, 3.6, 5.2, 4.8, 6.1, 5.5, 4.4, 3.9, 5.0, 6.3, 2.2, 4.1, 5.7, 3.3];
const Z = [0, 1, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 0, 1, 1];
const F = ['a', 'b', 'b', 'c', 'c', 'b', 'c', 'b', 'c', 'b', 'c', 'b', 'c', 'b', 'c', 'b'];
const rows: Row[] = Y.map((y, i) => ({ y, z: Z[i], f: F[i], cl: 1 + Math.floor(i / 4) }));

// [se type, [estimate, SE, df] of z, fb, fc]; R's intercept is 2.5 with SE 5.2e-8 (CR2), 2.1e-8 (CR0), 2.7e-8 (stata).
const R: [string, [number, number, number][]][] = [
  ['CR2', [[-0.845833333333333, 0.317118086918077, 2.62862076185084], [2.29791666666666, 0.356169526752804, 2.47790406450431], [2.70416666666666, 0.205051823575604, 1.72658096403437]]],
  ['CR0', [[-0.845833333333333, 0.191222925719176, 3], [2.29791666666666, 0.322302598538384, 3], [2.70416666666666, 0.15197895247872, 3]]],
  ['stata', [[-0.845833333333333, 0.246867735574476, 3], [2.29791666666666, 0.416090865526179, 3], [2.70416666666666, 0.19620398397471, 3]]],
];

for (const [seType, expected] of R) {
  test(`${seType}: the intercept decided by the one row of level "a" has SE NA and a warning; z, fb and fc are estimatr's`, () => {
    const fit = lmRobust({ formula: 'y ~ z + f', rows, clusters: 'cl', seType: seType as 'CR2' });
    const [intercept, ...rest] = fit.estimates;
    assert.ok(Math.abs((intercept.estimate as number) - 2.5) <= 1e-12, `intercept ${intercept.estimate}`);
    assert.equal(intercept.std_error, null);
    assert.equal(intercept.p_value, null);
    assert.ok(fit.warnings.some((w) => /standard error of "\(Intercept\)" is 0 by construction/.test(w)), fit.warnings.join('\n'));
    rest.forEach((row, k) => {
      const [estimate, se, df] = expected[k];
      assert.ok(Math.abs((row.estimate as number) - estimate) <= 1e-12 * Math.abs(estimate), `${row.term}: ${row.estimate}`);
      assert.ok(Math.abs((row.std_error as number) - se) <= 1e-10 * se, `${row.term}: SE ${row.std_error} against ${se}`);
      assert.ok(Math.abs((row.df as number) - df) <= 1e-9 * df, `${row.term}: df ${row.df} against ${df}`);
    });
  });
}
