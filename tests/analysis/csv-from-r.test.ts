// CSV files as R writes and reads them (found by the third trial against R, 2026-12-03): write.csv's default
// first column of row names (empty header name, read.csv's "X"), and the numbers read.csv's type.convert reads
// beyond plain decimals — Inf, -inf, Infinity, NaN, hexadecimal, "1e" — whose column vlab read as text, so a
// covariate with one Inf became a factor with a level per value. Expected values: Rscript
// tests/analysis/r/csv-from-r.R (the R calls are there; R 4.2.2, estimatr 1.0.0).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { differenceInMeans, lmRobust, rowsFromCsv, tableFromCsv, tableFromRows, type DataTable } from '../../analysis/index.ts';
import { readRNumber } from '../../analysis/helpers/parse-decimal.ts';
import { assertCloseToR, assertEstimateSeDfAsR } from './support.ts';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => readFileSync(join(here, 'fixtures', name));
const expected = JSON.parse(fixture('csv_from_r.expected.json').toString('utf8'));

/** R's JSON writes Inf, -Inf and NaN as strings. */
const rValue = (v: number | string): number => (v === 'Inf' ? Infinity : v === '-Inf' ? -Infinity : v === 'NaN' ? NaN : (v as number));


test('every spelling R\'s type.convert reads as a number is one, and the others are text', () => {
  for (const { text, class: type, value } of expected.typed as { text: string; class: string; value: number | string }[]) {
    const got = readRNumber(text);
    if (type === 'character') {
      assert.equal(got, undefined, `${JSON.stringify(text)} is text in R`);
      continue;
    }
    assert.ok(got !== undefined, `${JSON.stringify(text)} is a number in R`);
    assert.ok(Object.is(got, rValue(value)) || (Number.isNaN(got) && Number.isNaN(rValue(value))), `${JSON.stringify(text)}: ${got}, R ${value}`);
  }
});

test('write.csv\'s row names column is read.csv\'s "X", and y ~ . uses it as R does', () => {
  const bytes = fixture('csv_row_names.csv');
  for (const [reader, table] of [['tableFromCsv', tableFromCsv(bytes)], ['tableFromRows', tableFromRows(rowsFromCsv(bytes.toString('utf8')))]] as [string, DataTable][]) {
    assert.deepEqual([...table.names], expected.row_names_names, `${reader}: names`);
    assertEstimateSeDfAsR(lmRobust({ formula: 'y ~ x + g', rows: table }).estimates, expected.row_names_x, `${reader}: y ~ x + g`);
    assertEstimateSeDfAsR(lmRobust({ formula: 'y ~ .', rows: table, seType: 'HC1' }).estimates, expected.row_names_dot, `${reader}: y ~ .`);
  }
});

test('a column of Inf, NaN, hexadecimal and "1e" is numeric, NaN is missing, as read.csv reads them', () => {
  const bytes = fixture('csv_r_numbers.csv');
  assert.equal(expected.numbers_class, 'numeric');
  for (const [reader, table] of [['tableFromCsv', tableFromCsv(bytes)], ['tableFromRows', tableFromRows(rowsFromCsv(bytes.toString('utf8')))]] as [string, DataTable][]) {
    assert.equal(table.column('u')?.type, 'numeric', `${reader}: u is numeric`);
    const fit = lmRobust({ formula: 'y ~ u + k', rows: table });
    assert.equal(fit.nobs, expected.numbers_nobs, `${reader}: nobs`);
    assertEstimateSeDfAsR(fit.estimates, expected.numbers_u, `${reader}: y ~ u + k`);
  }
});

test('words R would read as numbers (Inf, NaN, nan) in a column of text stay labels, as read.csv keeps them', () => {
  const bytes = fixture('csv_text_specials.csv');
  assert.equal(expected.text_class, 'character');
  for (const [reader, table] of [['tableFromCsv', tableFromCsv(bytes)], ['tableFromRows', tableFromRows(rowsFromCsv(bytes.toString('utf8')))]] as [string, DataTable][]) {
    const column = table.column('g');
    assert.equal(column?.type, 'character', `${reader}: g is text`);
    assertEstimateSeDfAsR(lmRobust({ formula: 'y ~ g', rows: table }).estimates, expected.text_g, `${reader}: y ~ g`);
  }
});

test('NaN in a numeric outcome, quoted or not, is missing for differenceInMeans (vlab dim), as R drops the row', () => {
  const rows = rowsFromCsv(fixture('csv_dim_nan.csv').toString('utf8'));
  const [estimate, se, df, nobs] = expected.dim_nan as number[];
  const result = differenceInMeans({ rows, outcome: 'y', treatment: 'z' });
  assert.equal(result.nobs, nobs);
  assertCloseToR(result.estimates[0].estimate, estimate, 'estimate');
  assertCloseToR(result.estimates[0].std_error, se, 'SE');
  assertCloseToR(result.estimates[0].df, df, 'df');
});

test('a field of spaces is missing in a numeric or logical column and a label in a column of text, as read.csv reads it', () => {
  const bytes = fixture('csv_blank_fields.csv');
  const rType = { numeric: 'numeric', logical: 'logical', character: 'character', integer: 'numeric' } as Record<string, string>;
  for (const [reader, table] of [['tableFromCsv', tableFromCsv(bytes)], ['tableFromRows', tableFromRows(rowsFromCsv(bytes.toString('utf8')))]] as [string, DataTable][]) {
    assert.deepEqual(['y', 'x', 'b', 'g'].map((name) => table.column(name)?.type), (expected.blank_classes as string[]).map((c) => rType[c]), `${reader}: column types`);
    assertEstimateSeDfAsR(lmRobust({ formula: 'y ~ x + b + g', rows: table }).estimates, expected.blank_fit, `${reader}: y ~ x + b + g`);
  }
});
