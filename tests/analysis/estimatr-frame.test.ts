// Three differences from estimatr found by the second trial against R (2026-12-03): a formula with "." is
// simplified as estimatr's Formula package does, so a column only removed by "- cl" drops no row (vlab dropped its
// missing values, as it must without "."); poly(x, d, raw = TRUE) takes missing x as R does (vlab refused it); and
// a covariate of ~5e21 leaves the intercept aliased by Eigen's rank threshold (relative to the largest column
// norm) without clusters too (vlab's normal equations kept every column, its QR path aliased them).
// Expected values: Rscript tests/analysis/r/estimatr-frame.R (the R calls are there).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { lmRobust, rowsFromCsv, tableFromCsv, type LmRobustOptions } from '../../analysis/index.ts';
import { assertCloseToR } from './support.ts';

const here = dirname(fileURLToPath(import.meta.url));
const table = tableFromCsv(readFileSync(join(here, 'fixtures/estimatr_frame.csv')));
type Expected = { nobs: number; rows: [string, number | null, number | null, number | null][] };
const expected = JSON.parse(readFileSync(join(here, 'fixtures/estimatr_frame.expected.json'), 'utf8')) as Record<string, Expected>;

function check(name: string, options: Omit<LmRobustOptions, 'rows'>): void {
  for (const solver of ['auto', 'qr'] as const) {
    const fit = lmRobust({ ...options, rows: table, solver });
    const want = expected[name];
    assert.equal(fit.nobs, want.nobs, `${name} (${solver}): nobs`);
    assert.deepEqual(fit.estimates.map((row) => row.term), want.rows.map((row) => row[0]), `${name}: terms`);
    want.rows.forEach(([term, estimate, se, df], k) => {
      const row = fit.estimates[k];
      if (estimate === null) {
        assert.equal(row.estimate, null, `${name} (${solver}): ${term} should be aliased`);
        return;
      }
      assertCloseToR(row.estimate, estimate, `${name} (${solver}): ${term} estimate`);
      assertCloseToR(row.std_error, se!, `${name} (${solver}): ${term} SE`);
      assertCloseToR(row.df, df!, `${name} (${solver}): ${term} df`);
    });
  }
}

test('"." minus a column: its missing values drop no row (estimatr simplifies the formula)', () => {
  check('dot_minus', { formula: 'y ~ . - cl - w - huge' });
});

test('"." minus the cluster column: the clusters still drop their missing rows', () => {
  check('dot_minus_clustered', { formula: 'y ~ . - w - huge - cl', clusters: 'cl', seType: 'stata' });
});

test('without ".", a removed column stays in the model frame and drops rows (as lm and estimatr)', () => {
  check('explicit_minus', { formula: 'y ~ f + x + k - cl' });
});

test('poly(x, 3, raw = TRUE) with missing x drops those rows (only the orthogonal poly refuses them)', () => {
  check('poly_raw_missing', { formula: 'y ~ poly(x, 3, raw = TRUE) + f', seType: 'HC1' });
  assert.throws(() => lmRobust({ formula: 'y ~ poly(x, 3) + f', rows: table }), /missing values are not allowed in 'poly'/);
});

test('a covariate of ~5e21 aliases the intercept and k as Eigen\'s threshold does, with or without clusters', () => {
  check('huge_hc2', { formula: 'y ~ huge + k' });
  check('huge_cr0', { formula: 'y ~ huge + k', clusters: 'cl', seType: 'CR0' });
});

test('n = rank: df, p-value and interval are NA, as estimatr gives them (vlab printed df 0 and NaN)', () => {
  const rows = rowsFromCsv(readFileSync(join(here, 'fixtures/estimatr_frame_saturated.csv'), 'utf8'));
  const saturated = (expected as unknown as { saturated: { se_type: 'classical' | 'HC0' | 'HC1'; rows: [string, number, ...unknown[]][] }[] }).saturated;
  for (const { se_type: seType, rows: want } of saturated) {
    const fit = lmRobust({ formula: 'y ~ f + x', rows, seType });
    want.forEach(([term, estimate], k) => {
      const row = fit.estimates[k];
      assert.equal(row.term, term);
      assertCloseToR(row.estimate, estimate, `${seType} ${term} estimate`);
      // R: p.value, conf.low, df NA (its SEs here are Inf or rounding noise around 0: nothing to compare)
      assert.deepEqual([row.p_value, row.conf_low, row.conf_high, row.df], [null, null, null, null], `${seType} ${term}`);
    });
    assert.ok(fit.warnings.some((w) => /degrees of freedom are zero or negative/.test(w)), `${seType}: warning`);
  }
});
