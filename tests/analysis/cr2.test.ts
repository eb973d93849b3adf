// CR2 against estimatr 1.0.0 where the old formulas broke down (expected values and the designs: tests/analysis/r/cr2.R):
// the Bell–McCaffrey df of a factor × numeric interaction whose level sits in one cluster (it came out near 0 or
// negative), weighted SEs with a covariate near 1000 (off by up to 3e-4), and few large clusters, where each
// cluster's adjustment is computed in K × K space (a cluster-level dummy, a level absent from one cluster).
// On the few designs where estimatr itself is inaccurate (it differs by more than 1e-8 from the same estimator
// computed in R from the QR's orthonormal factor), the expected values are that R computation (`source` column).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { lmRobust, rowsFromCsv, type Row } from '../../analysis/index.ts';
import { assertMatchesR, type RRow } from './support.ts';

const fixtures = new URL('./fixtures/', import.meta.url);
const data = rowsFromCsv(gunzipSync(readFileSync(new URL('cr2_designs.csv.gz', fixtures))).toString('utf8'));
const expected = rowsFromCsv(readFileSync(new URL('cr2_designs.expected.csv', fixtures), 'utf8'));
const calls = rowsFromCsv(readFileSync(new URL('cr2_designs.calls.csv', fixtures), 'utf8'));
const COLUMNS = ['estimate', 'std.error', 'statistic', 'p.value', 'conf.low', 'conf.high', 'df'];

function checkFamily(family: string): number {
  const designs = calls.filter((call) => call.family === family);
  assert.equal(designs.length, 20);
  for (const call of designs) {
    const rows: Row[] = data.filter((row) => row.id === call.id);
    // R: tidy(lm_robust(<formula>, data = d, clusters = cl[, weights = w]))
    const fit = lmRobust({ formula: String(call.formula), rows, clusters: 'cl', weights: call.weighted === 'TRUE' ? 'w' : undefined });
    const want: RRow[] = expected
      .filter((row) => row.id === call.id)
      .map((row) => [String(row.term), ...COLUMNS.map((c) => (row[c] === 'NA' ? null : (row[c] as number)))]);
    assertMatchesR(fit.estimates, want, `${family} design ${call.id} (${call.formula}${call.weighted === 'TRUE' ? ', weighted' : ''}; ${call.source})`);
    for (const row of fit.estimates) assert.ok(row.df === null || row.df > 0, `design ${call.id} ${row.term}: df ${row.df}`);
  }
  return designs.length;
}

test('CR2 df of a factor × numeric interaction with a level in one of 3 clusters equals R and is positive', () => {
  checkFamily('df');
});

test('weighted CR2 with a covariate near 1000 equals R', () => {
  checkFamily('far');
});

test('CR2 with 3–5 clusters of 60–250 rows (K × K adjustment, pseudo-inverse and rank-deficient blocks) equals R', () => {
  checkFamily('large');
});
