import type { ClusterAdjustment } from './cr2-adjustment.ts';
import { clusterDiagonal, type ProductB } from './cr2-df.ts';
import { dotsTwoByFour } from './row-dots.ts';

/**
 * Bytes of z and Qz formed at once, for a block of coefficients: each cluster's factors are read from memory once a
 * block (they stay in cache for its coefficients), so the block must hold several coefficients (one coefficient at a
 * time, 401 columns, 200 clusters: 30 GB read per weighted fit).
 */
const BLOCK_BYTES = 1 << 25;

/**
 * The Bell–McCaffrey df of cr2-df.ts computed in the space of the clusters, for designs with few clusters and many
 * columns (G well below zr, e.g. 400 dummies and 200 clusters). The same df_j = (tr P)² / ‖P‖²_F with the same
 * P_ss (`clusterDiagonal`), but every P_st = (Qz_s)'z_t (s < t) formed directly, as cr2-df.ts does for stiff
 * clusters: O(G² · zr) a coefficient instead of the running sums' O(G · zr²). Forming each P_st directly is never
 * less accurate than the running sums (no cancellation of ~‖z_t‖² entries, so nothing is stiff here).
 *
 * z_s = R_u' c_s is not stored per coefficient (G · r · zr numbers); each cluster keeps its R_u (k × zr), the first
 * half of R_u Q (k × r, weighted only: unweighted Q = −I) and the coordinates c_s = vCoords (k × r), and z_s, Qz_s
 * are formed again for a block of coefficients at a time: k · zr (+ k · r) each, Σ k ≤ n.
 */
export class Cr2PairwiseDegreesOfFreedom {
  private readonly zr: number;
  private readonly trace: Float64Array;
  private readonly frobenius: Float64Array;
  private readonly coords: Float64Array;
  private readonly vCoords: Float64Array;
  private readonly pss: Float64Array;
  /** Per cluster, one after the other: R_u (k × zr), [R1 C − R2 (k × r),] vCoords (k × r). */
  private readonly store: Float64Array;
  private readonly offsets: number[] = [];
  private readonly ks: number[] = [];
  private used = 0;

  /**
   * `totalK` is Σ_s k_s, k_s = min(n_s, zr): the rows the clusters' factors take (see `pairwiseStoreLength`).
   * @example const df = new Cr2PairwiseDegreesOfFreedom(r, weighted, { b, starts, order: rowsByStart(starts) }, totalK); df.add(adjustment); … df.result()
   */
  constructor(
    private readonly r: number,
    private readonly weighted: boolean,
    private readonly b: ProductB,
    totalK: number,
  ) {
    const zr = weighted ? 2 * r : r;
    this.zr = zr;
    this.trace = new Float64Array(r);
    this.frobenius = new Float64Array(r);
    this.coords = new Float64Array(zr * r);
    this.vCoords = new Float64Array(zr * r);
    this.pss = new Float64Array(r);
    this.store = new Float64Array(pairwiseStoreLength(r, weighted, totalK));
  }

  /** Adds the cluster whose adjustment was just computed: its P_ss now, its factors kept for the pairs. */
  add(adjustment: ClusterAdjustment): void {
    const { r, zr, pss, trace, frobenius, store } = this;
    const { k, ru } = adjustment;
    clusterDiagonal(adjustment, this.weighted, this.b, this.coords, this.vCoords, pss);
    for (let j = 0; j < r; j++) {
      trace[j] += pss[j];
      frobenius[j] += pss[j] * pss[j];
    }
    this.offsets.push(this.used);
    this.ks.push(k);
    store.set(ru.subarray(0, k * zr), this.used);
    this.used += k * zr;
    if (this.weighted) {
      this.storeRuQ(adjustment);
      this.used += k * r;
    }
    store.set(this.vCoords.subarray(0, k * r), this.used);
    this.used += k * r;
  }

  /** df per coefficient; NaN where P = 0 (no cluster carries information about that coefficient). */
  result(): Float64Array {
    const { r, zr } = this;
    const groups = this.ks.length;
    const block = Math.max(1, Math.min(r, Math.floor(BLOCK_BYTES / (16 * groups * zr))));
    const z = new Float64Array(block * groups * zr);
    const qz = this.weighted ? new Float64Array(block * groups * zr) : z;
    for (let j0 = 0; j0 < r; j0 += block) {
      const count = Math.min(block, r - j0);
      this.formZ(j0, count, z, qz);
      for (let jj = 0; jj < count; jj++) {
        const at = jj * groups * zr;
        this.frobenius[j0 + jj] += 2 * pairSquares(z.subarray(at, at + groups * zr), qz.subarray(at, at + groups * zr), groups, zr);
      }
    }
    return this.trace.map((t, j) => (t * t) / this.frobenius[j]);
  }

  /** The first half of R_u Q = [R1 C − R2, −R1]: R1 C − R2 (k × r), after the cluster's R_u in the store; R1 C is the adjustment's. */
  private storeRuQ(adjustment: ClusterAdjustment): void {
    const { r, zr, store } = this;
    const { k, ru, rc } = adjustment;
    const at = this.used;
    for (let p = 0; p < k; p++) {
      for (let j = 0; j < r; j++) store[at + p * r + j] = rc[p * r + j] - ru[p * zr + r + j];
    }
  }

  /**
   * z_s = R_u' c_s(j) and (weighted) Qz_s = (R_u Q)' c_s(j) of every cluster for coefficients j0 … j0 + count − 1,
   * as rows of count blocks (groups × zr each). Cluster by cluster, so its factors are read from cache for each j.
   */
  private formZ(j0: number, count: number, z: Float64Array, qz: Float64Array): void {
    const { r, zr, store, weighted } = this;
    const groups = this.ks.length;
    z.fill(0);
    if (weighted) qz.fill(0);
    for (let s = 0; s < groups; s++) {
      const k = this.ks[s];
      const ruAt = this.offsets[s];
      const ruqAt = ruAt + k * zr;
      const cAt = ruAt + k * zr + (weighted ? k * r : 0);
      // Two coefficients at a time: each row of the cluster's factors read once for both.
      for (let jj = 0; jj < count; jj += 2) {
        const rowA = (jj * groups + s) * zr;
        const rowB = jj + 1 < count ? rowA + groups * zr : -1;
        addCombinations(z, rowA, rowB, zr, store, ruAt, cAt + j0 + jj, k, r, true);
        if (weighted) {
          // Qz = [(R1 C − R2)' c; −z1]
          addCombinations(qz, rowA, rowB, r, store, ruqAt, cAt + j0 + jj, k, r, false);
          for (let l = 0; l < r; l++) qz[rowA + r + l] = -z[rowA + l];
          if (rowB >= 0) for (let l = 0; l < r; l++) qz[rowB + r + l] = -z[rowB + l];
        }
      }
    }
  }
}

/**
 * out[rowA …] += Σ_p v_p · M_p and, unless rowB < 0, out[rowB …] += Σ_p w_p · M_p, for the k rows M_p of a k × len
 * matrix at `at` in the store, v_p = store[v + p · stride] and w_p = store[v + 1 + p · stride] (the next coefficient);
 * four rows at a time, each read once for both outputs (one read and write of an output for four terms). Every
 * output element is summed in the same order as for one coefficient alone. `triangular`: M_p is zero before column p.
 */
function addCombinations(out: Float64Array, rowA: number, rowB: number, len: number, store: Float64Array, at: number, v: number, k: number, stride: number, triangular: boolean): void {
  if (rowB < 0) {
    addCombination(out, rowA, len, store, at, v, k, stride, triangular);
    return;
  }
  let p = 0;
  for (; p + 3 < k; p += 4) {
    const a0 = store[v + p * stride];
    const a1 = store[v + (p + 1) * stride];
    const a2 = store[v + (p + 2) * stride];
    const a3 = store[v + (p + 3) * stride];
    const b0 = store[v + 1 + p * stride];
    const b1 = store[v + 1 + (p + 1) * stride];
    const b2 = store[v + 1 + (p + 2) * stride];
    const b3 = store[v + 1 + (p + 3) * stride];
    const m = at + p * len;
    for (let l = triangular ? p : 0; l < len; l++) {
      const m0 = store[m + l];
      const m1 = store[m + len + l];
      const m2 = store[m + 2 * len + l];
      const m3 = store[m + 3 * len + l];
      out[rowA + l] += a0 * m0 + a1 * m1 + a2 * m2 + a3 * m3;
      out[rowB + l] += b0 * m0 + b1 * m1 + b2 * m2 + b3 * m3;
    }
  }
  for (; p < k; p++) {
    const a0 = store[v + p * stride];
    const b0 = store[v + 1 + p * stride];
    const m = at + p * len;
    for (let l = triangular ? p : 0; l < len; l++) {
      out[rowA + l] += a0 * store[m + l];
      out[rowB + l] += b0 * store[m + l];
    }
  }
}

/**
 * out[row …] += Σ_p v_p · M_p for the k rows M_p of a k × len matrix at `at` in the store, v_p = store[v + p · stride];
 * four rows at a time (one read and write of out for four). `triangular`: M_p is zero before column p.
 */
function addCombination(out: Float64Array, row: number, len: number, store: Float64Array, at: number, v: number, k: number, stride: number, triangular: boolean): void {
  const zr = len;
  let p = 0;
  for (; p + 3 < k; p += 4) {
    const v0 = store[v + p * stride];
    const v1 = store[v + (p + 1) * stride];
    const v2 = store[v + (p + 2) * stride];
    const v3 = store[v + (p + 3) * stride];
    const m = at + p * zr;
    for (let l = triangular ? p : 0; l < zr; l++) {
      out[row + l] += v0 * store[m + l] + v1 * store[m + zr + l] + v2 * store[m + 2 * zr + l] + v3 * store[m + 3 * zr + l];
    }
  }
  for (; p < k; p++) {
    const v0 = store[v + p * stride];
    const m = at + p * zr;
    for (let l = triangular ? p : 0; l < zr; l++) out[row + l] += v0 * store[m + l];
  }
}

/**
 * Σ_{s<t} ((Qz_s)'z_t)² over the rows of z and qz (groups × zr); Q symmetric makes P symmetric. Two s and four t at
 * a time (six rows read for eight products).
 */
function pairSquares(z: Float64Array, qz: Float64Array, groups: number, zr: number): number {
  let sum = 0;
  let s = 0;
  for (; s + 1 < groups; s += 2) {
    const a0 = s * zr;
    const a1 = a0 + zr;
    sum += dot(qz, a0, z, a1, zr) ** 2;
    let t = s + 2;
    for (; t + 3 < groups; t += 4) sum += twoByFour(qz, a0, a1, z, t * zr, zr);
    for (; t < groups; t++) sum += dot(qz, a0, z, t * zr, zr) ** 2 + dot(qz, a1, z, t * zr, zr) ** 2;
  }
  return sum;
}

function dot(a: Float64Array, at: number, b: Float64Array, bt: number, length: number): number {
  let p = 0;
  for (let l = 0; l < length; l++) p += a[at + l] * b[bt + l];
  return p;
}

/** Σ of the eight squared products of rows a0, a1 of qz with the four rows of z from b (row-dots.ts's kernel). */
function twoByFour(qz: Float64Array, a0: number, a1: number, z: Float64Array, b: number, zr: number): number {
  const p = PRODUCTS;
  p.fill(0);
  dotsTwoByFour(qz, a0, a1, z, b, b + zr, b + 2 * zr, b + 3 * zr, 0, zr, p);
  return p[0] * p[0] + p[1] * p[1] + p[2] * p[2] + p[3] * p[3] + p[4] * p[4] + p[5] * p[5] + p[6] * p[6] + p[7] * p[7];
}

const PRODUCTS = new Float64Array(8);

/** Numbers the pairwise pass keeps: per unit of Σ k, R_u, R_u Q (weighted) and the coordinates. */
export function pairwiseStoreLength(r: number, weighted: boolean, totalK: number): number {
  return totalK * (weighted ? 4 * r : 2 * r);
}
