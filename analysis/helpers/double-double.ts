// Double-double arithmetic: a value as an unevaluated sum hi + lo of two doubles, ~106 bits, for the few functions
// that must round once to match R's C library (correctly-rounded-log.ts, correctly-rounded-exp.ts, r-arithmetic.ts).

/** a + b as the double s plus the exact error (Knuth's two-sum). */
export function twoSum(a: number, b: number): [number, number] {
  const s = a + b;
  const v = s - a;
  return [s, a - (s - v) + (b - v)];
}

/** a·b as the double p plus the exact error (Dekker's two-product by Veltkamp splitting). */
export function twoProduct(a: number, b: number): [number, number] {
  const p = a * b;
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  return [p, al * bl - (p - ah * bh - al * bh - ah * bl)];
}

function split(v: number): [number, number] {
  const c = 134217729 * v;
  const high = c - (c - v);
  return [high, v - high];
}

/** (ah + al)·(bh + bl) as a double-double. */
export function ddMultiply(ah: number, al: number, bh: number, bl: number): [number, number] {
  const [p, e] = twoProduct(ah, bh);
  return twoSum(p, e + ah * bl + al * bh);
}

/** ln 2 as a double-double (high part the double nearest ln 2, low part the rest): log's and exp's argument reduction. */
export const LN2_HIGH = 0.6931471805599453;
export const LN2_LOW = 2.3190468138462996e-17;
