import { AnalysisError } from '../errors.ts';
import { checkAlpha } from '../helpers/alpha.ts';
import { normalQuantile, normalTwoSidedP, studentQuantile, studentTwoSidedP } from '../helpers/distributions.ts';
import { marginalMeans, type MmOptions } from './mm.ts';
import type { ConjointEstimate, ConjointResult } from './result.ts';
import { refuseUnknownOptions, type OptionNames } from '../helpers/option-names.ts';

export interface MmDiffsOptions extends Omit<MmOptions, 'by' | 'h0'> {
  /** Respondent-level subgroup column; each later group is compared with the first (levels order, else sorted). */
  by: string;
}

const FN = 'mm_diffs';

const MM_DIFFS_OPTIONS = { formula: true, rows: true, id: true, weights: true, levels: true, alpha: true, labels: true, by: true, seType: true } satisfies OptionNames<MmDiffsOptions>;

/**
 * Differences in marginal means between subgroups, as `cregg::mm_diffs`: the means are estimated within each
 * group of `by`, and each later group's minus the first's has variance SE₁² + SE₂² (the groups as independent
 * samples), with a z test and a two-sided 1 − alpha interval. Rows carry `BY` = "later - first". With a t-based
 * se type (CR2) the df of a difference is Welch–Satterthwaite's from the two groups' df.
 *
 * @example
 * mmDiffs({ formula: 'chosen ~ regime', rows, id: 'respondent', by: 'party' }).estimates[0].BY // "Republican - Democrat"
 */
export function mmDiffs(options: MmDiffsOptions): ConjointResult {
  refuseUnknownOptions(FN, options, MM_DIFFS_OPTIONS);
  const alpha = checkAlpha(FN, options.alpha);
  if (typeof options.by !== 'string') throw new AnalysisError(FN, 'by (the subgroup column) is required');
  const means = marginalMeans(FN, { ...options, h0: 0 });
  const [first, ...later] = means.groups;
  if (later.length === 0) throw new AnalysisError(FN, `"${options.by}" has one group (${first ?? 'none'}) among the complete rows; differences need two`);
  const key = (row: ConjointEstimate): string => `${row.feature}\u0000${row.level}`;
  const base = new Map(means.estimates.filter((row) => row.BY === first).map((row) => [key(row), row]));
  const estimates: ConjointEstimate[] = [];
  for (const group of later) {
    for (const row of means.estimates.filter((r) => r.BY === group)) {
      const other = base.get(key(row));
      estimates.push(difference(`${group} - ${first}`, row, other, alpha));
    }
  }
  return { estimates, nobs: means.nobs, nDropped: means.nDropped, nRespondents: means.nRespondents, seType: means.seType, warnings: means.warnings };
}

function difference(by: string, later: ConjointEstimate, first: ConjointEstimate | undefined, alpha: number): ConjointEstimate {
  const head = { BY: by, outcome: later.outcome, statistic: 'mm_difference' as const, feature: later.feature, level: later.level };
  if (!first || later.estimate === null || first.estimate === null || later.std_error === null || first.std_error === null) {
    return { ...head, estimate: null, std_error: null, z: null, p: null, lower: null, upper: null, df: null };
  }
  const estimate = later.estimate - first.estimate;
  const [v1, v2] = [later.std_error ** 2, first.std_error ** 2];
  const se = Math.sqrt(v1 + v2);
  const z = estimate / se;
  // A group whose mean has variance 0 (an outcome constant among its respondents; mm gives it exactly) adds
  // nothing to the denominator, whatever its own df (NaN for a zero CR2 variance): the limit of
  // Welch–Satterthwaite as v → 0. A share below 1e-16 of the total's square is that limit to double precision.
  const share = (v: number, df: number): number => (v ** 2 <= 1e-16 * (v1 + v2) ** 2 ? 0 : v ** 2 / df);
  const df = later.df === null || first.df === null ? null : (v1 + v2) ** 2 / (share(v1, later.df) + share(v2, first.df));
  const p = df === null ? normalTwoSidedP(z) : studentTwoSidedP(z, df);
  const crit = df === null ? normalQuantile(1 - alpha / 2) : studentQuantile(1 - alpha / 2, df);
  return { ...head, estimate, std_error: se, z, p, lower: estimate - crit * se, upper: estimate + crit * se, df };
}
