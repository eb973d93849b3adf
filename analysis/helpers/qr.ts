import { colPivHouseholderQr, type ColPivHouseholder } from './col-piv-householder-qr.ts';
import { applyReflector, makeReflector } from './householder.ts';
import { symmetricProductWithTranspose, upperTriangularInverse } from './small-matrix.ts';

/**
 * Least squares by Householder QR with column pivoting, deciding aliasing as estimatr does: its `lm_solver`
 * calls Eigen's `ColPivHouseholderQR`, keeps the first `rank()` pivoted columns and reports the others as NA.
 * `col-piv-householder-qr.ts` reproduces that factorization bit for bit, so on the same rows in the same order
 * the same columns are dropped, ties between collinear columns included.
 *
 * One deliberate difference: when a column estimatr keeps has a remaining norm of at most 1e-10 of its original
 * norm, estimatr's coefficients are rounding noise (e.g. ±8.8e12 for numeric dummies that sum to the intercept,
 * exact collinearity that rounding leaves at ~1e-14, above Eigen's threshold). Only then the factorization is
 * redone with that tolerance: such columns are never pivoted in and are aliased. The tolerance is where a kept
 * coefficient's rounding error, ~ε/tolerance ≈ 2e-6, reaches the 1e-6 at which results must equal estimatr; R
 * `lm`'s 1e-7 (dqrdc2) aliased sound columns, e.g. the intercept next to x = 10⁶ ± 0.01.
 *
 * Tall data are first reduced to a small triangle by a sequential tall-skinny QR (Demmel, Grigori, Hoemmen &
 * Langou 2012): each block of rows is folded into the running R of [X y] with Householder reflections while
 * it sits in cache, and X is never copied. Because [X y] = Q [R; 0] with Q orthogonal, coefficients and residual
 * norm from R are those of X itself. That triangle answers only when X is clearly of full rank (κ_F(R) below
 * WELL_CONDITIONED): then no column is aliased whatever the pivot order, and the coefficients do not depend on it.
 * Otherwise the pivoted QR runs on X, as estimatr's does.
 */
export interface LeastSquaresFit {
  /** One coefficient per column of X, NaN for aliased columns. */
  coef: Float64Array;
  /** Indices of the kept (non-aliased) columns, ascending. */
  kept: Int32Array;
  rank: number;
  /** B (rank × rank, row-major, rows in `kept` order) with (X'X)⁻¹ = B Bᵀ and Q = X_kept B. */
  b: Float64Array;
  /** (X_kept' X_kept)⁻¹, rank × rank row-major, in `kept` order. */
  xtxInv: Float64Array;
}

/** The QR's fit, with κ_F(R) = ‖R‖_F ‖R⁻¹‖_F of the kept columns (≥ κ₂(X_kept)). */
export type QrFit = LeastSquaresFit & { condition: number };

const ALIAS_TOLERANCE = 1e-10;
// Rows per block of the tall-skinny QR: a block of [X y] stays in L1/L2 while all its reflections run.
const TSQR_BLOCK = 1024;
/**
 * κ_F(R) = ‖R‖_F ‖R⁻¹‖_F ≥ κ₂(X) below which the tall-skinny triangle is trusted. Then σ_min(X) > ‖X‖_F / 1e6, so
 * every pivot of any column-pivoted QR has |R_kk| ≥ σ_min > 1e-6 ‖x_k‖: far above both Eigen's rank threshold
 * (~1e-16 · min(n, p) of the largest pivot) and the 1e-7 alias tolerance, with rounding at ~1e-16 · κ.
 */
const WELL_CONDITIONED = 1e6;

/**
 * Fits y on the columns of x (n × p, column-major) by pivoted QR.
 *
 * @example leastSquares(new Float64Array([1, 1, 1, 0, 1, 2]), 3, 2, new Float64Array([1, 2, 3])).coef // [1, 1]
 */
export function leastSquares(x: Float64Array, n: number, p: number, y: Float64Array): QrFit {
  if (n > 2 * TSQR_BLOCK && n > p) {
    const r = triangularize(x, n, p, y);
    const fit = fitFromFactorization(colPivHouseholderQr(r.subarray(0, (p + 1) * p), p + 1, p), r.subarray((p + 1) * p));
    if (fit.rank === p && fit.condition < WELL_CONDITIONED) return fit;
  }
  const eigen = colPivHouseholderQr(x, n, p);
  return fitFromFactorization(keepsNoise(eigen) ? colPivHouseholderQr(x, n, p, ALIAS_TOLERANCE) : eigen, y);
}

/** Whether a kept pivot's remaining norm is within ALIAS_TOLERANCE of zero relative to its column: β is noise. */
function keepsNoise(f: ColPivHouseholder): boolean {
  for (let k = 0; k < f.rank; k++) if (!(Math.abs(f.qr[k * f.n + k]) > ALIAS_TOLERANCE * f.pivotNorms[k])) return true;
  return false;
}
/**
 * R of the n × (p + 1) matrix [X y] (column-major (p + 1) × (p + 1)), by folding blocks of TSQR_BLOCK rows into
 * the running triangle. Within a block, the reflector for column k is nonzero only in row k of the triangle
 * and in the block's rows, so each step costs O(block · (p + 1 − k)) and touches cache-resident memory only.
 */
function triangularize(x: Float64Array, n: number, p: number, y: Float64Array): Float64Array {
  const q = p + 1;
  const r = new Float64Array(q * q); // column-major, upper triangular
  const block = new Float64Array(TSQR_BLOCK * q); // column-major TSQR_BLOCK × q
  for (let start = 0; start < n; start += TSQR_BLOCK) {
    const m = Math.min(n, start + TSQR_BLOCK) - start;
    for (let j = 0; j < p; j++) block.set(x.subarray(j * n + start, j * n + start + m), j * m);
    block.set(y.subarray(start, start + m), p * m);
    for (let k = 0; k < q; k++) {
      const vk = k * m;
      const tau = makeReflector(r, k * q + k, block, vk, m);
      if (tau === 0) continue;
      // applyReflector's update, four target columns per pass, so that each load of the reflector serves four
      // (unused slots alias the last real column and get a zero step): the tall-skinny QR's inner loop.
      for (let j = k + 1; j < q; j += 4) {
        const count = Math.min(4, q - j);
        const c0 = j * m;
        const c1 = count > 1 ? c0 + m : c0;
        const c2 = count > 2 ? c0 + 2 * m : c0;
        const c3 = count > 3 ? c0 + 3 * m : c0;
        let w0 = r[j * q + k];
        let w1 = count > 1 ? r[(j + 1) * q + k] : 0;
        let w2 = count > 2 ? r[(j + 2) * q + k] : 0;
        let w3 = count > 3 ? r[(j + 3) * q + k] : 0;
        for (let i = 0; i < m; i++) {
          const v = block[vk + i];
          w0 += v * block[c0 + i];
          w1 += v * block[c1 + i];
          w2 += v * block[c2 + i];
          w3 += v * block[c3 + i];
        }
        w0 *= tau;
        w1 = count > 1 ? w1 * tau : 0;
        w2 = count > 2 ? w2 * tau : 0;
        w3 = count > 3 ? w3 * tau : 0;
        r[j * q + k] -= w0;
        if (count > 1) r[(j + 1) * q + k] -= w1;
        if (count > 2) r[(j + 2) * q + k] -= w2;
        if (count > 3) r[(j + 3) * q + k] -= w3;
        for (let i = 0; i < m; i++) {
          const v = block[vk + i];
          block[c0 + i] -= w0 * v;
          block[c1 + i] -= w1 * v;
          block[c2 + i] -= w2 * v;
          block[c3 + i] -= w3 * v;
        }
      }
    }
  }
  return r;
}

/**
 * Coefficients and (X'X)⁻¹ from the first `rank` pivots, as estimatr's lm_solver: effects = Qᵀy, β = R⁻¹ effects,
 * (X'X)⁻¹ = R⁻¹R⁻ᵀ, and κ_F(R) of that block for leastSquares' choice of path.
 */
function fitFromFactorization(f: ColPivHouseholder, y: Float64Array): QrFit {
  const { qr, n, p, tau, perm, rank: r } = f;
  const effects = y.slice(0, n);
  for (let k = 0; k < r; k++) applyReflector(tau[k], qr, k * n + k + 1, n - k - 1, effects, k, effects, k + 1);

  // R⁻¹ of the leading r × r block (R_ik = qr[k · n + i]) and the Frobenius norms of R and R⁻¹.
  const rinv = upperTriangularInverse(qr, r, 1, n);
  let normR = 0;
  for (let j = 0; j < r; j++) for (let i = 0; i <= j; i++) normR += qr[j * n + i] * qr[j * n + i];
  let normInverse = 0;
  for (const v of rinv) normInverse += v * v;
  const coefPivoted = new Float64Array(r);
  for (let i = 0; i < r; i++) {
    let s = 0;
    for (let k = i; k < r; k++) s += rinv[i * r + k] * effects[k];
    coefPivoted[i] = s;
  }

  const coef = new Float64Array(p).fill(NaN);
  for (let k = 0; k < r; k++) coef[perm[k]] = coefPivoted[k];
  const kept = Int32Array.from(perm.subarray(0, r)).sort();
  const rowOf = new Int32Array(p);
  kept.forEach((column, i) => (rowOf[column] = i));
  const b = new Float64Array(r * r);
  for (let k = 0; k < r; k++) b.set(rinv.subarray(k * r, (k + 1) * r), rowOf[perm[k]] * r);
  return { coef, kept, rank: r, b, xtxInv: symmetricProductWithTranspose(b, b, r, r), condition: Math.sqrt(normR * normInverse) };
}

/**
 * The kept columns of x as a new column-major n × kept.length matrix.
 *
 * @example keptColumns(Float64Array.of(1, 1, 2, 2, 3, 3), 2, Int32Array.of(0, 2)) // Float64Array [1, 1, 3, 3]
 */
export function keptColumns(x: Float64Array, n: number, kept: Int32Array): Float64Array {
  const out = new Float64Array(n * kept.length);
  kept.forEach((column, j) => out.set(x.subarray(column * n, (column + 1) * n), j * n));
  return out;
}
