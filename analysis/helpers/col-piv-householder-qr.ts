/**
 * Eigen's `ColPivHouseholderQR` (Eigen 3.3.9, as RcppEigen 0.3.3.9 ships it and estimatr's `lm_solver` calls it)
 * reproduced operation for operation, so that the pivot order, and with it the set of columns estimatr drops,
 * is Eigen's bit for bit.
 *
 * Why bit for bit: in a rank-deficient design the columns that end up aliased are often decided by a tie. When
 * a + c lies in the span of the columns already chosen (e.g. two interaction dummies of a restricted conjoint),
 * their remaining norms are equal in exact arithmetic, and which one Eigen pivots in first — and so which one it
 * drops — depends on the last bits of the norms. Those bits depend on the order of every sum, so this file
 * follows Eigen's order exactly, as compiled for x86-64 without AVX (SSE2: 2 doubles a packet, no FMA; the
 * build of the Debian/CRAN estimatr binaries):
 *
 * - column norms are `squaredNorm()` reductions (Redux.h, LinearVectorizedTraversal): two packet accumulators
 *   of two lanes each, then the element left after the last full packet;
 * - `essential' · bottom` (applyHouseholderOnTheLeft) is Eigen's row-major GEMV kernel (GeneralMatrixVector.h):
 *   per column, one scalar head, two lanes over aligned packets, one scalar tail;
 * - the rank-1 update subtracts tmp_j · (τ v_i), with τ v evaluated once (the outer product's nested_eval);
 * - the pivot is the first column with the largest downdated norm (max_coeff_visitor's strict `>`), the norms
 *   are downdated as in LAPACK's xGEQPF (LAWN 176) and recomputed when the downdate loses accuracy.
 *
 * Alignment is that of an Eigen `MatrixXd` (16-byte aligned storage): element (i, j) of the n × p column-major
 * matrix is aligned when j·n + i is even. JavaScript numbers are IEEE doubles with no extended precision or
 * contraction, so the same operations in the same order give the same bits.
 */

const EPSILON = 2.220446049250313e-16;
const DOUBLE_MIN = 2.2250738585072014e-308;

export interface ColPivHouseholder {
  /** Eigen's m_qr, column-major n × p: R on and above the diagonal, Householder vectors below. */
  qr: Float64Array;
  n: number;
  p: number;
  /** Householder coefficients τ_k (m_hCoeffs). */
  tau: Float64Array;
  /** Original column at pivot position k (colsPermutation().indices()). */
  perm: Int32Array;
  /** Euclidean norm of the column at pivot position k, before any reflection. */
  pivotNorms: Float64Array;
  /**
   * Without `aliasTolerance`, Eigen's `rank()`: the pivots among the first `nonzeroPivots` with
   * |R_kk| > max|R_ii| · ε · min(n, p). With it, the number of columns pivoted in.
   */
  rank: number;
  /**
   * Per pivot step k, how clearly its column won: (its norm − the runner-up's) / its norm, Infinity with no runner-up.
   * Near 0 the choice was a tie that rounding decided (R trial 35: a term collinear with fixed effects only together).
   */
  pivotMargins: Float64Array;
}

/**
 * Sum of squares of a[start .. start + size) in the order of Eigen's vectorized `squaredNorm()`: the reduction
 * runs over `cwiseAbs2()`, an expression without direct access, so Eigen takes its first element as aligned
 * wherever it sits: two accumulators of two lanes over blocks of four, folded, one more packet if there is one,
 * the lanes added, then the last odd element.
 *
 * @example eigenSquaredNorm(Float64Array.of(1, 2, 3), 0, 3) // 14
 */
export function eigenSquaredNorm(a: Float64Array, start: number, size: number): number {
  if (size <= 0) return 0;
  const end = start + size;
  if (size < 2) return a[start] * a[start];
  const packed = start + (size & ~1);
  const packed4 = start + (size & ~3);
  let p0a = a[start] * a[start];
  let p0b = a[start + 1] * a[start + 1];
  if (packed - start > 2) {
    let p1a = a[start + 2] * a[start + 2];
    let p1b = a[start + 3] * a[start + 3];
    for (let i = start + 4; i < packed4; i += 4) {
      p0a += a[i] * a[i];
      p0b += a[i + 1] * a[i + 1];
      p1a += a[i + 2] * a[i + 2];
      p1b += a[i + 3] * a[i + 3];
    }
    p0a += p1a;
    p0b += p1b;
    if (packed > packed4) {
      p0a += a[packed4] * a[packed4];
      p0b += a[packed4 + 1] * a[packed4 + 1];
    }
  }
  let res = p0a + p0b;
  for (let i = packed; i < end; i++) res += a[i] * a[i];
  return res;
}

/**
 * Factorizes the column-major n × p matrix x (not modified) as Eigen's `ColPivHouseholderQR<MatrixXd>(X)` does.
 * With `aliasTolerance` (R `lm`'s rule, dqrdc2), a column whose downdated norm is at most that fraction of its
 * original norm is never pivoted in, and the factorization stops when no other column is left.
 *
 * @example colPivHouseholderQr(Float64Array.of(1, 1, 1, 2, 2, 2), 3, 2).rank // 1: the second column is twice the first
 */
export function colPivHouseholderQr(x: Float64Array, n: number, p: number, aliasTolerance?: number): ColPivHouseholder {
  const qr = x.slice(0, n * p);
  const size = Math.min(n, p);
  const tau = new Float64Array(size);
  const perm = Int32Array.from({ length: p }, (_, j) => j);
  const normsUpdated = new Float64Array(p);
  const normsDirect = new Float64Array(p);
  const pivotNorms = new Float64Array(p);
  let largest = 0;
  for (let j = 0; j < p; j++) {
    pivotNorms[j] = normsDirect[j] = normsUpdated[j] = Math.sqrt(eigenSquaredNorm(qr, j * n, n));
    if (j === 0 || normsUpdated[j] > largest) largest = normsUpdated[j];
  }
  const helper = largest * EPSILON;
  const thresholdHelper = (helper * helper) / n;
  let nonzeroPivots = size;
  let maxPivot = 0;
  let pivoted = size;
  const scaled = new Float64Array(n);
  const tmp = new Float64Array(p);
  const pivotMargins = new Float64Array(size).fill(Infinity);

  for (let k = 0; k < size; k++) {
    const best = aliasTolerance === undefined ? largestNorm(normsUpdated, k, p) : largestEligible(normsUpdated, pivotNorms, aliasTolerance, k, p);
    if (best < 0) {
      pivoted = k;
      break;
    }
    pivotMargins[k] = pivotMargin(normsUpdated, best, k, p);
    const bestSq = normsUpdated[best] * normsUpdated[best];
    if (nonzeroPivots === size && bestSq < thresholdHelper * (n - k)) nonzeroPivots = k;
    if (best !== k) {
      swapColumns(qr, n, k, best);
      [perm[k], perm[best]] = [perm[best], perm[k]];
      [normsUpdated[k], normsUpdated[best]] = [normsUpdated[best], normsUpdated[k]];
      [normsDirect[k], normsDirect[best]] = [normsDirect[best], normsDirect[k]];
      [pivotNorms[k], pivotNorms[best]] = [pivotNorms[best], pivotNorms[k]];
    }

    // makeHouseholderInPlace on rows k.. of column k: essential part below the diagonal, β on it.
    const diagonal = k * n + k;
    const tailSq = n - k === 1 ? 0 : eigenSquaredNorm(qr, diagonal + 1, n - k - 1);
    const c0 = qr[diagonal];
    let beta: number;
    if (tailSq <= DOUBLE_MIN) {
      tau[k] = 0;
      beta = c0;
      qr.fill(0, diagonal + 1, (k + 1) * n);
    } else {
      beta = Math.sqrt(c0 * c0 + tailSq);
      if (c0 >= 0) beta = -beta;
      const divisor = c0 - beta;
      for (let i = diagonal + 1; i < (k + 1) * n; i++) qr[i] = qr[i] / divisor;
      tau[k] = (beta - c0) / beta;
    }
    qr[diagonal] = beta;
    if (Math.abs(beta) > maxPivot) maxPivot = Math.abs(beta);

    if (n - k > 1 && tau[k] !== 0) applyHouseholderOnTheLeft(qr, n, k, k + 1, p, tau[k], scaled, tmp);

    downdateNorms(qr, n, k, p, normsUpdated, normsDirect);
  }

  if (aliasTolerance !== undefined) return { qr, n, p, tau, perm, pivotNorms, rank: pivoted, pivotMargins };
  const premultiplied = maxPivot * (EPSILON * size);
  let rank = 0;
  for (let i = 0; i < nonzeroPivots; i++) if (Math.abs(qr[i * n + i]) > premultiplied) rank++;
  return { qr, n, p, tau, perm, pivotNorms, rank, pivotMargins };
}

/**
 * The remaining columns' norms after step k, as LAPACK's xGEQPF (LAWN 176) downdates them: by the entry of row k, or
 * recomputed below it where the downdate would lose accuracy (Eigen's threshold √ε).
 */
function downdateNorms(qr: Float64Array, n: number, k: number, p: number, normsUpdated: Float64Array, normsDirect: Float64Array): void {
  const downdateThreshold = Math.sqrt(EPSILON);
  for (let j = k + 1; j < p; j++) {
    if (normsUpdated[j] === 0) continue;
    let t = Math.abs(qr[j * n + k]) / normsUpdated[j];
    t = (1 + t) * (1 - t);
    if (t < 0) t = 0;
    const ratio = normsUpdated[j] / normsDirect[j];
    if (t * (ratio * ratio) <= downdateThreshold) {
      normsDirect[j] = normsUpdated[j] = Math.sqrt(eigenSquaredNorm(qr, j * n + k + 1, n - k - 1));
    } else {
      normsUpdated[j] *= Math.sqrt(t);
    }
  }
}

/** How far norms[best] stands above the largest other of norms[from..to), relative to it (Infinity with none). */
function pivotMargin(norms: Float64Array, best: number, from: number, to: number): number {
  let runnerUp = -1;
  for (let j = from; j < to; j++) if (j !== best && norms[j] > runnerUp) runnerUp = norms[j];
  return runnerUp < 0 || norms[best] === 0 ? Infinity : (norms[best] - runnerUp) / norms[best];
}

/** Eigen's `maxCoeff(&index)` over norms[from..to): the first largest. */
function largestNorm(norms: Float64Array, from: number, to: number): number {
  let best = from;
  for (let j = from + 1; j < to; j++) if (norms[j] > norms[best]) best = j;
  return best;
}

/** The first largest of norms[from..to) among columns above `tolerance` of their original norm, or −1. */
function largestEligible(norms: Float64Array, original: Float64Array, tolerance: number, from: number, to: number): number {
  let best = -1;
  for (let j = from; j < to; j++) {
    if (!(norms[j] > tolerance * original[j])) continue;
    if (best < 0 || norms[j] > norms[best]) best = j;
  }
  return best;
}

/**
 * H_k = I − τ v vᵀ applied to rows k.. of columns [from, to) of the n-row column-major matrix a, as Eigen's
 * applyHouseholderOnTheLeft with v = [1; a(k+1.., k)]: tmp = v_tailᵀ · bottom (GEMV order), tmp += top row,
 * top row −= τ·tmp, bottom −= (τ v_tail) · tmp. `scaled` and `tmp` are scratch of length ≥ n and ≥ to.
 */
function applyHouseholderOnTheLeft(
  a: Float64Array,
  n: number,
  k: number,
  from: number,
  to: number,
  tau: number,
  scaled: Float64Array,
  tmp: Float64Array,
): void {
  const depth = n - k - 1;
  const outputs = to - from;
  const v = k * n + k + 1;
  // GEMV alignment (general_matrix_vector_product, row-major): the rhs is the essential vector, the lhs rows
  // are the target columns; if either cannot be aligned within its extent, every sum runs scalar in order.
  const rhsOffset = v & 1;
  let head = Math.min(rhsOffset, depth);
  let alignedEnd = head + ((depth - head) & ~1);
  const lhsOffset = Math.min((from * n + k + 1) & 1, depth);
  if (lhsOffset === depth || Math.min(rhsOffset, outputs) === outputs) {
    head = 0;
    alignedEnd = 0;
  }
  for (let j = from; j < to; j++) {
    const c = j * n + k + 1;
    let t = 0;
    if (head === 1) t += a[c] * a[v];
    if (alignedEnd > head) {
      let lane0 = 0;
      let lane1 = 0;
      for (let i = head; i < alignedEnd; i += 2) {
        lane0 += a[c + i] * a[v + i];
        lane1 += a[c + i + 1] * a[v + i + 1];
      }
      t += lane0 + lane1;
    }
    for (let i = alignedEnd; i < depth; i++) t += a[c + i] * a[v + i];
    tmp[j] = t;
  }
  for (let i = 0; i < depth; i++) scaled[i] = tau * a[v + i];
  for (let j = from; j < to; j++) {
    const top = j * n + k;
    const t = tmp[j] + a[top];
    a[top] -= tau * t;
    const c = top + 1;
    for (let i = 0; i < depth; i++) a[c + i] -= t * scaled[i];
  }
}

function swapColumns(a: Float64Array, n: number, i: number, j: number): void {
  for (let r = 0; r < n; r++) {
    const at = i * n + r;
    const bt = j * n + r;
    const t = a[at];
    a[at] = a[bt];
    a[bt] = t;
  }
}
