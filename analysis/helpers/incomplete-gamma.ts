import { logGamma } from './distributions.ts';

/**
 * Q(a, x) = Γ(a, x)/Γ(a), the regularized upper incomplete gamma function, for any a > 0: the power series of P
 * below x = a + 1, else the continued fraction of Q (modified Lentz), as in Numerical Recipes §6.2. Relative
 * error ~1e-14 (the series and fraction run to machine precision).
 */
export function gammaUpperRegularized(a: number, x: number): number {
  if (Number.isNaN(a) || Number.isNaN(x) || !(a > 0)) return NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  const logPrefix = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 10_000 && Math.abs(term) > Math.abs(sum) * 1e-17; n++) sum += term *= x / (a + n);
    return Math.max(0, 1 - sum * Math.exp(logPrefix));
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-16) break;
  }
  return Math.exp(logPrefix) * h;
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
