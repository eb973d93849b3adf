// A coefficient decided by a row of leverage 1 under HC0–HC3 (R trial 40: a Likert answer given once as the reference
// level, so the intercept is that row's outcome). vlab gives such a row weight 0 (docs/analysis.md, leverage 1), which
// leaves that coefficient no rows at all: vlab printed NaN (HC2) or 4.4e-16 (HC3, t ~6e15) for its SE without a word
// and estimatr prints noise (6e-8, or 4 under HC3); under HC0/HC1 vlab printed NaN without a word, estimatr 4e-8. Now NA and a warning naming it; z, fb and fc keep the SEs of the fit
// without the row, where fb and fc are level means. R's values by tests/analysis/r/leverage-one-coefficient.R
// (R 4.2.2, estimatr 1.0.0); the data are written out, no draw.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lmRobust, type Row } from '../../analysis/index.ts';

const Y = [2.5, 3.1, 4.0, 3.6, 5.2, 4.8, 6.1, 5.5, 4.4, 3.9, 5.0, 6.3, 2.2, 4.1, 5.7, 3.3];
const Z = [0, 1, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 0, 1, 1];
const F = ['a', 'b', 'b', 'c', 'c', 'b', 'c', 'b', 'c', 'b', 'c', 'b', 'c', 'b', 'c', 'b'];
const rows: Row[] = Y.map((y, i) => ({ y, z: Z[i], f: F[i] }));

// SEs of z, fb and fc: tidy(lm_robust(y ~ 0 + z + f, d[-1, ], se_type = …)).
const R: [string, number[]][] = [
  ['HC2', [0.579097236762246, 0.496668891621222, 0.522291447614827]],
  ['HC3', [0.65062753800589, 0.555744836888994, 0.594224375966925]],
];

// HC0 and HC1 weigh the row by its residual, 0: z, fb and fc on every row (estimatr's intercept 4.2e-8 and 4.9e-8, t ~6e7).
R.push(['HC0', [0.516053019250602, 0.444061033384835, 0.460111322124448]], ['HC1', [0.595886699160908, 0.512757514322716, 0.53129079137149]]);

for (const [seType, ses] of R) {
  test(`${seType}: the intercept decided by the one row of level "a" (leverage 1) has SE NA and a warning naming it`, () => {
    const fit = lmRobust({ formula: 'y ~ z + f', rows, seType: seType as 'HC2' });
    const [intercept, ...rest] = fit.estimates;
    assert.ok(Math.abs((intercept.estimate as number) - 2.5) <= 1e-12, `intercept ${intercept.estimate}`);
    for (const key of ['std_error', 'statistic', 'p_value', 'conf_low', 'conf_high'] as const) assert.equal(intercept[key], null, key);
    assert.ok(fit.warnings.some((w) => /standard error of "\(Intercept\)" is not defined: only rows of leverage 1 decide it/.test(w)), fit.warnings.join('\n'));
    rest.forEach((row, k) => assert.ok(Math.abs((row.std_error as number) - ses[k]) <= 1e-12 * ses[k], `${row.term}: SE ${row.std_error} against ${ses[k]}`));
  });
}
