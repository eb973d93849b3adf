import { symmetricProductWithTranspose } from './small-matrix.ts';

/**
 * Least squares by Householder QR with column pivoting, following Eigen's `ColPivHouseholderQR` (what estimatr's
 * `lm_solver` calls): pivot on the largest remaining column norm and downdate norms with the LAPACK xGEQPF rule
 * (LAWN 176), recomputing them when the downdate loses accuracy. A column whose remaining norm has fallen
 * below 1e-7 of its original norm lies in the span of the columns already chosen (R's `lm` tolerance,
 * dqrdc2): it is aliased, never pivoted in, and its coefficient is NaN. Eigen's own rank rule
 * (|R_kk| > max|R_kk| · ε · min(n, p)) misses exact collinearity that rounding leaves at ~1e-13, where
 * estimatr then prints coefficients of ±1e12; this rule reports those terms as aliased instead.
 *
 * Tall data are first reduced to a small triangle by a sequential tall-skinny QR (Demmel, Grigori, Hoemmen &
 * Langou 2012): each block of rows is folded into the running R of [X y] with Householder reflections while
 * it sits in cache, and X is never copied. Because [X y] = Q [R; 0] with Q orthogonal, column norms, pivot
 * choices, coefficients and residual norm of the pivoted QR of R are those of X itself.
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

const EPSILON = 2.220446049250313e-16;
const ALIAS_TOLERANCE = 1e-7;
// Rows per block of the tall-skinny QR: a block of [X y] stays in L1/L2 while all its reflections run.
const TSQR_BLOCK = 1024;

/**
 * Fits y on the columns of x (n × p, column-major) by pivoted QR.
 *
 * @example leastSquares(new Float64Array([1, 1, 1, 0, 1, 2]), 3, 2, new Float64Array([1, 2, 3])).coef // [1, 1]
 */
export function leastSquares(x: Float64Array, n: number, p: number, y: Float64Array): LeastSquaresFit {
  if (n <= 2 * TSQR_BLOCK) return pivotedLeastSquares(x, n, p, y);
  const r = triangularize(x, n, p, y);
  return pivotedLeastSquares(r.subarray(0, (p + 1) * p), p + 1, p, r.subarray((p + 1) * p));
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
      const alpha = r[k * q + k];
      let tailSq = 0;
      for (let i = 0; i < m; i++) tailSq += block[vk + i] * block[vk + i];
      if (tailSq === 0) continue;
      let beta = Math.sqrt(alpha * alpha + tailSq);
      if (alpha >= 0) beta = -beta;
      const scale = 1 / (alpha - beta);
      for (let i = 0; i < m; i++) block[vk + i] *= scale;
      const tau = (beta - alpha) / beta;
      r[k * q + k] = beta;
      // Four target columns per pass, so each load of the reflector serves four (unused slots alias the last
      // real column and get a zero step).
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

function pivotedLeastSquares(x: Float64Array, n: number, p: number, y: Float64Array): LeastSquaresFit {
  const a = x.slice();
  // Column views: pivoting swaps the views, never the n-long data.
  const cols = Array.from({ length: p }, (_, j) => a.subarray(j * n, (j + 1) * n));
  const effects = y.slice();
  const perm = Int32Array.from({ length: p }, (_, j) => j);
  const normsDirect = new Float64Array(p);
  const normsUpdated = new Float64Array(p);
  const normsOriginal = new Float64Array(p);
  for (let j = 0; j < p; j++) normsOriginal[j] = normsDirect[j] = normsUpdated[j] = columnNorm(cols[j], 0, n);
  const size = Math.min(n, p);
  const downdateThreshold = Math.sqrt(EPSILON);
  let rank = 0;

  for (let k = 0; k < size; k++) {
    let best = -1;
    for (let j = k; j < p; j++) {
      if (!(normsUpdated[j] > ALIAS_TOLERANCE * normsOriginal[j])) continue;
      if (best < 0 || normsUpdated[j] > normsUpdated[best]) best = j;
    }
    if (best < 0) break;
    rank = k + 1;
    if (best !== k) {
      [cols[k], cols[best]] = [cols[best], cols[k]];
      [perm[k], perm[best]] = [perm[best], perm[k]];
      [normsUpdated[k], normsUpdated[best]] = [normsUpdated[best], normsUpdated[k]];
      [normsDirect[k], normsDirect[best]] = [normsDirect[best], normsDirect[k]];
      [normsOriginal[k], normsOriginal[best]] = [normsOriginal[best], normsOriginal[k]];
    }

    // Householder vector v = [1; a(k+1:n, k) / (c0 − β)], H = I − τ v vᵀ, R_kk = β (Eigen's makeHouseholder).
    const v = cols[k];
    const c0 = v[k];
    let tailSq = 0;
    for (let i = k + 1; i < n; i++) tailSq += v[i] * v[i];
    let tau = 0;
    let beta = c0;
    if (tailSq > Number.MIN_VALUE) {
      beta = Math.sqrt(c0 * c0 + tailSq);
      if (c0 >= 0) beta = -beta;
      const scale = 1 / (c0 - beta);
      for (let i = k + 1; i < n; i++) v[i] *= scale;
      tau = (beta - c0) / beta;
    } else {
      for (let i = k + 1; i < n; i++) v[i] = 0;
    }
    v[k] = beta;

    if (tau !== 0) {
      const targets = [...cols.slice(k + 1), effects];
      for (let j = 0; j < targets.length; j += 4) reflect(v, k, n, tau, targets.slice(j, j + 4));
    }

    for (let j = k + 1; j < p; j++) {
      if (normsUpdated[j] === 0) continue;
      let t = Math.abs(cols[j][k]) / normsUpdated[j];
      t = (1 + t) * (1 - t);
      if (t < 0) t = 0;
      const ratio = normsUpdated[j] / normsDirect[j];
      if (t * ratio * ratio <= downdateThreshold) {
        normsDirect[j] = normsUpdated[j] = columnNorm(cols[j], k + 1, n - k - 1);
      } else {
        normsUpdated[j] *= Math.sqrt(t);
      }
    }
  }

  // Back-substitution on the leading rank × rank block of R, and its inverse (upper triangular).
  const r = rank;
  const rinv = new Float64Array(r * r);
  for (let j = r - 1; j >= 0; j--) {
    rinv[j * r + j] = 1 / cols[j][j];
    for (let i = j - 1; i >= 0; i--) {
      let s = 0;
      for (let k = i + 1; k <= j; k++) s += cols[k][i] * rinv[k * r + j];
      rinv[i * r + j] = -s / cols[i][i];
    }
  }
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
  return { coef, kept, rank, b, xtxInv: symmetricProductWithTranspose(b, b, r, r) };
}

function columnNorm(a: Float64Array, start: number, length: number): number {
  // Scaled sum of squares, so that huge or tiny columns neither overflow nor underflow.
  let scale = 0;
  for (let i = 0; i < length; i++) scale = Math.max(scale, Math.abs(a[start + i]));
  if (scale === 0) return 0;
  let s = 0;
  for (let i = 0; i < length; i++) {
    const v = a[start + i] / scale;
    s += v * v;
  }
  return scale * Math.sqrt(s);
}

/**
 * Applies H = I − τ v vᵀ (v_k = 1, v_i stored below the diagonal) to rows k.. of up to four columns at once,
 * so that each pass over the n-long reflector serves four targets: the QR is bound by memory traffic.
 */
function reflect(v: Float64Array, k: number, n: number, tau: number, targets: Float64Array[]): void {
  const [t0, t1 = t0, t2 = t0, t3 = t0] = targets;
  const m = targets.length;
  let w0 = t0[k];
  let w1 = t1[k];
  let w2 = t2[k];
  let w3 = t3[k];
  for (let i = k + 1; i < n; i++) {
    const vi = v[i];
    w0 += vi * t0[i];
    w1 += vi * t1[i];
    w2 += vi * t2[i];
    w3 += vi * t3[i];
  }
  // Unused slots alias t0 and get a zero step, so the update loop stays branch-free.
  w0 *= tau;
  w1 = m > 1 ? w1 * tau : 0;
  w2 = m > 2 ? w2 * tau : 0;
  w3 = m > 3 ? w3 * tau : 0;
  t0[k] -= w0;
  t1[k] -= w1;
  t2[k] -= w2;
  t3[k] -= w3;
  for (let i = k + 1; i < n; i++) {
    const vi = v[i];
    t0[i] -= w0 * vi;
    t1[i] -= w1 * vi;
    t2[i] -= w2 * vi;
    t3[i] -= w3 * vi;
  }
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
