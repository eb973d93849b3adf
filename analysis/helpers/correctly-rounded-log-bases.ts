import { ddMultiply } from './double-double.ts';
import { binaryParts, logDoubleDouble, logR } from './correctly-rounded-log.ts';

/**
 * R's log10() and log2() are glibc's; V8's Math.log10 and Math.log2 are fdlibm's, an ulp off R's for 0.7 % and 0.1 %
 * of inputs — the bit that can decide which of two exactly collinear columns estimatr's pivoted QR aliases
 * (correctly-rounded-log.ts). Checked against R 4.2.2 (glibc 2.36): tests/analysis/correctly-rounded.test.ts. log1p and
 * expm1 keep V8's: glibc's are fdlibm's algorithms too, and V8's equal R's on all but 4 of 16,100 and 9 of 19,001 values
 * (correctly rounded ones would differ on 597 and 798).
 */

/**
 * log10 as glibc 2.36 computes it (sysdeps/ieee754/dbl-64/e_log10.c, fdlibm's algorithm): x = 2^k·m, then
 * k·log10(2) in two parts plus log(m)/ln 10, with glibc's own log — logR, which equals glibc's log but for inputs
 * within a few thousandths of an ulp of a midpoint. V8's Math.log10 is the same algorithm on V8's log (fdlibm's, an
 * ulp off glibc's for a few per cent of x), so it differs from R's log10 there. Not correctly rounded, as R's is not:
 * equal to R's is what aliases the same column.
 *
 * @example log10R(3) // R: log10(3)
 */
export function log10R(x: number): number {
  if (!(x > 0) || x === Infinity) return Math.log10(x);
  const [m, k] = binaryParts(x);
  // fdlibm keeps m in [1, 2) for k ≥ 0 and takes m/2 in [0.5, 1) for k < 0, so that y·log10(2) and log(m) have one sign.
  const i = k < 0 ? 1 : 0;
  const y = k + i;
  const z = y * LOG10_2LO + IVLN10 * logR(i ? m / 2 : m);
  return z + y * LOG10_2HI;
}

const IVLN10 = 4.34294481903251816668e-1;
const LOG10_2HI = 3.01029995663611771306e-1;
const LOG10_2LO = 3.69423907715893078616e-13;

/**
 * log2 rounded to the nearest double: the double-double log (logDoubleDouble, ~1e-20 relative) times 1/ln 2 in
 * double-double, rounded once; exact at the powers of 2. glibc 2.36's log2 (Szabolcs Nagy's, within 0.55 ulp) is
 * correctly rounded but for inputs near a midpoint; V8's Math.log2 (fdlibm's) is not.
 *
 * @example log2R(3) // R: log2(3)
 */
export function log2R(x: number): number {
  if (!(x > 0) || x === Infinity) return Math.log2(x);
  const [h, l] = logDoubleDouble(x);
  const [ph, pl] = ddMultiply(h, l, INV_LN2_HIGH, INV_LN2_LOW);
  return ph + pl;
}

const INV_LN2_HIGH = 1.4426950408889634;
const INV_LN2_LOW = 2.0355273740931033e-17;
