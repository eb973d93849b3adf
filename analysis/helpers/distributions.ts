/**
 * Distribution functions accurate far into the tails, because conjoint and vignette studies routinely print
 * p-values like 1e-140 and R users compare them digit for digit.
 *
 * Why not jstat: its `betacf` stops at a relative change of 3e-7 after at most 100 iterations, its `gammaln` is
 * good to ~2e-10, and its `erfc` is `1 - erf`, which is exactly 0 for x ≥ 6 (measured against R: docs/analysis.md,
 * "Distributions"). So the t tail goes through our own
 * regularized incomplete beta (modified Lentz continued fraction, Numerical Recipes §6.4, run to machine
 * precision) and the normal tail through a continued fraction for erfc (Abramowitz & Stegun 7.1.14).
 */
import { continuedFraction, guardedInverse } from './continued-fraction.ts';
import { gammaR, lgammaR, stirlingCorrection } from './gamma-function.ts';

const LOG_SQRT_2PI = 0.91893853320467274178;

/**
 * log B(a, b). For large arguments lgamma(a) − lgamma(a + b) cancels catastrophically (lgamma(5e6) ≈ 7e7, so
 * ε·7e7 ≈ 1e-8 of error in a p-value), so the large part is formed analytically and only the Stirling
 * corrections are subtracted, as R's `lbeta` does.
 */
function logBeta(a: number, b: number): number {
  const p = Math.min(a, b);
  const q = Math.max(a, b);
  if (p >= 10) {
    const corr = stirlingCorrection(p) + stirlingCorrection(q) - stirlingCorrection(p + q);
    return -0.5 * Math.log(q) + LOG_SQRT_2PI + corr + (p - 0.5) * Math.log(p / (p + q)) + q * Math.log1p(-p / (p + q));
  }
  if (q >= 10) {
    const corr = stirlingCorrection(q) - stirlingCorrection(p + q);
    return lgammaR(p) + corr + p - p * Math.log(p + q) + (q - 0.5) * Math.log1p(-p / (p + q));
  }
  // As R's lbeta for p ≤ q < 10: the gamma functions' product, one rounding each (three lgammas left pt(-1.5, 17) 9e-15 off).
  return Math.log(gammaR(p) * (gammaR(q) / gammaR(p + q)));
}

/** The k-th partial numerator of I_x(a, b)'s continued fraction 1/(1 + d_1/(1 + d_2/(1 + …))) (Numerical Recipes §6.4). */
function betaFractionTerm(k: number, x: number, a: number, b: number): number {
  const m = k >> 1;
  return k % 2 === 0 ? (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m)) : (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
}

/**
 * Continued fraction for I_x(a, b) (Numerical Recipes §6.4), to full double precision. The modified Lentz pass finds how
 * many terms it needs (its terms come in pairs d_{2m+1}, d_{2m} over 1, so convergence is checked after each pair);
 * the fraction is then summed again from that depth backwards, which rounds once a term instead of accumulating a
 * product of ratios: Lentz's value was up to 1e-15 off, 9e-15 of pt(-1.5, 17) after 1 − it (R trial 27), the backward
 * sum is within an ulp or two. Convergence takes O(sqrt(max(a, b))) pairs near the switch point; df of a million
 * needs ~10^3.
 */
function betaContinuedFraction(x: number, a: number, b: number): number {
  let terms = 0;
  const first = guardedInverse(1 + betaFractionTerm(1, x, a, b));
  continuedFraction(
    first,
    1,
    first,
    (i, term) => {
      terms = i;
      term.a = betaFractionTerm(i + 1, x, a, b);
      term.b = 1;
    },
    200_000,
    2,
  );
  let tail = 1;
  for (let k = terms + 3; k >= 1; k--) tail = 1 + betaFractionTerm(k, x, a, b) * guardedInverse(tail);
  return guardedInverse(tail);
}

// Below this shape a tail under 1/2 is formed by its own fraction rather than as 1 − the other (incompleteBeta); above
// it that fraction, run far past its switch point, took more error than the subtraction (pt at df 150 to 1000).
const SMALL_SHAPE = 25;

/**
 * Regularized incomplete beta I_x(a, b), or its complement 1 − I_x(a, b) when `upper`, computed without
 * subtracting from 1 so that either tail keeps full relative accuracy. `y` = 1 − x, passed separately when
 * the caller knows it more accurately than `1 - x`, and likewise log x (a·log x is large when a is).
 */
function incompleteBeta(x: number, a: number, b: number, upper = false, y = 1 - x, logX = Math.log(x)): number {
  if (x <= 0) return upper ? 1 : 0;
  if (y <= 0) return upper ? 0 : 1;
  const front = Math.exp(a * logX + b * Math.log(y) - logBeta(a, b));
  const lowerTail = (): number => (front * betaContinuedFraction(x, a, b)) / a;
  const upperTail = (): number => (front * betaContinuedFraction(y, b, a)) / b;
  // Each fraction converges fast on its side of the switch point, but 1 − (a tail above 1/2) multiplies its last-bit
  // error by (1 − p)/p: there the tail wanted is formed by its own fraction (more terms, as accurate when summed
  // backwards).
  if (x < (a + 1) / (a + b + 2)) {
    const lower = lowerTail();
    return !upper ? lower : lower > 0.5 && b < SMALL_SHAPE ? upperTail() : 1 - lower;
  }
  const upperValue = upperTail();
  return upper ? upperValue : upperValue > 0.5 && a < SMALL_SHAPE ? lowerTail() : 1 - upperValue;
}

// Above this df R's pt switches to a normal approximation with a 1/(4 df) correction (nmath/pt.c); we do the
// same so that p-values and quantiles agree with R's to the last digits there too.
const LARGE_DF = 4e5;

/** 2·P(T > |t|) by the incomplete beta: x = df/(df + t²) and 1 − x formed separately, log x by log1p. */
function twoSidedBeta(t: number, df: number): number {
  const t2 = t * t;
  return incompleteBeta(df / (df + t2), df / 2, 0.5, false, t2 / (df + t2), -Math.log1p(t2 / df));
}

function largeDfZ(t: number, df: number): number {
  const v = 1 / (4 * df);
  return (t * (1 - v)) / Math.sqrt(1 + t * t * 2 * v);
}

/**
 * P(T > t) for Student's t with `df` degrees of freedom (df = Infinity gives the normal).
 *
 * @example studentUpperTail(12, 1250) // 8.8487546541685876e-32, R: pt(-12, 1250)
 */
export function studentUpperTail(t: number, df: number): number {
  if (Number.isNaN(t) || Number.isNaN(df) || df <= 0) return NaN;
  if (!Number.isFinite(df)) return normalUpperTail(t);
  if (t === Infinity) return 0;
  if (t === -Infinity) return 1;
  if (df > LARGE_DF) return normalUpperTail(largeDfZ(t, df));
  const half = 0.5 * twoSidedBeta(t, df);
  return t > 0 ? half : 1 - half;
}

/**
 * Two-sided p-value 2·P(T > |t|), as R's `2 * pt(abs(t), df, lower.tail = FALSE)`.
 *
 * @example studentTwoSidedP(-40, 10) // 2.2808577430857474e-12, R: 2 * pt(-40, 10)
 */
export function studentTwoSidedP(t: number, df: number): number {
  if (Number.isNaN(t) || Number.isNaN(df) || df <= 0) return NaN;
  if (!Number.isFinite(df)) return normalTwoSidedP(t);
  if (df > LARGE_DF) return normalTwoSidedP(largeDfZ(t, df));
  return twoSidedBeta(t, df);
}

/** Density of Student's t. */
function studentDensity(t: number, df: number): number {
  if (Number.isNaN(df)) return NaN;
  if (!Number.isFinite(df)) return normalDensity(t);
  const logC = lgammaR((df + 1) / 2) - lgammaR(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(logC - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/** erf(x) for 0 ≤ x < 2 with full relative accuracy: 2/√π · e^{−x²} · Σ 2ⁿ x^{2n+1} / (1·3·…·(2n+1)), all terms positive. */
function erfSeries(x: number): number {
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x * x) / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * sum;
}

/**
 * erfc(x) with full relative accuracy for large x (a series below 2, a continued fraction above), subnormals kept.
 *
 * @example erfc(1) // 0.15729920705028513, R: 2 * pnorm(-sqrt(2))
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 2) return 1 - erfSeries(x);
  if (x > 27.3) return 0; // erfc(27.3) < 1e-325: below the smallest double
  // erfc(x) = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated by modified Lentz.
  const f = continuedFraction(
    x,
    x,
    0,
    (n, term) => {
      term.a = n / 2;
      term.b = x;
    },
    4999,
  );
  return Math.exp(-x * x) / (Math.sqrt(Math.PI) * f);
}

/**
 * R's pnorm computes the lower tail only for x > −37.5193 and returns exactly 0 below (pnorm.c, pnorm_both: the tail
 * is then under 2.2e-308, where R stops rather than return subnormals); erfc would give subnormals out to z ≈ 38.5.
 */
const PNORM_ZERO_BEYOND = 37.5193;

/**
 * P(Z > z) for the standard normal.
 *
 * @example normalUpperTail(9) // 1.1285884059538408e-19, R: pnorm(-9)
 */
export function normalUpperTail(z: number): number {
  return z >= PNORM_ZERO_BEYOND ? 0 : 0.5 * erfc(z / Math.SQRT2);
}

/**
 * Two-sided normal p-value 2·P(Z > |z|).
 *
 * @example normalTwoSidedP(1.959963984540054) // 0.05, R: 2 * pnorm(-1.959963984540054)
 */
export function normalTwoSidedP(z: number): number {
  return Math.abs(z) >= PNORM_ZERO_BEYOND ? 0 : erfc(Math.abs(z) / Math.SQRT2);
}

/** Standard normal density. */
function normalDensity(z: number): number {
  return Math.exp(-0.5 * z * z - LOG_SQRT_2PI);
}

/**
 * Solves upperTail(x) = q for x > 0 (q ≤ 0.5) by safeguarded Newton: bracket by doubling, then Newton steps
 * that fall back to bisection when they leave the bracket. Converges to the last bit in a handful of steps.
 */
function invertUpperTail(q: number, upperTail: (x: number) => number, density: (x: number) => number, start: number): number {
  let lo = 0;
  let hi = Math.max(start, 1);
  while (upperTail(hi) > q) {
    lo = hi;
    hi *= 2;
    if (hi > 1e300) return Infinity;
  }
  let x = Math.min(Math.max(start, lo), hi);
  for (let i = 0; i < 200; i++) {
    const f = upperTail(x) - q;
    if (f === 0) return x;
    if (f > 0) lo = x;
    else hi = x;
    let next = x + f / density(x);
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - x) <= 1e-15 * Math.abs(x) || hi - lo <= 1e-15 * hi) return next;
    x = next;
  }
  return x;
}

/**
 * Standard normal quantile, as R's `qnorm(p)`.
 *
 * @example normalQuantile(0.975) // 1.959963984540054, R: qnorm(0.975)
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (Math.abs(p - 0.5) < 0.25) {
    // Near the centre solve Φ(x) − ½ = ½·erf(x/√2) = p − ½ directly: the upper tail would lose digits to 1 − p.
    const target = p - 0.5;
    let x = target * Math.sqrt(2 * Math.PI);
    for (let i = 0; i < 50; i++) {
      const step = (0.5 * Math.sign(x) * erfSeries(Math.abs(x) / Math.SQRT2) - target) / normalDensity(x);
      x -= step;
      if (Math.abs(step) <= 1e-16 * Math.abs(x)) break;
    }
    return x;
  }
  const q = p < 0.5 ? p : 1 - p;
  // Starting point from Abramowitz & Stegun 26.2.23, refined by Newton on the accurate tail.
  const t = Math.sqrt(-2 * Math.log(q));
  const start = t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
  const x = invertUpperTail(q, normalUpperTail, normalDensity, start);
  return p < 0.5 ? -x : x;
}

/**
 * Student's t quantile, as R's `qt(p, df)`; df may be fractional (Satterthwaite) or Infinity.
 *
 * @example studentQuantile(0.975, 1.39424697978069) // 6.6992776883181033, R: qt(0.975, 1.39424697978069)
 */
export function studentQuantile(p: number, df: number): number {
  if (Number.isNaN(p) || Number.isNaN(df) || df <= 0 || p < 0 || p > 1) return NaN;
  if (!Number.isFinite(df)) return normalQuantile(p);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  const q = p < 0.5 ? p : 1 - p;
  // Start from the normal quantile of q itself: 1 − q rounds to 1 below q ≈ 1e-17, whose quantile is infinite.
  const x = invertUpperTail(q, (t) => studentUpperTail(t, df), (t) => studentDensity(t, df), -normalQuantile(q));
  return p < 0.5 ? -x : x;
}

/**
 * P(T ≤ t) for the noncentral t with `df` and noncentrality `ncp`, by the Poisson-weighted series of
 * incomplete beta functions (Guenther 1978; Lenth 1989, AS 243), summed until the terms past the Poisson mode
 * are negligible. Accurate to ~1e-14 absolute for |ncp| up to ~37. Where R's `pnt` leaves the series (df > 4e5,
 * or ncp² > 2·ln 2·1021, where e^{−ncp²/2} underflows) it uses Abramowitz & Stegun 26.7.10, and so does this, so
 * that `power.t.test` with a huge effect or sample gives R's number.
 *
 * @example noncentralTCdf(1.98, 98, 2.5) // 0.30156385541959146, R: pt(1.98, 98, ncp = 2.5)
 */
export function noncentralTCdf(t: number, df: number, ncp: number): number {
  if (ncp === 0) return 1 - studentUpperTail(t, df);
  if (!Number.isFinite(t)) return t < 0 ? 0 : 1;
  if (t < 0) return 1 - noncentralTCdf(-t, df, -ncp);
  if (df > 4e5 || ncp * ncp > 2 * Math.LN2 * 1021) {
    const s = 1 / (4 * df);
    const z = (t * (1 - s) - ncp) / Math.sqrt(1 + t * t * 2 * s);
    return z < 0 ? normalUpperTail(-z) : 1 - normalUpperTail(z);
  }
  const y = (t * t) / (t * t + df);
  const yc = df / (t * t + df);
  const halfDelta2 = (ncp * ncp) / 2;
  let p = Math.exp(-halfDelta2);
  let q = Math.exp(-halfDelta2 - lgammaR(1.5)) * ncp * Math.SQRT1_2;
  let sum = 0;
  for (let j = 0; j < 100000; j++) {
    if (j > 0) {
      p *= halfDelta2 / j;
      q *= halfDelta2 / (j + 0.5);
    }
    const term = p * incompleteBeta(y, j + 0.5, df / 2, false, yc) + q * incompleteBeta(y, j + 1, df / 2, false, yc);
    sum += term;
    if (j > halfDelta2 && Math.abs(term) < 1e-17) break;
  }
  return Math.min(1, Math.max(0, normalUpperTail(ncp) + 0.5 * sum));
}
