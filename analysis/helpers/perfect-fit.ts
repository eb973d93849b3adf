// R's summary.lm test for an "essentially perfect fit": every residual is rounding, and so are the standard errors,
// t statistics and p-values computed from them. estimatr 1.0.0's lm_robust prints those numbers without a word
// (SE 3.6e-16, t 8.3e15 on y = 2 + 3x); summary(lm()) warns, and vlab says what summary.lm says.
import { rowResidual, type SparseDesign } from './sparse-design.ts';

/**
 * Whether the residual variance Σ w e² / rdf is below 1e-30 × (mean(f)² + var(f)) of the fitted values f, as R's
 * summary.lm (stats 4.2) decides it; `coef` has NaN for aliased columns (they do not enter f). `shift` is what was
 * taken off y before the fit (lmRobust fits y less its first value): f is compared on y's own scale, as R does.
 *
 * @example essentiallyPerfectFit(design, y, coef, undefined, n - rank) // true for y = 2 + 3x exactly
 */
export function essentiallyPerfectFit(design: SparseDesign, y: Float64Array, coef: Float64Array, w: Float64Array | undefined, rdf: number, shift = 0): boolean {
  const beta = coef.map((value) => (Number.isNaN(value) ? 0 : value));
  const residuals = Float64Array.from({ length: design.n }, (_, i) => rowResidual(design, y, beta, i));
  return perfectFitFromResiduals(y, residuals, w, rdf, shift);
}

/**
 * essentiallyPerfectFit from the residuals y − fitted (a fit that has no design of its own, as the demeaned one).
 *
 * @example perfectFitFromResiduals(y, new Float64Array(y.length), undefined, n - rank) // true where y varies
 */
export function perfectFitFromResiduals(y: Float64Array, residuals: Float64Array, w: Float64Array | undefined, rdf: number, shift = 0): boolean {
  const n = y.length;
  const fitted = new Float64Array(n);
  let rss = 0;
  for (let i = 0; i < n; i++) {
    const e = residuals[i];
    fitted[i] = y[i] - e + shift;
    rss += (w ? w[i] : 1) * e * e;
  }
  const resvar = rss / rdf;
  if (!Number.isFinite(resvar) || n < 2) return false;
  const mean = fitted.reduce((s, f) => s + f, 0) / n;
  const variance = fitted.reduce((s, f) => s + (f - mean) ** 2, 0) / (n - 1);
  return resvar < (mean * mean + variance) * 1e-30;
}
