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

// R trial 41 (left from trial 40): the same under one fixed effect, which vlab absorbs by demeaning. Group 2 holds one
// row of k = "b" and one of "a" with the same x, so kb is their difference, decided by two rows of leverage 1; group 1
// is one row. vlab printed kb's SE as 1.6e-16 (HC0, t 5e15) or 0 (HC2/HC3, t Infinity, p 0) without a word; estimatr
// prints 1.6e-16, 2.5e-16, 5.3e-9 and 0.25. x's SEs are estimatr's (HC2/HC3: the fit without groups 1 and 2).
const fe: Row[] = [
  [1.9, 0.5, 'b', 1], [3.4, 1.0, 'b', 2], [2.6, 1.0, 'a', 2], [4.1, 2.0, 'a', 3], [5.0, 3.5, 'a', 3],
  [3.8, 1.5, 'a', 3], [2.7, 0.8, 'a', 4], [6.2, 4.0, 'a', 4], [4.9, 2.5, 'a', 4], [3.1, 1.2, 'a', 4],
].map(([y, x, k, g]) => ({ y, x, k, g }));
const xSe: Record<string, number> = { HC0: 0.087233434765034, HC1: 0.137928170988611, HC2: 0.122762906105204, HC3: 0.17589471146792 };
for (const [seType, se] of Object.entries(xSe)) {
  test(`${seType} with a fixed effect: kb, decided by the two rows of leverage 1 in its group, has SE NA and a warning`, () => {
    const fit = lmRobust({ formula: 'y ~ k + x', rows: fe, fixedEffects: '~ g', seType: seType as 'HC2' });
    const [kb, x] = fit.estimates;
    assert.deepEqual([kb.term, x.term], ['kb', 'x']);
    assert.ok(Math.abs((kb.estimate as number) - 0.8) <= 1e-12, `kb ${kb.estimate}`);
    for (const key of ['std_error', 'statistic', 'p_value', 'conf_low', 'conf_high'] as const) assert.equal(kb[key], null, key);
    assert.ok(fit.warnings.some((w) => /standard error of "kb" is not defined: only rows of leverage 1 decide it/.test(w)), fit.warnings.join('\n'));
    assert.ok(Math.abs((x.estimate as number) - 0.98616737476534) <= 1e-12, `x ${x.estimate}`);
    assert.ok(Math.abs((x.std_error as number) - se) <= 1e-11 * se, `x: SE ${x.std_error} against ${se}`);
    assert.equal(x.df, 4);
  });
}

// Task 43 (left from R trial 43): y ~ x + f:x + t + t:f with one row of f = "hi" (t = 1). x:fhi is aliased, and fhi:t is
// y_hi less the other rows' prediction there: partly decided by the row of leverage 1, whose variance no SE can hold.
// Its SE (vlab's and estimatr's) is the others' part only; the generic leverage-1 warning did not say so, and
// docs/analysis.md said every other SE equals the fit without the row. Now the warning names it (HC0, whose weight
// e² is 0 there without a convention, had none: now one on it alone). R's values (full: the
// fit; the intercept's, x's and t's also those of the fit without the row, fhi:t's that of b0 + b1·x_hi + b2 there) by
// tests/analysis/r/leverage-one-coefficient.R; the data are written out, no draw.
const partly: Row[] = [
  [1.2, -0.5, 0, 'lo'], [2.9, 1.1, 1, 'lo'], [0.4, -1.3, 0, 'lo'], [2.2, 0.6, 1, 'lo'], [3.1, 1.4, 1, 'lo'], [1.8, 0.2, 0, 'lo'],
  [0.9, -0.9, 0, 'lo'], [2.6, 0.8, 1, 'lo'], [1.5, -0.1, 1, 'lo'], [3.4, 1.7, 1, 'lo'], [0.7, -1.0, 0, 'lo'], [2.0, -0.8, 1, 'hi'],
].map(([y, x, t, f]) => ({ y, x, t, f }));
const partlySe: Record<string, number[]> = {
  HC0: [0.0418493346504914, 0.0992164770760673, 0.0896494775791177],
  HC2: [0.0559077659597733, 0.130702311948581, 0.11771516166341],
  HC3: [0.0750747808238653, 0.173688614364828, 0.156301575630173],
};
for (const [seType, [xSe, tSe, fhiTSe]] of Object.entries(partlySe)) {
  test(`${seType}: fhi:t, partly decided by the one "hi" row (leverage 1), keeps the others' SE and a warning names it`, () => {
    const fit = lmRobust({ formula: 'y ~ x + f:x + t + t:f', rows: partly, levels: { f: ['lo', 'hi'] }, seType: seType as 'HC2' });
    const byTerm = new Map(fit.estimates.map((row) => [row.term, row]));
    assert.ok(Math.abs((byTerm.get('fhi:t')!.estimate as number) - 1.11528946066304) <= 1e-12);
    for (const [term, se] of [['x', xSe], ['t', tSe], ['fhi:t', fhiTSe]] as const) {
      assert.ok(Math.abs((byTerm.get(term)!.std_error as number) - se) <= 1e-11 * se, `${term}: SE ${byTerm.get(term)!.std_error} against ${se}`);
    }
    const said = seType === 'HC0' ? '^lmRobust: ' : `^lmRobust: 1 row has leverage 1 .*taken as 0.*; `;
    assert.ok(fit.warnings.some((w) => new RegExp(`${said}the ${seType} SE of "fhi:t", which a row of leverage 1 moves, counts only the other rows' part, .* understates the uncertainty of that estimate$`).test(w)), fit.warnings.join('\n'));
    assert.ok(!fit.warnings.some((w) => /"(\(Intercept\)|x|t)"/.test(w)), fit.warnings.join('\n'));
  });
}

test('HC2 with a fixed effect (~ g): fhi:t is named too, as the demeaned path hands the fit to the path with dummies', () => {
  const g = [1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3];
  const fit = lmRobust({ formula: 'y ~ x + f:x + t + t:f', rows: partly.map((row, i) => ({ ...row, g: g[i] })), levels: { f: ['lo', 'hi'] }, fixedEffects: '~ g', seType: 'HC2' });
  const byTerm = new Map(fit.estimates.map((row) => [row.term, row]));
  // R: tidy(lm_robust(y ~ x + f:x + t + t:f, p, fixed_effects = ~ g, se_type = "HC2")), p as above with g.
  for (const [term, se] of [['x', 0.0379101716939814], ['t', 0.0714179041800569], ['fhi:t', 0.0586326980576784]] as const) {
    assert.ok(Math.abs((byTerm.get(term)!.std_error as number) - se) <= 1e-11 * se, `${term}: SE ${byTerm.get(term)!.std_error} against ${se}`);
  }
  assert.equal(fit.warnings.length, 1);
  assert.match(fit.warnings[0]!, /; the HC2 SE of "fhi:t", which a row of leverage 1 moves, counts only the other rows' part/);
});
