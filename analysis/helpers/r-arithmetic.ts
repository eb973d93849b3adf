// R's own arithmetic where JavaScript's differs: %% and %/% (floored, with R's care near the divisor's size;
// arithmetic.c myfmod and myfloor), round() half to even and to digits (nmath/fround.c, R >= 4.0.0) and signif()
// (nmath/fprec.c). R computes x1 - floor(q) * x2 in long double; here that difference is exact (a two-product), which
// gives the same double wherever the long double did not itself round.

import { twoProduct } from './double-double.ts';

const EPSILON = Number.EPSILON;

/** x1 - k * x2 with the product exact, rounded once. */
function remainderAfter(x1: number, k: number, x2: number): number {
  const [p, e] = twoProduct(k, x2);
  return x1 - p - e;
}

/**
 * R's x1 %% x2: the remainder with the divisor's sign (5 %% -3 is -1, -5 %% 3 is 1), NaN for x2 = 0.
 *
 * @example rModulus(-2.5, 2) // 1.5
 */
export function rModulus(x1: number, x2: number): number {
  if (Number.isNaN(x1) || Number.isNaN(x2)) return x1 + x2;
  if (x2 === 0) return NaN;
  if (Math.abs(x2) * EPSILON > 1 && Number.isFinite(x1) && Math.abs(x1) <= Math.abs(x2)) {
    return Math.abs(x1) === Math.abs(x2) ? 0 : (x1 < 0 && x2 > 0) || (x2 < 0 && x1 > 0) ? x1 + x2 : x1;
  }
  const q = x1 / x2;
  const tmp = remainderAfter(x1, Math.floor(q), x2);
  return remainderAfter(tmp, Math.floor(tmp / x2), x2);
}

/**
 * R's x1 %/% x2: floor(x1 / x2) made consistent with %% (x1 == (x1 %/% x2) * x2 + x1 %% x2 up to rounding).
 *
 * @example rIntegerDivide(58, 10) // 5
 */
export function rIntegerDivide(x1: number, x2: number): number {
  const q = x1 / x2;
  if (x2 === 0 || Math.abs(q) * EPSILON > 1 || !Number.isFinite(q)) return q;
  if (Math.abs(q) < 1) return q < 0 ? -1 : (x1 < 0 && x2 > 0) || (x1 > 0 && x2 < 0) ? -1 : 0;
  const tmp = remainderAfter(x1, Math.floor(q), x2);
  return Math.floor(q) + Math.floor(tmp / x2);
}

/** C's nearbyint in the default rounding mode: the nearest integer, halves to the even one (R's round(2.5) is 2). */
export function nearbyInt(x: number): number {
  if (!Number.isFinite(x) || Math.abs(x) >= 2 ** 52) return x;
  const floor = Math.floor(x);
  const fraction = x - floor;
  if (fraction !== 0.5) return fraction < 0.5 ? (floor === 0 && x < 0 ? -0 : floor) : floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * R's round(x, digits) (R >= 4.0.0): of the two candidates i10 / 10^d and (i10 + 1) / 10^d around x, the nearer to
 * the double x itself, the even one on a tie — so round(0.15, 1) is 0.1 (the double 0.15 is below 0.15), as R gives.
 *
 * @example rRound(2.5, 0) // 2; rRound(-1.35, 1) // -1.4
 */
export function rRound(x: number, digits: number): number {
  if (Number.isNaN(x) || Number.isNaN(digits)) return x + digits;
  if (!Number.isFinite(x) || digits > 308 + 15 || x === 0) return x;
  if (digits < -308) return 0;
  if (digits === 0) return nearbyInt(x);
  const dig = Math.floor(digits + 0.5);
  const sign = x < 0 ? -1 : 1;
  const ax = Math.abs(x);
  // Already exact to that many digits: more than 15 significant digits are asked for.
  if (dig > 0 && dig + (Math.floor(Math.log2(ax)) + 0.5) * Math.LOG10E * Math.LN2 > 15) return x;
  let down: number;
  let up: number;
  let i10: number;
  if (dig > 0) {
    const p10 = 10 ** dig;
    const x10 = p10 * ax;
    i10 = Math.floor(x10);
    down = i10 / p10;
    up = Math.ceil(x10) / p10;
  } else {
    const p10 = 10 ** -dig;
    const x10 = ax / p10;
    i10 = Math.floor(x10);
    down = i10 * p10;
    up = Math.ceil(x10) * p10;
  }
  const du = up - ax;
  const dd = ax - down;
  return sign * (du < dd || (du === dd && i10 % 2 === 1) ? up : down);
}

/**
 * R's signif(x, digits): x to `digits` significant digits (1 to 22; fewer than 1 is 1), by a power of ten that is
 * kept ≥ 1 so that it is exact.
 *
 * @example rSignif(-1.35, 2) // -1.4
 */
export function rSignif(x: number, digits: number): number {
  if (Number.isNaN(x) || Number.isNaN(digits)) return x + digits;
  if (!Number.isFinite(x) || x === 0) return x;
  if (!Number.isFinite(digits)) {
    if (digits > 0) return x;
    digits = 1;
  }
  let dig = Math.round(digits);
  if (dig > 22) return x;
  if (dig < 1) dig = 1;
  const sign = x < 0 ? -1 : 1;
  const ax = Math.abs(x);
  const l10 = Math.log10(ax);
  let e10 = dig - 1 - Math.floor(l10);
  if (Math.abs(l10) >= 308 - 2) return x;
  let p10 = 1;
  if (e10 > 308) {
    p10 = 10 ** (e10 - 308);
    e10 = 308;
  }
  if (e10 > 0) {
    const pow10 = 10 ** e10;
    return (sign * (nearbyInt(ax * pow10 * p10) / pow10)) / p10;
  }
  const pow10 = 10 ** -e10;
  return sign * (nearbyInt(ax / pow10) * pow10);
}
