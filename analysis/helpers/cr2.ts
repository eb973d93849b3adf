import { ClusterAdjustment, rowStarts, rowsByStart, ZRows } from './cr2-adjustment.ts';
import { Cr2DegreesOfFreedom } from './cr2-df.ts';
import { Cr2PairwiseDegreesOfFreedom, pairwiseStoreLength } from './cr2-df-pairs.ts';
import { symmetrize } from './small-matrix.ts';

/** How the df are summed over pairs of clusters: chosen by cost (`auto`), or forced (tests compare the two). */
export type DfPass = 'auto' | 'running-sums' | 'pairs';

/** Numbers the pairwise df pass may keep (512 MB); above, the running sums, whose memory does not grow with n. */
const PAIRWISE_STORE_LIMIT = 1 << 26;

export interface Cr2Input {
  /** Kept columns of the unweighted design, column-major n × r. */
  x: Float64Array;
  n: number;
  r: number;
  /** B (r × r, row-major) with (X'WX)⁻¹ = B Bᵀ, e.g. the QR's inverse triangle: W^½ X B has orthonormal columns. */
  b: Float64Array;
  /** Unweighted residuals y − Xβ. */
  resid: Float64Array;
  /** Cluster code 0..G−1 of every row. */
  clusters: Int32Array;
  groups: number;
  /** Weights normalised to mean 1, or undefined. */
  weights?: Float64Array;
}

/**
 * CR2 (Bell & McCaffrey 2002; Pustejovsky & Tipton 2018) variance and Bell–McCaffrey (Satterthwaite) df per
 * coefficient, in estimatr's weighted form (src/lm_robust_helper.cpp `lm_variance_cr2`): with M = (X'WX)⁻¹ and
 * H = X M X'W, A_s = ([(I − H)(I − H)']_ss)^(+−1/2) (eigenvalues ≤ 1e-12 map to 0, as estimatr and clubSandwich),
 * V = M Σ_s X_s'W_s A_s e_s e_s' A_s W_s X_s M, and for coefficient j, df = (tr P)² / ‖P‖²_F with
 * P_st = v_s' [(I − H)(I − H)']_st v_t, v_s = A_s W_s X_s M e_j.
 *
 * Everything is computed in the coordinates Z = X B, where W^½ Z is orthonormal: H = Z Z'W and
 * (I − H)(I − H)' = I − ZZ'W − WZZ' + Z C Z' with C = Z'W²Z, so no product of the ill-conditioned M with X is ever
 * formed (with a covariate far from zero next to the intercept that product loses digits: weighted SEs were off by
 * up to 3e-4 with x ≈ 1e3, and estimatr, which forms it, is itself off by 7 % on one design of tests/analysis/r/cr2.R).
 * Each cluster's adjustment is computed in K × K space (`cr2-adjustment.ts`: O(n_s r²), not O(n_s³)) and the df
 * from sums of non-negative terms only, so df > 0: over running sums (`cr2-df.ts`, nothing grows with G² or n_s²)
 * or, with few clusters and many columns, over the pairs of clusters (`cr2-df-pairs.ts`), whichever costs less.
 *
 * @example cr2Variance({ x, n, r, b: fit.b, resid, clusters, groups }).df // Bell–McCaffrey df per coefficient, as estimatr
 */
export function cr2Variance(input: Cr2Input, dfPass: DfPass = 'auto'): { vcov: Float64Array; df: Float64Array } {
  const { x, n, r, b, clusters, groups, weights } = input;

  // Rows grouped by cluster (counting sort keeps data order within a cluster).
  const starts = new Int32Array(groups + 1);
  for (let i = 0; i < n; i++) starts[clusters[i] + 1]++;
  for (let g = 0; g < groups; g++) starts[g + 1] += starts[g];
  const order = new Int32Array(n);
  const fill = starts.slice(0, groups);
  for (let i = 0; i < n; i++) order[fill[clusters[i]]++] = i;

  // Z = X B is formed row by row where it is used (never stored: 8 · n · r bytes); C = Z'W²Z needs a first pass.
  const zRow = new ZRows(x, n, r, b);
  const c = new Float64Array(r * r);
  if (weights) {
    addWeightedSquares(c, zRow, weights, n, r);
    symmetrize(c, r, true);
  }

  const adjustment = new ClusterAdjustment(r, weights !== undefined, c);
  const degrees = degreesOfFreedomPass(input, starts, c, dfPass);
  const vcov = new Float64Array(r * r);
  const work = new Float64Array(2 * r);
  for (let g = 0; g < groups; g++) {
    adjustment.compute(zRow, order.subarray(starts[g], starts[g + 1]), weights, input.resid);
    addClusterVariance(vcov, adjustment, b, r, weights !== undefined, work);
    degrees.add(adjustment);
  }
  symmetrize(vcov, r, true);
  return { vcov, df: degrees.result() };
}

/**
 * C = Z'W²Z, lower triangle: Σ_i w_i² z_i z_i', row after row. Four rows at a time, each entry of C loaded and
 * stored once for the four (the pass was bound by those loads and stores); each entry still gets the rows' terms
 * one after another in row order, so C is the same to the last bit.
 */
function addWeightedSquares(c: Float64Array, zRow: ZRows, weights: Float64Array, n: number, r: number): void {
  const rows = new Float64Array(4 * r);
  let i = 0;
  for (; i + 3 < n; i += 4) {
    for (let a = 0; a < 4; a++) rows.set(zRow.of(i + a), a * r);
    const w0 = weights[i] * weights[i];
    const w1 = weights[i + 1] * weights[i + 1];
    const w2 = weights[i + 2] * weights[i + 2];
    const w3 = weights[i + 3] * weights[i + 3];
    for (let j = 0; j < r; j++) {
      const u0 = w0 * rows[j];
      const u1 = w1 * rows[r + j];
      const u2 = w2 * rows[2 * r + j];
      const u3 = w3 * rows[3 * r + j];
      for (let k = 0; k <= j; k++) {
        let s = c[j * r + k];
        s += u0 * rows[k];
        s += u1 * rows[r + k];
        s += u2 * rows[2 * r + k];
        s += u3 * rows[3 * r + k];
        c[j * r + k] = s;
      }
    }
  }
  for (; i < n; i++) {
    const zi = zRow.of(i);
    const w2 = weights[i] * weights[i];
    for (let j = 0; j < r; j++) for (let k = 0; k <= j; k++) c[j * r + k] += w2 * zi[j] * zi[k];
  }
}

/**
 * Adds h h' to V (lower triangle) for h = B (W_s Z_s)' A_s e_s = B R2' S_f (Q_u'e_s): V = Σ_s h_s h_s' is
 * M Σ X_s'W_s A_s e_s e_s' A_s W_s X_s M, with a diagonal of sums of squares even where the true variance is 0.
 */
function addClusterVariance(vcov: Float64Array, adjustment: ClusterAdjustment, b: Float64Array, r: number, weighted: boolean, work: Float64Array): void {
  const { k, ru, sf, residual } = adjustment;
  const zr = weighted ? 2 * r : r;
  const r2 = weighted ? r : 0;
  const u = work.subarray(0, r); // (W_s Z_s)' A_s e_s
  const h = work.subarray(r, 2 * r);
  u.fill(0);
  for (let p = 0; p < k; p++) {
    let adjusted = 0;
    for (let q = 0; q < k; q++) adjusted += sf[p * k + q] * residual[q];
    for (let l = p > r2 ? p - r2 : 0; l < r; l++) u[l] += ru[p * zr + r2 + l] * adjusted;
  }
  for (let j = 0; j < r; j++) {
    let s = 0;
    for (let l = 0; l < r; l++) s += b[j * r + l] * u[l];
    h[j] = s;
  }
  for (let j = 0; j < r; j++) for (let l = 0; l <= j; l++) vcov[j * r + l] += h[j] * h[l];
}

/**
 * The df pass: the running sums of cr2-df.ts cost about r · (G · zr² + Σk · zr / 2 [+ G · r² weighted]) multiply-adds,
 * the pairwise pass of cr2-df-pairs.ts r · (G² · zr / 2 + Σk · zr · (½ or 1½)); the cheaper one, the pairwise pass
 * only while its store fits PAIRWISE_STORE_LIMIT. Both give the same df to rounding (tests/analysis/cr2-df-pass.test.ts).
 */
function degreesOfFreedomPass(input: Cr2Input, starts: Int32Array, c: Float64Array, dfPass: DfPass): Cr2DegreesOfFreedom | Cr2PairwiseDegreesOfFreedom {
  const { r, b, groups } = input;
  const weighted = input.weights !== undefined;
  const zr = weighted ? 2 * r : r;
  let totalK = 0;
  for (let g = 0; g < groups; g++) totalK += Math.min(starts[g + 1] - starts[g], zr);
  const runningSums = groups * zr * zr + (totalK * zr) / 2 + (weighted ? groups * r * r : 0);
  const pairs = (groups * groups * zr) / 2 + totalK * (zr / 2 + (weighted ? r : 0));
  const fits = pairwiseStoreLength(r, weighted, totalK) <= PAIRWISE_STORE_LIMIT;
  const pairwise = dfPass === 'pairs' || (dfPass === 'auto' && fits && pairs < runningSums);
  const bStarts = rowStarts(b, r);
  const product = { b, starts: bStarts, order: rowsByStart(bStarts) };
  return pairwise ? new Cr2PairwiseDegreesOfFreedom(r, weighted, product, totalK) : new Cr2DegreesOfFreedom(r, weighted, product, c);
}
