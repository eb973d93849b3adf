import { erfc } from './distributions.ts';
import { gammaUpperRegularized } from './incomplete-gamma.ts';

/**
 * P(χ²_df > x) for a whole df, R's `pchisq(x, df, lower.tail = FALSE)`, by the closed forms of the chi-square
 * tail for whole df (Abramowitz & Stegun 26.4.4–26.4.5): even df, e^(−x/2) Σ_{i<df/2} (x/2)^i / i!; odd df,
 * 2·Q(√x) + √(2x/π) e^(−x/2) Σ_{r<(df−1)/2} x^r / (3·5···(2r+1)), each term from the last. Terms are summed
 * in logs, so large x and df neither overflow nor lose the tail.
 *
 * @example chiSquareUpperTail(3.84, 1) // 0.0500435... (1 − pchisq(3.84, 1))
 */
export function chiSquareUpperTail(x: number, df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new RangeError(`chiSquareUpperTail: df must be a whole number ≥ 1 (got ${df})`);
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  const even = df % 2 === 0;
  // log of the first term, then each next term's log: + log(x/2) − log(i) (even) or + log(x) − log(2r + 1) (odd).
  let logTerm = even ? -x / 2 : 0.5 * Math.log((2 * x) / Math.PI) - x / 2;
  const count = even ? df / 2 : (df - 1) / 2;
  let sum = 0;
  for (let i = 0; i < count; i++) {
    if (i > 0) logTerm += even ? Math.log(x / 2) - Math.log(i) : Math.log(x) - Math.log(2 * i + 1);
    sum += Math.exp(logTerm);
  }
  // 2·Q(√x) = erfc(√(x/2)), not pnorm's: R's pgamma keeps the subnormal tail that its pnorm cuts to 0 beyond 37.5193.
  const tail = (even ? 0 : erfc(Math.sqrt(x) / Math.SQRT2)) + sum;
  return Math.min(1, tail);
}

/**
 * P(χ²_df > x) for any df > 0, R's `pchisq(x, df, lower.tail = FALSE)`: Q(df/2, x/2). For the fractional df of
 * a Satterthwaite approximation (survey's `pchisqsum`); whole df have the closed forms of `chiSquareUpperTail`.
 *
 * @example chiSquareUpperTailAnyDf(3.2, 1.7) // 0.15880914298663623 (pchisq(3.2, 1.7, lower.tail = FALSE))
 */
export function chiSquareUpperTailAnyDf(x: number, df: number): number {
  return gammaUpperRegularized(df / 2, x / 2);
}
