// The conjoint estimators (analysis/conjoint) against cregg 0.3.7's own output on its immigration conjoint
// (tests/reference/cases/conjoint; the R calls are in its README and beside each test). Estimates, standard
// errors, z and p to 1e-6; intervals are two-sided 1 − alpha everywhere, so cregg's constrained AMCE rows (which
// use qnorm(1 − alpha)) are checked against estimate ± qnorm(0.975)·SE instead (docs/analysis.md).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { amce, mm, mmDiffs, normalQuantile, type ConjointEstimate, type Row } from '../../analysis/index.ts';
import { assertCloseToR, referenceRows } from '../analysis/support.ts';

const data = referenceRows('conjoint/immigration_conjoint.csv.gz');
const z975 = normalQuantile(0.975);

function levelsOf(expected: Row[]): Record<string, string[]> {
  const levels: Record<string, string[]> = {};
  for (const row of expected) (levels[row.feature as string] ??= []).push(row.level as string);
  return levels;
}

/** Every row against cregg's, column by column; `twoSided` recomputes cregg's one-sided-quantile intervals. */
function assertMatchesCregg(got: ConjointEstimate[], expected: Row[], twoSided = false): void {
  assert.equal(got.length, expected.length);
  got.forEach((row, k) => {
    const want = expected[k];
    const what = `${want.feature} ${want.level}`;
    for (const column of ['BY', 'outcome', 'statistic', 'feature', 'level'] as const) if (column in want) assert.equal(row[column], want[column], `${what} ${column}`);
    if (want.std_error === 'NA' || want.std_error === null) {
      assert.equal(row.estimate, 0, `${what}: reference level`);
      assert.deepEqual([row.std_error, row.z, row.p, row.lower, row.upper], [null, null, null, null, null]);
      return;
    }
    const se = Number(want.std_error);
    const estimate = Number(want.estimate);
    assertCloseToR(row.estimate, estimate, `${what} estimate`);
    assertCloseToR(row.std_error, se, `${what} std_error`);
    assertCloseToR(row.z, Number(want.z), `${what} z`);
    assertCloseToR(row.p, Number(want.p), `${what} p`, true);
    assertCloseToR(row.lower, twoSided ? estimate - z975 * se : Number(want.lower), `${what} lower`);
    assertCloseToR(row.upper, twoSided ? estimate + z975 * se : Number(want.upper), `${what} upper`);
    assert.equal(row.df, null, `${what}: z test`);
  });
}

test('amce with two constraints equals cregg (se type cregg)', () => {
  // amce(d, ChosenImmigrant ~ Gender + Education * Job + LanguageSkills + CountryOfOrigin * ReasonForApplication +
  //      JobExperience + JobPlans + PriorEntry, id = ~CaseID)
  const expected = referenceRows('conjoint/immigration_amce_constrained.expected.csv');
  const result = amce({
    formula: 'ChosenImmigrant ~ Gender + Education * Job + LanguageSkills + CountryOfOrigin * ReasonForApplication + JobExperience + JobPlans + PriorEntry',
    rows: data,
    id: 'CaseID',
    levels: levelsOf(expected),
    seType: 'cregg',
  });
  assert.deepEqual([result.nobs, result.nDropped, result.nRespondents], [13960, 0, 1396]);
  const constrained = new Set(['Education', 'Job', 'CountryOfOrigin', 'ReasonForApplication']);
  // Unconstrained rows: cregg's own intervals; constrained ones: two-sided from cregg's estimate and SE.
  assertMatchesCregg(result.estimates.filter((r) => !constrained.has(r.feature)), expected.filter((r) => !constrained.has(r.feature as string)));
  assertMatchesCregg(result.estimates.filter((r) => constrained.has(r.feature)), expected.filter((r) => constrained.has(r.feature as string)), true);
});

test('mm equals cregg', () => {
  // mm(d, ChosenImmigrant ~ Gender + Education + LanguageSkills + JobPlans, id = ~CaseID)
  const expected = referenceRows('conjoint/immigration_mm.expected.csv');
  const result = mm({ formula: 'ChosenImmigrant ~ Gender + Education + LanguageSkills + JobPlans', rows: data, id: 'CaseID', levels: levelsOf(expected) });
  assertMatchesCregg(result.estimates, expected);
});

test('mm_diffs by a respondent subgroup equals cregg', () => {
  // mm_diffs(d, ChosenImmigrant ~ Gender + LanguageSkills + PriorEntry, by = ~ethno_high, id = ~CaseID), ethno_high
  // a factor with levels low, high
  const expected = referenceRows('conjoint/immigration_mm_diffs_ethno.expected.csv');
  const result = mmDiffs({
    formula: 'ChosenImmigrant ~ Gender + LanguageSkills + PriorEntry',
    rows: data,
    id: 'CaseID',
    by: 'ethno_high',
    levels: { ...levelsOf(expected), ethno_high: ['low', 'high'] },
  });
  assertMatchesCregg(result.estimates, expected);
});
