import { continuedFraction } from './continued-fraction.ts';
import { lgammaR } from './gamma-function.ts';

/** C's start (1/C₀ = 0: the fraction has no b₀), as Numerical Recipes' gcf. */
const TINY_START = 1e-300;

/**
 * Q(a, x) = Γ(a, x)/Γ(a), the regularized upper incomplete gamma function, for any a > 0: the power series of P
 * below x = a + 1, else the continued fraction of Q (modified Lentz), as in Numerical Recipes §6.2. Relative
 * error ~1e-14 (the series and fraction run to machine precision).
 */
export function gammaUpperRegularized(a: number, x: number): number {
  if (Number.isNaN(a) || Number.isNaN(x) || !(a > 0)) return NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  const logPrefix = a * Math.log(x) - x - lgammaR(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 10_000 && Math.abs(term) > Math.abs(sum) * 1e-17; n++) sum += term *= x / (a + n);
    return Math.max(0, 1 - sum * Math.exp(logPrefix));
  }
  // Q's fraction 1/(x + 1 − a − 1·(1 − a)/(x + 3 − a − 2·(2 − a)/(x + 5 − a − …))), b_i kept as a running sum.
  let b = x + 1 - a;
  const h = continuedFraction(
    1 / b,
    1 / TINY_START,
    1 / b,
    (i, term) => {
      b += 2;
      term.a = -i * (i - a);
      term.b = b;
    },
    9999,
  );
  return Math.exp(logPrefix) * h;
}
