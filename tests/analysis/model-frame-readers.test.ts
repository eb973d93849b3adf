// The model frame reads data two ways: records (an SQLite export, a JSON body, rowsFromCsv) through
// tableFromRows, and CSV bytes through tableFromCsv. Both must read a cell "NA" as R's read.csv does — missing,
// quoted or not — even when "NA" is one of the levels declared for that column, so that the estimates of the
// server (records) and of `vlab fit` (CSV) are the same.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lmRobust, rowsFromCsv, tableFromCsv } from '../../analysis/index.ts';
import { assertMatchesR, type RRow } from './support.ts';

const CSV = 'x,g,y\n"NA",a,1\n"b",a,2\nNA,b,3\n"b",b,5\n"c",a,4\n"NA",b,2.5\n"b",a,1\n"c",b,3.5\n';
const LEVELS = { x: ['NA', 'b', 'c'] };

// d <- read.csv(text = CSV, na.strings = c("", "NA")); d$x <- factor(d$x, levels = c("NA", "b", "c"))
// tidy(lm_robust(y ~ x, data = d))   # estimatr 1.0.0; 3 rows dropped, level "NA" unused so "b" is the reference
const EXPECTED: RRow[] = [
  ['(Intercept)', 2.66666666666667, 1.20185042515466, 2.218800784900917, 0.113169488798847, -1.15815777837044, 6.49149111170378, 3],
  ['xc', 1.08333333333333, 1.22757665522135, 0.882497503292771, 0.442494153353221, -2.82336345752839, 4.99003012419506, 3],
];

test('a cell "NA" is missing in both readers, also when "NA" is a declared level, as in R', () => {
  const records = rowsFromCsv(CSV);
  assert.equal(records.filter((r) => r.x === 'NA').length, 3, 'rowsFromCsv keeps the text; the model frame reads it as missing');
  const fromRecords = lmRobust({ formula: 'y ~ x', rows: records, levels: LEVELS });
  const fromCsv = lmRobust({ formula: 'y ~ x', rows: tableFromCsv(CSV), levels: LEVELS });
  for (const [what, fit] of [['records', fromRecords], ['csv', fromCsv]] as const) {
    assert.equal(fit.nobs, 5, what);
    assert.equal(fit.nDropped, 3, what);
    assertMatchesR(fit.estimates, EXPECTED, what);
  }
  assert.deepEqual(fromRecords.estimates, fromCsv.estimates);
  assert.deepEqual(fromRecords.warnings, fromCsv.warnings);
});

test('records from a database (null) and from a CSV file ("NA", "") give the same frame', () => {
  const records = rowsFromCsv(CSV).map((r) => ({ ...r, x: r.x === 'NA' ? null : r.x }));
  const fit = lmRobust({ formula: 'y ~ x', rows: records, levels: LEVELS });
  assertMatchesR(fit.estimates, EXPECTED, 'null cells');
  const blank = lmRobust({ formula: 'y ~ x', rows: tableFromCsv(CSV.replaceAll('"NA"', '').replace('\nNA,', '\n,')), levels: LEVELS });
  assertMatchesR(blank.estimates, EXPECTED, 'empty cells');
});
