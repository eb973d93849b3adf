import { LN2_HIGH, LN2_LOW, ddMultiply, twoProduct, twoSum } from './double-double.ts';

/**
 * The natural logarithm rounded to the nearest double, as glibc's log (which R's log() calls) gives it: V8's Math.log
 * is a port of fdlibm's, within 1 ulp but not correctly rounded, and differs from R's in the last bit for a few per
 * cent of inputs (log(3), log(1.4), log(2.3), log(2.6), log(3.6) and log(1.6): 6 of the 50 values 0.1 … 5.0). That
 * bit was enough for R trial 27's t27-random-37 (`m * log(x) + relevel(factor(m), ref = "b")`, where which of two
 * exactly collinear dummies estimatr's pivoted QR leaves out is decided by rounding) to alias another column than R.
 *
 * log x = e·ln 2 + 2·atanh(s) with x = 2^e·m, m in [√½, √2), s = (m − 1)/(m + 1), |s| ≤ 0.172: the leading terms
 * 2s + 2s³/3 in double-double arithmetic, the rest (below 2e-4 of them) in doubles, so the sum is good to ~1e-20
 * relative before its one rounding: correctly rounded on all 30,004 values of R trial 27's check (every x = 0.01 … 100
 * by 0.01 and 20,000 drawn, mpmath at 200 bits). R 4.2.2's log (glibc 2.36, up to 0.52 ulp) equals it on all but 12
 * of them, logs within 0.004 ulp of a midpoint that glibc rounds the other way; V8's Math.log differed on 1,024
 * (tests/analysis/correctly-rounded.test.ts, R's values by tests/analysis/r/correctly-rounded-log.R).
 *
 * @example logR(3) // 1.0986122886681098, R: log(3) (Math.log(3) is 1.0986122886681096)
 */
export function logR(x: number): number {
  if (!(x > 0) || x === Infinity) return Math.log(x);
  const [h, l] = logDoubleDouble(x);
  return h + l;
}

/** log x for a finite x > 0 as a double-double, good to ~1e-20 relative (powR's exponent). */
export function logDoubleDouble(x: number): [number, number] {
  let [m, e] = binaryParts(x);
  if (m > Math.SQRT2) {
    m /= 2;
    e += 1;
  }
  // s = (m − 1)/(m + 1) as a double-double: m − 1 is exact (Sterbenz), m + 1 is not.
  const [bh, bl] = twoSum(m, 1);
  const a = m - 1;
  const sh = a / bh;
  const [ph, pl] = twoProduct(sh, bh);
  const sl = (a - ph - pl - sh * bl) / bh;
  // t = s², then 2s·(1 + t/3) in double-double, and 2s·(t²/5 + t³/7 + …) in doubles.
  const [th, tl] = ddMultiply(sh, sl, sh, sl);
  const rest = seriesTail(th);
  const q = th / 3;
  const [qh, ql] = twoProduct(3, q);
  const [uh, ul] = twoSum(1, q);
  const inner = ul + (th - qh - ql + tl) / 3 + rest;
  const [ih, il] = twoSum(uh, inner);
  const [lh, ll] = ddMultiply(2 * sh, 2 * sl, ih, il);
  const [eh, el] = twoProduct(e, LN2_HIGH);
  const [rh, rl] = twoSum(eh, lh);
  return twoSum(rh, rl + el + e * LN2_LOW + ll);
}

/** t²/5 + t³/7 + … for t = s² ≤ 0.0295, to double precision (12 terms reach 1e-19 of the leading 1). */
function seriesTail(t: number): number {
  let sum = 0;
  for (let k = 12; k >= 2; k--) sum = (sum + 1 / (2 * k + 1)) * t;
  return sum * t;
}

/** x = m·2^e with m in [1, 2), exactly (subnormal x scaled first); x finite and > 0. */
export function binaryParts(x: number): [number, number] {
  const view = new DataView(new ArrayBuffer(8));
  let shift = 0;
  if (x < 2.2250738585072014e-308) {
    x *= 2 ** 54;
    shift = -54;
  }
  view.setFloat64(0, x);
  const high = view.getUint32(0);
  const e = ((high >>> 20) & 0x7ff) - 1023;
  view.setUint32(0, (high & 0x800fffff) | (1023 << 20));
  return [view.getFloat64(0), e + shift];
}
