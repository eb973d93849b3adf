import type { TidyRow } from '../helpers/tidy.ts';

/**
 * One row of a conjoint estimate in cregg's tidy columns (`[BY,] outcome, statistic, feature, level, estimate,
 * std_error, z, p, lower, upper`), plus `df`: null for normal-theory (z) tests as cregg reports them, else the
 * degrees of freedom the t test and interval used (CR2's Bell–McCaffrey df), with `z` then holding t.
 * A reference level has estimate 0 and nulls (R's NA) elsewhere.
 */
export interface ConjointEstimate {
  BY?: string;
  outcome: string;
  statistic: 'amce' | 'mm' | 'mm_difference' | 'amce_difference';
  feature: string;
  level: string;
  estimate: number | null;
  std_error: number | null;
  z: number | null;
  p: number | null;
  lower: number | null;
  upper: number | null;
  df: number | null;
}

/** What every conjoint estimator returns. */
export interface ConjointResult {
  estimates: ConjointEstimate[];
  /** Profile rows used, and left out for a missing value. */
  nobs: number;
  nDropped: number;
  nRespondents: number;
  seType: string;
  /**
   * What R would print or what the rows do not say (one line each): the internal lmRobust fits' warnings (an
   * essentially perfect fit), declared levels no complete row shows, and rows without an estimate and why.
   */
  warnings: string[];
}

/** The columns of a conjoint result in cregg's order (`BY` first when the rows have it), then df. */
export function conjointColumns(estimates: readonly ConjointEstimate[]): string[] {
  const base = ['outcome', 'statistic', 'feature', 'level', 'estimate', 'std_error', 'z', 'p', 'lower', 'upper', 'df'];
  return estimates.some((row) => row.BY !== undefined) ? ['BY', ...base] : base;
}

type Head = Pick<ConjointEstimate, 'BY' | 'outcome' | 'statistic' | 'feature' | 'level'>;

/** A row from a fitted coefficient's tidy row. */
export function fromTidy(head: Head, tidy: TidyRow): ConjointEstimate {
  return {
    ...head,
    estimate: tidy.estimate,
    std_error: tidy.std_error,
    z: tidy.statistic,
    p: tidy.p_value,
    lower: tidy.conf_low,
    upper: tidy.conf_high,
    df: tidy.df,
  };
}

/** The reference level's row: estimate 0, everything else NA (as cregg prints it). */
export function referenceRow(head: Head): ConjointEstimate {
  return { ...head, estimate: 0, std_error: null, z: null, p: null, lower: null, upper: null, df: null };
}

/** Drops BY when undefined, so records print without an empty column. */
export function withBy(by: string | undefined, head: Omit<Head, 'BY'>): Head {
  return by === undefined ? head : { BY: by, ...head };
}
