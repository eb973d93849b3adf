// A covariate far from zero (x ≈ 1e6 with unit spread; x2 ≈ 1e6 with spread 0.01): the sandwich is held in the
// QR's coordinates (helpers/sandwich.ts), so the SEs equal those of the same fit on centred covariates, which
// are equal in exact arithmetic and computed without cancellation. estimatr itself loses ~κ²ε here (its SEs
// differ from the centred fit by ~1e-3, and are NaN on y ~ x2); vlab's did too before (found by the 2026-12-03
// trial against R). Expected values: Rscript tests/analysis/r/offset-covariate.R (the R calls are there).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { lmRobust, rowsFromCsv, type LmRobustOptions } from '../../analysis/index.ts';
import { assertCloseToR } from './support.ts';

const here = dirname(fileURLToPath(import.meta.url));
const rows = rowsFromCsv(readFileSync(join(here, 'fixtures/offset_covariate.csv'), 'utf8'));

/** [term, estimate, std_error, df] of the centred fit, intercept left out (it moves with the centring). */
type Centred = [string, number, number, number];

function check(options: Omit<LmRobustOptions, 'rows'>, expected: Centred[], what: string): void {
  const fit = lmRobust({ ...options, rows });
  for (const [term, estimate, se, df] of expected) {
    const row = fit.estimates.find((r) => r.term === term);
    assert.ok(row, `${what}: ${term}`);
    assertCloseToR(row.estimate, estimate, `${what}: ${term} estimate`);
    assertCloseToR(row.std_error, se, `${what}: ${term} SE`);
    assertCloseToR(row.df, df, `${what}: ${term} df`);
  }
}

test('HC1 with x ≈ 1e6: SEs equal the centred fit (estimatr: 1e-3 off)', () => {
  // R: centred$x <- d$x - mean(d$x); tidy(lm_robust(y ~ x + f, data = centred, se_type = "HC1"))
  check({ formula: 'y ~ x + f', seType: 'HC1' }, [
    ['x', 2.38053888904223, 0.377721593065051, 56],
    ['fb', 0.235650817015768, 1.13272326842448, 56],
    ['fc', 0.00447198690919648, 1.11331157456797, 56],
  ], 'HC1');
});

test('stata (CR1) with x ≈ 1e6: the clusters\' scores are taken to Q\'s coordinates before their product', () => {
  // R: tidy(lm_robust(y ~ x, data = centred, clusters = cl, se_type = "stata"))
  check({ formula: 'y ~ x', clusters: 'cl', seType: 'stata' }, [['x', 2.37453511508453, 0.364234134514132, 8]], 'stata');
});

test('weighted HC2 with x ≈ 1e6 equals the centred fit', () => {
  // R: tidy(lm_robust(y ~ x + f, data = centred, weights = w, se_type = "HC2"))
  check({ formula: 'y ~ x + f', weights: 'w', seType: 'HC2' }, [
    ['x', 2.645128816586, 0.435806795723121, 56],
    ['fb', 0.433725216662128, 1.19915292387181, 56],
    ['fc', 0.0777586748824635, 1.24311326157411, 56],
  ], 'weighted HC2');
});

test('x2 ≈ 1e6 with spread 0.01 is not aliased (it was, under lm\'s 1e-7 tolerance); CR0 equals the centred fit', () => {
  // R: tidy(lm_robust(y ~ x2 + x, data = centred, clusters = cl, se_type = "CR0"))
  check({ formula: 'y ~ x2 + x', clusters: 'cl', seType: 'CR0' }, [
    ['x2', 295.433513145583, 18.8021378762613, 8],
    ['x', 2.16025269604854, 0.118747942107734, 8],
  ], 'CR0');
  // estimatr keeps both columns of y ~ x2 on the raw data (its SEs there are NaN: "NaNs produced").
  const fit = lmRobust({ formula: 'y ~ x2', rows });
  assert.deepEqual(fit.estimates.filter((r) => r.estimate !== null).map((r) => r.term), ['(Intercept)', 'x2']);
});
