import { AnalysisError } from '../errors.ts';

/**
 * The level of every test and the 1 − α of every interval when neither the caller nor the plan names one: 0.05,
 * the default of R's estimatr, cregg and power.t.test alike. Every estimator takes it from here.
 */
export const DEFAULT_ALPHA = 0.05;

/**
 * `alpha`, or DEFAULT_ALPHA when none is given; a value outside (0, 1) is `fn`'s error.
 *
 * @example checkAlpha('lmRobust', undefined) // 0.05
 */
export function checkAlpha(fn: string, alpha: number | undefined): number {
  const value = alpha ?? DEFAULT_ALPHA;
  if (!(value > 0 && value < 1)) throw new AnalysisError(fn, `alpha must be between 0 and 1 (got ${alpha})`);
  return value;
}
