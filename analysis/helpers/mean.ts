/**
 * The mean as R's `mean()` returns it. R sums in long double and adds a second-pass correction, which gives the
 * correctly rounded mean in practice; a plain running sum does not (it differed from R in 3 of 4 random weight
 * vectors). The sum here is a double-double (Knuth's TwoSum, error-free), and the division is corrected once with
 * the exact remainder (Dekker's TwoProduct), so the result is the mean rounded once. estimatr divides weights by
 * this mean before the QR, so matching its bits keeps the QR's pivot ties where estimatr has them.
 *
 * @example meanAsR(Float64Array.of(0.1, 0.2, 0.3)) // 0.2, where (0.1 + 0.2 + 0.3) / 3 gives 0.20000000000000004
 */
export function meanAsR(values: Float64Array): number {
  const [hi, lo] = doubleDoubleSum(values);
  const n = values.length;
  const sum = hi + lo;
  const sumLo = lo - (sum - hi);
  const q = sum / n;
  const [product, productError] = twoProduct(q, n);
  return q + (sum - product - productError + sumLo) / n;
}

/** a · b = p + e exactly (Dekker, Veltkamp splitting: JavaScript has no fused multiply-add). */
function twoProduct(a: number, b: number): [number, number] {
  const p = a * b;
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

function split(a: number): [number, number] {
  const c = 134217729 * a;
  const hi = c - (c - a);
  return [hi, a - hi];
}

/**
 * The sum as R's `sum()` returns it: R accumulates in long double and rounds once, which is the correctly rounded
 * sum in practice; a running double sum can differ in the last bit. `scale()` divides by sqrt(sum(v^2)/(n − 1)),
 * and its last bit can decide which of two collinear columns the QR aliases (y ~ b:x + scale(x, center = FALSE)).
 *
 * @example sumAsR([0.1, 0.2, 0.3]) // 0.6, where 0.1 + 0.2 + 0.3 gives 0.6000000000000001
 */
export function sumAsR(values: Iterable<number>): number {
  const [hi, lo] = doubleDoubleSum(values);
  return hi + lo;
}

/** The sum as hi + lo (Knuth's TwoSum at each step: lo collects every rounding error of the running sum). */
function doubleDoubleSum(values: Iterable<number>): [number, number] {
  let hi = 0;
  let lo = 0;
  for (const v of values) {
    const s = hi + v;
    const back = s - hi;
    lo += hi - (s - back) + (v - back);
    hi = s;
  }
  return [hi, lo];
}
