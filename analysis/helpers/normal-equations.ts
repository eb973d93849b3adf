import type { LeastSquaresFit } from './qr.ts';
import { symmetricProductWithTranspose, upperTriangularInverse } from './small-matrix.ts';
import { crossProducts, residualCrossProduct, type SparseDesign } from './sparse-design.ts';

/**
 * Bound on κ₁(G̃) = ‖G̃‖₁‖G̃⁻¹‖₁ for G̃ = D X'X D, D = diag(X'X)^(−1/2) (X with unit-norm columns), under which the
 * normal equations are as accurate as the QR.
 *
 * Why this bound: κ₁(G̃) ≥ κ₂(G̃) = κ₂(XD)². Rounding in forming and factoring G̃ is a relative perturbation of G̃
 * of at most ~10³ε for designs of up to a few hundred columns (blocked sums of ≤ 1024 + n/1024 terms, whose error
 * grows like their square root in practice; a Cholesky with backward error ~pε, independent of the scaling D).
 * (X'X)⁻¹, the leverages and so the sandwich amplify it by κ₂(G̃): below 10⁵ that is ≲ 10⁵ · 10³ · 2.2e-16 ≈ 2e-8,
 * 50 times under the 1e-6 to which the results must equal estimatr (the tests see ~1e-14). The QR (and estimatr's) (X'X)⁻¹ has the same κ₂(G̃) sensitivity, since its backward error in X
 * is a relative perturbation of X'X of the same order; only β is better from the QR (error ∝ κ₂(XD), not its
 * square), and one step of refinement with the true residuals (the corrected semi-normal equations, Björck 1987)
 * gives that back. Designs above the bound — a covariate far from zero next to the intercept (calendar years),
 * near-collinear columns, anything the QR would call aliased (κ₂(XD) ≥ 10⁷) — go to the pivoted QR.
 */
const CONDITION_LIMIT = 1e5;

/**
 * estimatr's rank decision is not scale-free: Eigen's ColPivHouseholderQR aliases a pivot whose remaining norm is at
 * most ε·p times the largest column norm (col-piv-householder-qr.ts), so a covariate of ~5e21 aliases the intercept
 * however well conditioned G̃ is. A column's remaining norm in any pivot order is at least its distance to the span
 * of the others, 1/√((X'X)⁻¹_jj); when some distance is below SCALE_MARGIN·ε·p times the largest norm, the
 * pivoted QR decides instead. The margin covers the rounding of both sides (relative ~1e-10 with κ₁(G̃) ≤ 1e5).
 */
const SCALE_MARGIN = 1e3;
const EPSILON = 2.220446049250313e-16;

/**
 * Least squares by the Cholesky factor of the equilibrated Gram matrix, for full-rank, well-conditioned designs:
 * X'X = D⁻¹ R̃'R̃ D⁻¹, so B = D R̃⁻¹ satisfies (X'X)⁻¹ = B Bᵀ and X B has orthonormal columns (the contract of
 * the QR's fit). β = B Bᵀ X'y, then β += B Bᵀ X'(y − Xβ) once. Returns null — take the pivoted QR — when a column
 * is zero, the factorization breaks down, or κ₁(G̃) exceeds CONDITION_LIMIT (see there).
 *
 * @example normalEquationsLeastSquares(design, y)?.coef // as leastSquares(denseColumns(design), n, p, y).coef to ~1e-13
 */
export function normalEquationsLeastSquares(design: SparseDesign, y: Float64Array): LeastSquaresFit | null {
  const { p } = design;
  const { xtx: g, xty } = crossProducts(design, y);
  const d = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    if (!(g[j * p + j] > 0)) return null;
    d[j] = 1 / Math.sqrt(g[j * p + j]);
  }
  const scaled = g.map((value, at) => value * d[Math.floor(at / p)] * d[at % p]);
  const rinv = choleskyInverseFactor(scaled, p);
  if (!rinv) return null;
  const scaledInverse = symmetricProductWithTranspose(rinv, rinv, p, p);
  if (oneNorm(scaled, p) * oneNorm(scaledInverse, p) > CONDITION_LIMIT) return null;

  const b = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = i; j < p; j++) b[i * p + j] = d[i] * rinv[i * p + j];
  const xtxInv = scaledInverse.map((value, at) => value * d[Math.floor(at / p)] * d[at % p]);
  if (nearEigenThreshold(g, xtxInv, p)) return null;
  const coef = solve(b, p, xty);
  const step = solve(b, p, residualCrossProduct(design, y, coef));
  for (let j = 0; j < p; j++) coef[j] += step[j];
  const kept = Int32Array.from({ length: p }, (_, j) => j);
  return { coef, kept, rank: p, b, xtxInv };
}

/** R⁻¹ (upper triangular, row-major) of the Cholesky factor R'R = A, or null if A is not numerically positive definite. */
function choleskyInverseFactor(a: Float64Array, p: number): Float64Array | null {
  const r = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    let s = a[j * p + j];
    for (let k = 0; k < j; k++) s -= r[k * p + j] * r[k * p + j];
    if (!(s > 0)) return null;
    const rjj = Math.sqrt(s);
    r[j * p + j] = rjj;
    for (let i = j + 1; i < p; i++) {
      let t = a[j * p + i];
      for (let k = 0; k < j; k++) t -= r[k * p + j] * r[k * p + i];
      r[j * p + i] = t / rjj;
    }
  }
  return upperTriangularInverse(r, p, p, 1);
}

/** Whether some column's distance to the span of the others is near Eigen's rank threshold (see SCALE_MARGIN). */
function nearEigenThreshold(xtx: Float64Array, xtxInv: Float64Array, p: number): boolean {
  let largestSq = 0;
  for (let j = 0; j < p; j++) largestSq = Math.max(largestSq, xtx[j * p + j]);
  const bound = SCALE_MARGIN * EPSILON * p;
  for (let j = 0; j < p; j++) if (!(1 / xtxInv[j * p + j] > bound * bound * largestSq)) return true;
  return false;
}

/** Largest absolute column sum. */
function oneNorm(a: Float64Array, p: number): number {
  let norm = 0;
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let i = 0; i < p; i++) s += Math.abs(a[i * p + j]);
    norm = Math.max(norm, s);
  }
  return norm;
}

/** B (Bᵀ v) = (X'X)⁻¹ v for upper triangular B. */
function solve(b: Float64Array, p: number, v: Float64Array): Float64Array {
  const t = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let i = 0; i <= j; i++) s += b[i * p + j] * v[i];
    t[j] = s;
  }
  const out = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = 0;
    for (let j = i; j < p; j++) s += b[i * p + j] * t[j];
    out[i] = s;
  }
  return out;
}
