import { expOfDoubleDouble } from './correctly-rounded-exp.ts';
import { ddMultiply } from './double-double.ts';
import { logDoubleDouble } from './correctly-rounded-log.ts';

/**
 * R's x ^ y (arithmetic.c R_POW and R_pow): x·x for y = 2, 1 for x = 1 or y = 0, else glibc's pow, which is correctly
 * rounded nearly always; V8's `**` was an ulp off R's for 918 of R trial 27's 8,909 checked pairs, which can decide an
 * aliasing tie as log() did there. powR is correctly rounded on all 8,909 (mpmath, 250 bits) and equals R's on all but
 * 9, glibc's misroundings within 0.003 ulp of a midpoint. For finite x > 0 (and x < 0 with a whole y) the power is
 * e^(y·log x) with log x in double-double and e^ of the double-double product rounded once; other cases (0, ±Inf, NaN,
 * a negative x with a fractional y, results near overflow or underflow) are V8's, which follows the same C99 rules.
 *
 * @example powR(2, 1.5) // 2.8284271247461903, R: 2^1.5 (2 ** 1.5 is 2.82842712474619)
 */
export function powR(x: number, y: number): number {
  if (y === 2) return x * x;
  if (x === 1 || y === 0) return 1;
  if (!Number.isFinite(x) || !Number.isFinite(y) || x === 0) return x ** y;
  if (x < 0) return Number.isInteger(y) ? (Math.abs(y % 2) === 1 ? -1 : 1) * powR(-x, y) : NaN;
  const [lh, ll] = logDoubleDouble(x);
  const [ph, pl] = ddMultiply(lh, ll, y, 0);
  if (!(Math.abs(ph) < 700)) return x ** y;
  return expOfDoubleDouble(ph, pl);
}
