import { normalQuantile, normalTwoSidedP, studentQuantile, studentTwoSidedP } from './distributions.ts';

/**
 * One estimate in the tidy shape R users know from estimatr's `tidy()` / broom. Numbers that do not exist
 * (an aliased term, the df of a normal-theory test) are null, R's NA.
 */
export interface TidyRow {
  term: string;
  estimate: number | null;
  std_error: number | null;
  statistic: number | null;
  p_value: number | null;
  conf_low: number | null;
  conf_high: number | null;
  df: number | null;
  outcome: string;
}

/**
 * The tidy row for an estimate and its standard error: t-based p-value and confidence interval with `df`, or
 * normal-theory ones when df is null (as survey::svyglm / cregg report). `estimate` null marks an aliased term.
 *
 * @example tidyRow('x', 'y', 0.5, 0.1, 100, 0.05).conf_low // 0.5 − qt(0.975, 100) · 0.1
 */
export function tidyRow(term: string, outcome: string, estimate: number | null, se: number | null, df: number | null, alpha: number): TidyRow {
  if (estimate === null || se === null) {
    return { term, estimate: null, std_error: null, statistic: null, p_value: null, conf_low: null, conf_high: null, df: null, outcome };
  }
  const statistic = estimate / se;
  const normal = df === null;
  const p = normal ? normalTwoSidedP(statistic) : studentTwoSidedP(statistic, df);
  const crit = normal ? normalQuantile(1 - alpha / 2) : studentQuantile(1 - alpha / 2, df);
  return {
    term,
    estimate,
    std_error: se,
    statistic,
    p_value: p,
    conf_low: estimate - crit * se,
    conf_high: estimate + crit * se,
    df,
    outcome,
  };
}
