// Aliasing equal to estimatr's: on the same rows in the same order, the columns estimatr 1.0.0 drops (Eigen's
// ColPivHouseholderQR, its rank threshold and the rounding that breaks ties between collinear columns) are the
// columns we drop, and every other number is estimatr's. Expected values: tests/analysis/r/aliasing.R.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { lmRobust, rowsFromCsv, type Row, type SeType } from '../../analysis/index.ts';
import { assertMatchesR, type RRow } from './support.ts';

const fixtures = new URL('./fixtures/', import.meta.url);
const csv = (file: string): Row[] => {
  const bytes = readFileSync(new URL(file, fixtures));
  return rowsFromCsv((file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8'));
};
const COLUMNS = ['estimate', 'std.error', 'statistic', 'p.value', 'conf.low', 'conf.high', 'df'];
const expectedRows = (rows: Row[]): RRow[] =>
  rows.map((row) => [String(row.term), ...COLUMNS.map((c) => (row[c] === 'NA' ? null : (row[c] as number)))]);
const aliased = (rows: readonly { term: string; estimate: number | null }[]): string[] =>
  rows.filter((row) => row.estimate === null).map((row) => row.term);

test("immigration conjoint: the aliased Education × Job and Country × Reason cells are estimatr's, and every term equals it", () => {
  const levels: Record<string, string[]> = {};
  for (const row of csv('immigration_levels.csv')) (levels[row.feature as string] ??= []).push(row.level as string);
  const fit = lmRobust({
    formula:
      'ChosenImmigrant ~ Gender + Education * Job + LanguageSkills + CountryOfOrigin * ReasonForApplication + JobExperience + JobPlans + PriorEntry',
    rows: csv('immigration.csv.gz'),
    levels,
    clusters: 'CaseID',
  });
  // R: lm_robust(ChosenImmigrant ~ Gender + Education * Job + ..., data = immigration, clusters = CaseID)
  const expected = expectedRows(csv('immigration_aliasing.expected.csv'));
  assert.deepEqual(aliased(fit.estimates), expected.filter((row) => row[1] === null).map((row) => row[0]));
  assert.ok(aliased(fit.estimates).includes('EducationCollege Degree:JobFinancial Analyst'));
  assertMatchesR(fit.estimates, expected, 'immigration');
  assert.equal(fit.rank, 98);
});

test('60 designs built to hit ties between collinear interaction dummies (weighted, clustered out of order, or neither): estimatr drops the same columns', () => {
  const data = csv('aliasing_ties.csv.gz');
  const expected = csv('aliasing_ties.expected.csv');
  const calls = csv('aliasing_ties.calls.csv');
  assert.equal(calls.length, 60);
  let ties = 0;
  for (const call of calls) {
    const id = call.design;
    const fit = lmRobust({
      formula: String(call.formula),
      rows: data.filter((row) => row.design === id),
      clusters: call.clusters === 'TRUE' ? 'cluster' : undefined,
      weights: call.weights === 'TRUE' ? 'w' : undefined,
      seType: call.se_type as SeType,
    });
    const want = expectedRows(expected.filter((row) => row.design === id));
    assert.deepEqual(aliased(fit.estimates), want.filter((row) => row[1] === null).map((row) => row[0]), `design ${id}: aliased terms`);
    assertMatchesR(fit.estimates, want, `design ${id}`);
    if (aliased(fit.estimates).length > 0) ties++;
  }
  assert.ok(ties >= 50, `${ties} of the designs are rank deficient`);
});
