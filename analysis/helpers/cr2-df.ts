import type { ClusterAdjustment } from './cr2-adjustment.ts';
import { rowDots } from './row-dots.ts';

/** Bytes of per-cluster z and Qz kept before they are folded into the running sums (stays within L2/L3). */
const BATCH_BYTES = 1 << 21;

/**
 * A cluster whose adjustment keeps an eigenvalue below this is "stiff": A_s scales that direction by more than
 * STIFF_EIGENVALUE^(−1/2) ≈ 32 (a row of weighted leverage near 1, e.g. a singleton cluster among weights spanning
 * 1e4), so its z_s is large while every P_st it takes part in stays moderate. Added to the running sum S = Σ z_t z_t', such
 * a z_t leaves entries ~‖z_t‖² that a later quadratic form (Qz_s)'S(Qz_s) must cancel back down, an error ~ε‖z_t‖⁴
 * (df 1.0002–1.0021 for 1.00067 with the rows permuted, −0.22 with zero weights). So a stiff cluster never enters S:
 * it meets the clusters before it through (Qz_s)'S(Qz_s) over S without stiff clusters (error ~ε‖z_s‖², linear in
 * 1/λ), and each later or stiff cluster through P_st = (Qz_s)'z_t formed directly.
 */
const STIFF_EIGENVALUE = 1e-3;

/**
 * Bell–McCaffrey df for every coefficient j, df_j = (tr P)² / ‖P‖²_F with P_st = v_s'[(I − H)(I − H)']_st v_t and
 * v_s = A_s W_s Z_s B'e_j (see cr2.ts), accumulated cluster by cluster without forming P (G × G):
 * - P_ss = Σ over the eigenvalues A_s keeps of (E_q'c)², c the coordinates of W_s Z_s B'e_j in Q_u: a sum of
 *   squares (expanded as v_s'v_s + z_s'Qz_s it cancels, and df came out ≈ 0 or negative);
 * - P_st = z_s'Q z_t for s ≠ t, with z_s = [Z_s'v_s; Z_s'W_s v_s] and Q = [[C, −I], [−I, 0]] (unweighted
 *   z_s = Z_s'v_s and Q = −I), so Σ_{s≠t} P_st² = 2 Σ_s (Qz_s)'(Σ_{t<s} z_t z_t')(Qz_s): non-negative terms only
 *   (each taken as at least 0), the sum over t leaving out stiff clusters, whose pairs are added as STIFF_EIGENVALUE
 *   says.
 * So ‖P‖²_F ≥ Σ P_ss² > 0 and df > 0. Work is O(n_s r² + r · zr²) a cluster, and O(r · zr) more per stiff cluster
 * seen; the running sums (r of zr × zr) are updated for a batch of clusters at a time, one coefficient after the
 * other, so each stays in cache.
 */
export class Cr2DegreesOfFreedom {
  private readonly zr: number;
  private readonly prefix: Float64Array;
  private readonly trace: Float64Array;
  private readonly frobenius: Float64Array;
  private readonly coords: Float64Array;
  private readonly vCoords: Float64Array;
  private readonly pss: Float64Array;
  /** Per batched cluster and coefficient: z (zr), then Qz (zr). */
  private readonly batch: Float64Array;
  private readonly batchSize: number;
  private filled = 0;
  /** The current cluster's z (zr) and Qz (zr) per coefficient. */
  private readonly slot: Float64Array;
  /** The stiff clusters so far: z and Qz per coefficient, as the slot. */
  private readonly stiff: Float64Array[] = [];

  /**
   * @example const df = new Cr2DegreesOfFreedom(r, weighted, b, c); df.add(adjustment); … df.result()
   */
  constructor(
    private readonly r: number,
    private readonly weighted: boolean,
    private readonly b: ProductB,
    private readonly c: Float64Array,
  ) {
    const zr = weighted ? 2 * r : r;
    this.zr = zr;
    this.prefix = new Float64Array(r * zr * zr);
    this.trace = new Float64Array(r);
    this.frobenius = new Float64Array(r);
    this.coords = new Float64Array(zr * r);
    this.vCoords = new Float64Array(zr * r);
    this.pss = new Float64Array(r);
    this.batchSize = Math.max(1, Math.floor(BATCH_BYTES / (8 * 2 * r * zr)));
    this.batch = new Float64Array(this.batchSize * 2 * r * zr);
    this.slot = new Float64Array(2 * r * zr);
  }

  /** Adds the cluster whose adjustment was just computed. */
  add(adjustment: ClusterAdjustment): void {
    const { r, pss, trace, frobenius } = this;
    clusterDiagonal(adjustment, this.weighted, this.b, this.coords, this.vCoords, pss);
    for (let j = 0; j < r; j++) {
      trace[j] += pss[j];
      frobenius[j] += pss[j] * pss[j];
    }
    this.storeZ(adjustment);
    this.addPairsWithStiff();
    if (isStiff(adjustment)) {
      this.flush(); // S then holds every earlier cluster that is not stiff
      this.addPairsWithRunningSum();
      this.stiff.push(this.slot.slice());
    } else {
      this.batch.set(this.slot, this.filled * this.slot.length);
      if (++this.filled === this.batchSize) this.flush();
    }
  }

  /** df per coefficient; NaN where P = 0 (no cluster carries information about that coefficient). */
  result(): Float64Array {
    this.flush();
    return this.trace.map((t, j) => (t * t) / this.frobenius[j]);
  }

  /** 2 P_st² into ‖P‖² for the current cluster s and every stiff cluster t before it, P_st formed directly. */
  private addPairsWithStiff(): void {
    const { r, zr, slot, frobenius } = this;
    for (const other of this.stiff) {
      for (let j = 0; j < r; j++) {
        const zj = j * 2 * zr;
        let p = 0;
        for (let l = 0; l < zr; l++) p += slot[zj + zr + l] * other[zj + l];
        frobenius[j] += 2 * p * p;
      }
    }
  }

  /** 2 Σ_{t<s} P_st² into ‖P‖² for the current (stiff) cluster s, as (Qz_s)'S(Qz_s) over the flushed running sums. */
  private addPairsWithRunningSum(): void {
    const { r, zr, slot, prefix, frobenius } = this;
    for (let j = 0; j < r; j++) {
      const running = j * zr * zr;
      const qz = j * 2 * zr + zr;
      let quadratic = 0;
      for (let l = 0; l < zr; l++) {
        let s = 0;
        for (let m = 0; m < l; m++) s += prefix[running + l * zr + m] * slot[qz + m];
        quadratic += slot[qz + l] * (2 * s + prefix[running + l * zr + l] * slot[qz + l]);
      }
      frobenius[j] += 2 * Math.max(0, quadratic);
    }
  }

  /** z_s = [R1'; R2'] vCoords for every coefficient, and Qz_s, into the slot. */
  private storeZ(adjustment: ClusterAdjustment): void {
    const { r, zr, c, vCoords, slot } = this;
    const { k, ru } = adjustment;
    for (let j = 0; j < r; j++) {
      const zj = j * 2 * zr;
      for (let l = 0; l < zr; l++) {
        let s = 0;
        for (let p = 0; p < k && p <= l; p++) s += ru[p * zr + l] * vCoords[p * r + j];
        slot[zj + l] = s;
      }
      const qz = zj + zr;
      for (let l = 0; l < r; l++) {
        if (this.weighted) {
          let s = -slot[zj + r + l];
          for (let m = 0; m < r; m++) s += c[l * r + m] * slot[zj + m];
          slot[qz + l] = s;
          slot[qz + r + l] = -slot[zj + l];
        } else {
          slot[qz + l] = -slot[zj + l];
        }
      }
    }
  }

  private flush(): void {
    const { r, zr, prefix, batch, frobenius } = this;
    for (let j = 0; j < r; j++) {
      const running = j * zr * zr;
      let sum = 0;
      for (let s = 0; s < this.filled; s++) {
        const zj = s * 2 * r * zr + j * 2 * zr;
        // Σ_{t<s} P_st² ≥ 0: a rounding below 0 (only ~ε‖z‖⁴, as no stiff cluster is in S) must not lower ‖P‖².
        sum += Math.max(0, addPair(prefix, running, zr, batch, zj + zr, zj));
      }
      frobenius[j] += 2 * sum;
    }
    this.filled = 0;
  }
}

/**
 * (Qz)' S (Qz) with S = Σ_{t<s} z_t z_t' (lower triangle, zr × zr at `running`), the sum of P_st² over the
 * earlier clusters t; then S += z z'. Each row of S is read before it is updated.
 */
function addPair(prefix: Float64Array, running: number, zr: number, batch: Float64Array, qz: number, z: number): number {
  let quadratic = 0;
  for (let l = 0; l < zr; l++) {
    const row = running + l * zr;
    const ql = batch[qz + l];
    const zl = batch[z + l];
    let s = 0;
    for (let m = 0; m < l; m++) {
      s += prefix[row + m] * batch[qz + m];
      prefix[row + m] += zl * batch[z + m];
    }
    quadratic += ql * (2 * s + prefix[row + l] * ql);
    prefix[row + l] += zl * zl;
  }
  return quadratic;
}

/** B (r × r, row-major) with where each of its rows starts (`rowStarts`). */
export interface ProductB {
  b: Float64Array;
  starts: Int32Array;
  /** B's rows in order of their starts (`rowsByStart`): rows taken together in products start near each other. */
  order: Int32Array;
}

/**
 * The cluster's own term P_ss per coefficient into `pss`: Σ over the eigenvalues A_s keeps of (E_q'c)², c the
 * coordinates of W_s Z_s B'e_j in Q_u. Leaves coords = R2 B' (k × r; column j holds those coordinates) and
 * vCoords = S_f coords (those of v_s), which the pairs of clusters use.
 */
export function clusterDiagonal(adjustment: ClusterAdjustment, weighted: boolean, b: ProductB, coords: Float64Array, vCoords: Float64Array, pss: Float64Array): void {
  const r = pss.length;
  const { b: bm, starts } = b;
  const zr = weighted ? 2 * r : r;
  const { k, ru, sf, vectors, scale } = adjustment;
  const r2 = weighted ? r : 0;
  // coords = R2 B' (R1 B' unweighted): R_u's rows start at their diagonal, B's rows at their first non-zero.
  rowDots({ data: ru, at: r2, stride: zr, count: k, from: (p) => (p > r2 ? p - r2 : 0) }, { data: bm, at: 0, stride: r, count: r, from: (j) => starts[j], order: b.order }, r, coords, r);
  // Both products below go along coords' columns: coordsᵀ (r × k) makes them rows, as rowDots reads them.
  const coordsT = new Float64Array(r * k);
  for (let p = 0; p < k; p++) for (let j = 0; j < r; j++) coordsT[j * k + p] = coords[p * r + j];
  const byColumn = { data: coordsT, at: 0, stride: k, count: r, from: () => 0 };
  // vCoords = S_f coords.
  rowDots({ data: sf, at: 0, stride: k, count: k, from: () => 0 }, byColumn, k, vCoords, r);
  // E_q'c for each eigenvalue kept (rows of Eᵀ, in order), then P_ss = Σ_q (E_q'c)² over them in that order.
  const kept: number[] = [];
  for (let q = 0; q < k; q++) if (scale[q] !== 0) kept.push(q);
  const vectorsT = new Float64Array(kept.length * k);
  kept.forEach((q, row) => {
    for (let p = 0; p < k; p++) vectorsT[row * k + p] = vectors[p * k + q];
  });
  const projections = new Float64Array(kept.length * r);
  rowDots({ data: vectorsT, at: 0, stride: k, count: kept.length, from: () => 0 }, byColumn, k, projections, r);
  pss.fill(0);
  for (let row = 0; row < kept.length; row++) {
    for (let j = 0; j < r; j++) pss[j] += projections[row * r + j] * projections[row * r + j];
  }
}

/** Whether the adjustment keeps an eigenvalue below STIFF_EIGENVALUE (scales a direction by more than ≈ 32). */
function isStiff(adjustment: ClusterAdjustment): boolean {
  const { k, scale } = adjustment;
  for (let q = 0; q < k; q++) if (scale[q] * scale[q] > 1 / STIFF_EIGENVALUE) return true;
  return false;
}
