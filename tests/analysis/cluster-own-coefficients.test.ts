// Coefficients whose every deciding row lies in one cluster (R trial 38: y ~ z * f clustered, level "p" of f only in
// cluster 1, so the intercept and z are fitted within it). Their clustered SEs are 0 by construction: each cluster's
// share of their scores sums to 0. estimatr 1.0.0 prints NaN or rounding noise for them (SE 3e-8, t 1e8, p 1e-13 under
// CR0 and stata; in the trial's drawn data SE 2e-7, t 1.9e6, p 1e-125), vlab printed its own noise or NA without a
// word. vlab gives NA with a warning; the other coefficients are estimatr's. R's output: tests/analysis/r/cluster-own-coefficients.R.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lmRobust } from '../../analysis/index.ts';
import { assertCloseToR } from './support.ts';

const y = [1.2, 2.9, 0.4, 3.3, 2.2, 1.7, 3.1, 0.8, 2.6, 1.1, 3.8, 2.0, 1.5, 2.4, 0.9, 3.0, 2.7, 1.3, 2.1, 3.5, 0.6, 1.9, 2.8, 1.4];
const w = [1.5, 0.7, 2.2, 1.1, 0.9, 1.8, 1.2, 0.6, 2.5, 1.0, 1.3, 0.8, 1.7, 2.0, 0.5, 1.4, 1.1, 0.9, 2.3, 1.6, 0.7, 1.2, 1.9, 1.0];
const f = ['p', 'p', 'p', 'p', ...Array.from({ length: 20 }, (_, i) => ['q', 'r', 'r', 'q', 'q', 'r'][i % 6])];
const rows = y.map((v, i) => ({ y: v, z: i < 4 ? i % 2 : [0, 1, 1, 0][i % 4], f: f[i], w: w[i], g: 1 + Math.floor(i / 4) }));

// estimatr's SEs of fq, fr, z:fq, z:fr (tidy(lm_robust(y ~ z * f, data = d, clusters = g, se_type = ...))).
const R: Record<string, { weights?: string; se: number[]; df: number[] }> = {
  CR0: { se: [0.471142556602538, 0.199021041601134, 0.699494829841729, 0.306354699915791], df: [5, 5, 5, 5] },
  stata: { se: [0.58340563925771, 0.246443451931676, 0.866169321031099, 0.379352399903781], df: [5, 5, 5, 5] },
  CR2: { se: [0.559166045702585, 0.255766820887046, 0.885346940247366, 0.375664772709203], df: [2.63157894736842, 1.8, 3.29525483304042, 3.29525483304042] },
  'CR0 weighted': { weights: 'w', se: [0.364994228074835, 0.169058249381369, 0.49876715307142, 0.229086256378541], df: [5, 5, 5, 5] },
};

test('coefficients fitted within one cluster: SE NA with a warning, the others as estimatr', () => {
  for (const [name, want] of Object.entries(R)) {
    const seType = name.split(' ')[0] as 'CR0' | 'stata' | 'CR2';
    const fit = lmRobust({ formula: 'y ~ z * f', rows, clusters: 'g', weights: want.weights, seType });
    const [intercept, z, ...others] = fit.estimates;
    for (const row of [intercept, z]) {
      assert.ok(Number.isFinite(row.estimate), `${name}: ${row.term} keeps its estimate`);
      assert.deepEqual([row.std_error, row.statistic, row.p_value, row.conf_low, row.conf_high], [null, null, null, null, null], `${name}: ${row.term}`);
      // CR2's df of a variance 0 by construction is rounding residue (estimatr: 4.54 and 2.97 here); the others' G − 1 stands.
      assert.equal(row.df, seType === 'CR2' ? null : 5, `${name}: ${row.term} df`);
    }
    others.forEach((row, k) => {
      assertCloseToR(row.std_error, want.se[k], `${name}: ${row.term} SE`);
      assertCloseToR(row.df, want.df[k], `${name}: ${row.term} df`);
    });
    const words = fit.warnings.filter((line) => line.includes('0 by construction'));
    assert.equal(words.length, 1, `${name}: ${fit.warnings.join(' | ')}`);
    assert.match(words[0], /^lmRobust: the clustered standard errors of "\(Intercept\)" and "z" are 0 by construction: /);
  }
});

test('no coefficient fitted within one cluster: every SE, no warning', () => {
  // The same rows with level "p" spread over clusters 2–6 (rows 5–24 take the labels four rows later, "p" becoming "q").
  const spread = rows.map((row, i) => ({ ...row, f: f[(i + 4) % 24] === 'p' ? 'q' : f[(i + 4) % 24] }));
  const fit = lmRobust({ formula: 'y ~ z * f', rows: spread, clusters: 'g', seType: 'CR0' });
  assert.ok(fit.estimates.every((row) => row.std_error !== null && row.std_error > 1e-3), fit.estimates.map((row) => row.std_error).join(', '));
  assert.ok(!fit.warnings.some((line) => line.includes('0 by construction')));
});

test('with fixed effects of pairs of clusters: z NA and named alone (not the fixed effects\' dummies), the others as estimatr', () => {
  // d$h <- (d$g + 1) %/% 2; tidy(lm_robust(y ~ z * f, data = d, clusters = g, fixed_effects = ~ h, se_type = ...)):
  // z's SE 7.5e-9 (CR0) and 1.3e-15 (CR2), noise.
  const want = { CR0: { se: [0.317761266082295, 0.238266307591594, 0.651787073275383, 0.342529398576076], df: [5, 5, 5, 5] },
    CR2: { se: [0.378483817355513, 0.361767813525646, 0.819578157619481, 0.452627959968716], df: [2.63157894736841, 1.8006460403935, 2.22015618580466, 2.22015618580466] } };
  const paired = rows.map((row) => ({ ...row, h: Math.ceil(row.g / 2) }));
  for (const [seType, r] of Object.entries(want) as ['CR0' | 'CR2', typeof want.CR0][]) {
    const fit = lmRobust({ formula: 'y ~ z * f', rows: paired, clusters: 'g', fixedEffects: '~ h', seType });
    const [z, ...others] = fit.estimates;
    assert.deepEqual([z.term, z.std_error], ['z', null], seType);
    assertCloseToR(z.estimate, 2.3, `${seType}: z estimate`);
    others.forEach((row, k) => {
      assertCloseToR(row.std_error, r.se[k], `${seType}: ${row.term} SE`);
      assertCloseToR(row.df, r.df[k], `${seType}: ${row.term} df`);
    });
    const words = fit.warnings.filter((line) => line.includes('0 by construction'));
    assert.equal(words.length, 1, `${seType}: ${fit.warnings.join(' | ')}`);
    assert.match(words[0], /^lmRobust: the clustered standard error of "z" is 0 by construction: /);
  }
});
