import { LN2_HIGH, LN2_LOW, ddMultiply, twoProduct, twoSum } from './double-double.ts';

/**
 * e^x rounded to the nearest double, as glibc's exp (which R's exp() calls) nearly always gives it: V8's Math.exp is
 * an ulp off R's for 8 % of values (1,351 of R trial 27's 17,006: every x = −20 … 20 by 0.01 and 13,000 drawn; 11 of
 * the 121 one-decimal x in −6 … 6), enough to decide which of two exactly collinear columns estimatr's pivoted QR
 * aliases (the tie log() met there; correctly-rounded-log.ts). expR is correctly rounded on all 17,006 (mpmath, 200
 * bits) and equals R's on all but 13, glibc's misroundings within 0.004 ulp of a midpoint.
 *
 * e^x = 2^k·(1 + E)^256 with r = x − k·ln 2 (|r| ≤ ln 2 / 2) in double-double, s = r/256, E = e^s − 1 by its Taylor
 * series (ten terms reach 1e-35) and squared eight times as E ← E(2 + E), all in double-double: ~1e-29 relative before
 * the one rounding. Beyond |x| ≥ 708 (results near overflow or subnormal) V8's is kept.
 *
 * @example expR(-0.6) // 0.5488116360940264, R: exp(-0.6) (Math.exp(-0.6) is 0.5488116360940265)
 */
export function expR(x: number): number {
  return expOfDoubleDouble(x, 0);
}

/** e^(xh + xl), xl below an ulp of xh, rounded once (powR's e^(y·log x)); V8's e^xh beyond |xh| ≥ 708. */
export function expOfDoubleDouble(xh: number, xl: number): number {
  if (!(Math.abs(xh) < 708)) return Math.exp(xh);
  const k = Math.round(xh / LN2_HIGH);
  const [ph, pl] = twoProduct(k, LN2_HIGH);
  const [ah, al] = twoSum(xh, -ph);
  const [rh, rl] = twoSum(ah, al + xl - pl - k * LN2_LOW);
  let [eh, el] = expm1Small(rh / 256, rl / 256);
  for (let i = 0; i < 8; i++) {
    const [bh, bl] = twoSum(2, eh);
    [eh, el] = ddMultiply(eh, el, bh, bl + el);
  }
  const [fh, fl] = twoSum(1, eh);
  return (fh + (fl + el)) * 2 ** k;
}

/** e^s − 1 for |s| < 0.0014 as a double-double: s·(1 + s/2·(1 + s/3·(1 + … s/10))) by Horner. */
function expm1Small(sh: number, sl: number): [number, number] {
  let qh = 1;
  let ql = 0;
  for (let n = 10; n >= 2; n--) {
    const [mh, ml] = ddMultiply(sh, sl, qh, ql);
    const dh = mh / n;
    const [th, tl] = twoProduct(dh, n);
    const dl = (mh - th - tl + ml) / n;
    const [uh, ul] = twoSum(1, dh);
    [qh, ql] = twoSum(uh, ul + dl);
  }
  return ddMultiply(sh, sl, qh, ql);
}
