// The model frame reads data two ways: records (an SQLite export, a JSON body, rowsFromCsv) through
// tableFromRows, and CSV bytes through tableFromCsv. Both must read a cell "NA" as R's read.csv does — missing,
// quoted or not — even when "NA" is one of the levels declared for that column, so that the estimates of the
// server (records) and of `vlab fit` (CSV) are the same.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { differenceInMeans, lmRobust, rowsFromCsv, tableFromCsv } from '../../analysis/index.ts';
import { rowsFromTable } from '../../analysis/helpers/data-table.ts';
import { assertCloseToR, assertMatchesR, type RRow } from './support.ts';

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

test('a cell "NaN" is R\'s NaN in records as in CSV: factor() of it refused in words, a bare numeric drops it', () => {
  // R trial 19/20: d <- read.csv(text = CSV) reads k as numeric with NaN; lm_robust(y ~ factor(k) + x, data = d) fits 10
  // rows with a level factor(k)NaN, lm_robust(y ~ k + x, data = d)$nobs is 8. The CSV reader refuses factor(k) in words;
  // records (a JSON body's text "NaN", rowsFromCsv's, or a JS NaN as csvFromRecords writes "NaN") had fitted 8 rows silently.
  const csv = 'y,k,x\n1.2,1,0.5\n2.3,2,1.1\n3.1,NaN,0.2\n2.2,1,0.9\n4.1,2,1.7\n3.3,NaN,0.4\n2.9,3,1.2\n1.1,3,0.1\n3.5,1,0.8\n2.0,2,0.3\n';
  const refusal = /^AnalysisError: lmRobust: factor\(k\): column "k" has 2 cells "NaN": R's factor\(\) keeps NaN as a level "NaN"/;
  const fromCsv = rowsFromCsv(csv);
  const jsNaN = fromCsv.map((r) => ({ ...r, k: r.k === 'NaN' ? NaN : r.k }));
  for (const [what, rows] of [['CSV table', tableFromCsv(csv)], ['records', fromCsv], ['records with a JS NaN', jsNaN]] as const) {
    assert.throws(() => lmRobust({ formula: 'y ~ factor(k) + x', rows }), refusal, what);
    assert.throws(() => lmRobust({ formula: 'y ~ as.character(k) + x', rows }), /as\.character\(k\): column "k" has 2 cells "NaN"/, what);
    assert.equal(lmRobust({ formula: 'y ~ k + x', rows }).nobs, 8, what);
  }
  // Written NA (or null from a database) stays missing in every reader: 8 rows, no refusal.
  const nulls = fromCsv.map((r) => ({ ...r, k: r.k === 'NaN' ? null : r.k }));
  assert.equal(lmRobust({ formula: 'y ~ factor(k) + x', rows: nulls }).nobs, 8);
});

test('difference in means: a "NaN" treatment or block cell of records is missing, as read.csv\'s NaN (not a third arm)', () => {
  // R trial 20 (estimatr 1.0.0): d <- read.csv(text = CSV); difference_in_means(y ~ z, data = d) drops the two rows where
  // z is NaN (is.na(NaN)): nobs 10, estimate 0.15, SE 0.646658075544307, df 6.744280184756258; with blocks = b (NaN on
  // one more row) nobs 9, estimate 0.588888888888889, SE 0.391893157523298, df 5. Records (rowsFromCsv, a JSON body)
  // had read "NaN" as a third treatment value and refused ("found 3 (0, 1, NaN)").
  const csv = 'y,z,b\n1.2,1,1\n2.3,0,1\n3.1,NaN,1\n2.2,1,1\n4.1,0,NaN\n3.3,NaN,2\n2.9,1,2\n1.1,0,2\n3.5,1,2\n2.0,0,2\n1.7,0,1\n2.6,0,2\n';
  const table = rowsFromTable(tableFromCsv(csv));
  for (const blocks of [undefined, 'b']) {
    const fromRecords = differenceInMeans({ rows: rowsFromCsv(csv), outcome: 'y', treatment: 'z', blocks });
    const fromTable = differenceInMeans({ rows: table, outcome: 'y', treatment: 'z', blocks });
    assert.equal(fromRecords.nobs, blocks ? 9 : 10);
    const [estimate, se, df] = blocks ? [0.588888888888889, 0.391893157523298, 5] : [0.15, 0.646658075544307, 6.744280184756258];
    assertCloseToR(fromRecords.estimates[0]!.estimate, estimate, 'estimate');
    assertCloseToR(fromRecords.estimates[0]!.std_error, se, 'SE');
    assertCloseToR(fromRecords.estimates[0]!.df, df, 'df');
    assert.deepEqual(fromRecords, fromTable);
  }
});
