// cregg's marginal means and their subgroup differences on its immigration conjoint (tests/reference/cases/
// conjoint, cregg 0.3.7 on survey 4.1; calls in its README), recomputed with lmRobust's `cregg` se type: for each
// feature `outcome ~ 0 + feature` clustered by respondent (survey::svyglm's V = G/(G−1)·CR0, z tests), and for
// mm_diffs the later subgroup minus the first with variance SE₁² + SE₂².
import { test } from 'node:test';
import { lmRobust, normalQuantile, normalTwoSidedP, type Row, type TidyRow } from '../../analysis/index.ts';
import { assertCloseToR, referenceRows } from '../analysis/support.ts';

const data = referenceRows('conjoint/immigration_conjoint.csv.gz');
const mm = referenceRows('conjoint/immigration_mm.expected.csv');
const diffs = referenceRows('conjoint/immigration_mm_diffs_ethno.expected.csv');

/** Levels of every feature in cregg's order (the order of the expected rows). */
function levelsOf(expected: Row[]): Record<string, string[]> {
  const levels: Record<string, string[]> = {};
  for (const row of expected) (levels[row.feature as string] ??= []).push(row.level as string);
  return levels;
}

function marginalMeans(rows: readonly Row[], feature: string, levels: Record<string, string[]>): TidyRow[] {
  return lmRobust({ formula: `ChosenImmigrant ~ 0 + ${feature}`, rows, levels, clusters: 'CaseID', seType: 'cregg' }).estimates;
}

/** [estimate, std_error, z, p, lower, upper] against the expected row's columns. */
function assertRow(got: [number, number, number, number, number, number], row: Row, what: string): void {
  const columns = ['estimate', 'std_error', 'z', 'p', 'lower', 'upper'];
  columns.forEach((column, k) => assertCloseToR(got[k], Number(row[column]), `${what} ${column}`, column === 'p'));
}

test('cregg mm: marginal means of four features equal cregg', () => {
  const levels = levelsOf(mm);
  for (const feature of Object.keys(levels)) {
    const estimates = marginalMeans(data, feature, levels);
    mm.filter((row) => row.feature === feature).forEach((row, k) => {
      const e = estimates[k];
      assertRow([e.estimate, e.std_error, e.statistic, e.p_value, e.conf_low, e.conf_high] as [number, number, number, number, number, number], row, `${feature} ${row.level}`);
    });
  }
});

test('cregg mm_diffs: high minus low ethnocentrism equals cregg', () => {
  const levels = levelsOf(diffs);
  const low = data.filter((row) => row.ethno_high === 'low');
  const high = data.filter((row) => row.ethno_high === 'high');
  const z975 = normalQuantile(0.975);
  for (const feature of Object.keys(levels)) {
    const [a, b] = [marginalMeans(low, feature, levels), marginalMeans(high, feature, levels)];
    diffs.filter((row) => row.feature === feature).forEach((row, k) => {
      const estimate = (b[k].estimate as number) - (a[k].estimate as number);
      const se = Math.hypot(b[k].std_error as number, a[k].std_error as number);
      assertRow([estimate, se, estimate / se, normalTwoSidedP(estimate / se), estimate - z975 * se, estimate + z975 * se], row, `${feature} ${row.level}`);
    });
  }
});
