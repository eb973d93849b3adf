import { applyReflector, makeReflector } from './householder.ts';
import { rowDots } from './row-dots.ts';
import { PSEUDO_INVERSE_TOLERANCE, symmetricEigenInPlace } from './symmetric-eigen.ts';

/**
 * One cluster's CR2 adjustment A_s = ([(I − H)(I − H)']_ss)^(+−1/2) in K × K space. In the coordinates Z = X B of
 * cr2.ts, [(I − H)(I − H)']_ss = I + U Φ U' with U = Z_s (unweighted, Φ = −I) or U = [Z_s, W_s Z_s]
 * (Φ = [[C, −I], [−I, 0]], C = Z'W²Z). The Householder QR U = Q_u R_u (k = min(n_s, columns of U) reflections)
 * turns the block into diag(K, I) with K = I + R_u Φ R_u'; with K = E Λ E',
 * A_s = Q_u E f(Λ) E' Q_u' + (I − Q_u Q_u'), f(λ) = λ^(−1/2) above PSEUDO_INVERSE_TOLERANCE and 0 below — the same
 * eigenvalues, and so the same pseudo-inverse, as estimatr's eigen-decomposition of the n_s × n_s block, at
 * O(n_s r²) cost instead of O(n_s³).
 */
export class ClusterAdjustment {
  /** k used in the last `compute`: the dimension of the coordinates. */
  k = 0;
  /** R_u, k × zr row-major (zero below the diagonal): columns 0..r−1 for Z_s, r..2r−1 for W_s Z_s. */
  readonly ru: Float64Array;
  /** Q_u'e_s: coordinates of the cluster's residuals (length k). */
  readonly residual: Float64Array;
  /** S_f = E f(Λ) E', k × k: A_s on the span of Q_u. */
  readonly sf: Float64Array;
  /** E, k × k row-major, eigenvectors as columns. */
  readonly vectors: Float64Array;
  /** f(λ) of each eigenvalue; 0 marks a dropped (pseudo-inverse) direction. */
  readonly scale: Float64Array;
  private u: Float64Array;
  private readonly kMatrix: Float64Array;
  /** R1 C (k × r), weighted only: kept for the df pass over pairs of clusters (cr2-df-pairs.ts). */
  readonly rc: Float64Array;

  /**
   * @param r columns of Z; `weighted` doubles U to [Z_s, W_s Z_s]. `c` is C = Z'W²Z (r × r), used when weighted.
   * @example new ClusterAdjustment(12, false, c).compute(new ZRows(x, n, 12, b), rows, undefined, resid) // then .sf, .ru, .residual
   */
  constructor(
    private readonly r: number,
    private readonly weighted: boolean,
    private readonly c: Float64Array,
  ) {
    const zr = weighted ? 2 * r : r;
    this.ru = new Float64Array(zr * zr);
    this.residual = new Float64Array(zr);
    this.sf = new Float64Array(zr * zr);
    this.vectors = new Float64Array(zr * zr);
    this.scale = new Float64Array(zr);
    this.kMatrix = new Float64Array(zr * zr);
    this.rc = new Float64Array(zr * r);
    this.u = new Float64Array(0);
  }

  /** Factorizes the cluster made of the given rows (indices into the data), with their weights and residuals. */
  compute(z: ZRows, rows: Int32Array, weights: Float64Array | undefined, resid: Float64Array): void {
    const { r, weighted, c } = this;
    const zr = weighted ? 2 * r : r;
    const len = rows.length;
    const k = Math.min(len, zr);
    this.k = k;
    if (this.u.length < len * (zr + 1)) this.u = new Float64Array(len * (zr + 1));
    const u = this.u; // column-major len × (zr + 1): Z_s, [W_s Z_s,] e_s
    for (let a = 0; a < len; a++) {
      const i = rows[a];
      const zi = z.of(i);
      const w = weights ? weights[i] : 1;
      for (let j = 0; j < r; j++) {
        u[j * len + a] = zi[j];
        if (weighted) u[(r + j) * len + a] = w * zi[j];
      }
      u[zr * len + a] = resid[i];
    }
    householderTriangularize(u, len, zr + 1, k);
    const { ru, residual, kMatrix, rc, vectors, scale, sf } = this;
    for (let p = 0; p < k; p++) {
      for (let l = 0; l < zr; l++) ru[p * zr + l] = p <= l ? u[l * len + p] : 0;
      residual[p] = u[zr * len + p];
    }

    // K = I + R_u Φ R_u': I − R1 R1' unweighted; I + R1 C R1' − R1 R2' − R2 R1' weighted.
    if (weighted) {
      // R1 C, C symmetric: row j read along, as column j; R1 upper triangular (row p from column p).
      rowDots({ data: ru, at: 0, stride: zr, count: k, from: (p) => p }, { data: c, at: 0, stride: r, count: r, from: () => 0 }, r, rc, r);
    }
    for (let p = 0; p < k; p++) {
      for (let q = 0; q <= p; q++) {
        let s = p === q ? 1 : 0;
        if (weighted) {
          for (let j = 0; j < r; j++) {
            s += rc[p * r + j] * ru[q * zr + j] - ru[p * zr + j] * ru[q * zr + r + j] - ru[p * zr + r + j] * ru[q * zr + j];
          }
        } else {
          for (let j = p; j < r; j++) s -= ru[p * zr + j] * ru[q * zr + j];
        }
        kMatrix[p * k + q] = kMatrix[q * k + p] = s;
      }
    }
    symmetricEigenInPlace(kMatrix, k, vectors);
    for (let q = 0; q < k; q++) {
      const lambda = kMatrix[q * k + q];
      scale[q] = lambda > PSEUDO_INVERSE_TOLERANCE ? 1 / Math.sqrt(lambda) : 0;
    }
    for (let p = 0; p < k; p++) {
      for (let q = 0; q <= p; q++) {
        let s = 0;
        for (let l = 0; l < k; l++) s += vectors[p * k + l] * scale[l] * vectors[q * k + l];
        sf[p * k + q] = sf[q * k + p] = s;
      }
    }
  }
}

/**
 * Householder QR of the leading `steps` columns of a column-major rows × cols matrix, in place: R on and above the
 * diagonal, every reflection applied to all later columns (the residual column rides along to give Q'e).
 */
function householderTriangularize(a: Float64Array, rows: number, cols: number, steps: number): void {
  for (let k = 0; k < steps; k++) {
    const diagonal = k * rows + k;
    const tau = makeReflector(a, diagonal, a, diagonal + 1, rows - k - 1);
    for (let j = k + 1; j < cols && tau !== 0; j++) applyReflector(tau, a, diagonal + 1, rows - k - 1, a, j * rows + k, a, j * rows + k + 1);
  }
}

/**
 * Where each row of B (r × r, row-major) starts: the index of its first non-zero. B from a pivoted QR is R⁻¹ with its
 * rows permuted, so each row is zero before that index (about half of B); products with B skip those terms, which
 * leaves every sum as it was (each skipped term is an exact 0).
 */
export function rowStarts(b: Float64Array, r: number): Int32Array {
  const starts = new Int32Array(r);
  for (let j = 0; j < r; j++) {
    let l = 0;
    while (l < r && b[j * r + l] === 0) l++;
    starts[j] = l;
  }
  return starts;
}

/** The row indices 0 … starts.length − 1 ordered by their start (ties in index order). */
export function rowsByStart(starts: Int32Array): Int32Array {
  return Int32Array.from(starts.keys()).sort((i, j) => starts[i] - starts[j] || i - j);
}

/** Rows of Z = X B for column-major X (n × r), one at a time, skipping X's zeros (most of a row of dummies) and B's leading zeros. */
export class ZRows {
  private readonly row: Float64Array;
  private readonly starts: Int32Array;

  /** @example new ZRows(x, n, r, b).of(i) // z_i = B' x_i (a view, overwritten by the next call) */
  constructor(
    private readonly x: Float64Array,
    private readonly n: number,
    private readonly r: number,
    private readonly b: Float64Array,
  ) {
    this.row = new Float64Array(r);
    this.starts = rowStarts(b, r);
  }

  of(i: number): Float64Array {
    const { x, n, r, b, row, starts } = this;
    row.fill(0);
    for (let k = 0; k < r; k++) {
      const xk = x[k * n + i];
      if (xk === 0) continue;
      for (let j = starts[k]; j < r; j++) row[j] += xk * b[k * r + j];
    }
    return row;
  }
}
