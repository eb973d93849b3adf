import { weightedGram } from './sandwich.ts';
import { multiply, sandwich, symmetrize } from './small-matrix.ts';
import { inverseSqrtSymmetric } from './symmetric-eigen.ts';

export interface Cr2Input {
  /** Kept columns of the unweighted design, column-major n × r. */
  x: Float64Array;
  n: number;
  r: number;
  /** M = (X'WX)⁻¹, r × r row-major. */
  xtxInv: Float64Array;
  /** Unweighted residuals y − Xβ. */
  resid: Float64Array;
  /** Cluster code 0..G−1 of every row. */
  clusters: Int32Array;
  groups: number;
  /** Weights normalised to mean 1, or undefined. */
  weights?: Float64Array;
}

/**
 * CR2 (Bell & McCaffrey 2002; Pustejovsky & Tipton 2018) variance and Satterthwaite df per coefficient, with
 * estimatr's weighted form (src/lm_robust_helper.cpp `lm_variance_cr2`):
 *   H = X M X'W,  A_s = ([(I − H)(I − H)']_ss)^(+−1/2) = (I − H_ss − H_ss' + X_s Ω X_s')^(+−1/2),  Ω = M X'W²X M,
 *   V = M Σ_s X_s'W_s A_s e_s e_s' A_s W_s X_s M.
 * The df for coefficient j is (tr P)² / ‖P‖²_F with P = V_jᵀ (I − H)(I − H)ᵀ V_j, V_j block-diagonal in
 * v_s = A_s W_s X_s M e_j. Writing a_s = X_s'v_s, b_s = X_s'W_s v_s and z_s = [a_s; b_s]:
 *   P_st = δ_st v_s'v_s + z_s' Q z_t,  Q = [[Ω, −M], [−M, 0]],
 * so tr P and ‖P‖²_F = Σ d_s² + 2 Σ d_s z_s'Qz_s + tr((Q Σ z_s z_s')²) need only per-cluster work and
 * 2r × 2r algebra: O(n r² + Σ n_s³ + G r³), never the G × G (let alone n × n) matrices estimatr builds.
 * Unweighted, b_s = a_s and Ω = M, so Q collapses to −M on r × r.
 *
 * @example cr2Variance({ x, n, r, xtxInv, resid, clusters, groups }).df // Bell–McCaffrey df per coefficient, as estimatr
 */
export function cr2Variance(input: Cr2Input): { vcov: Float64Array; df: Float64Array } {
  const { x, n, r, xtxInv: m, resid, clusters, groups, weights } = input;
  const weighted = weights !== undefined;
  const omega = weighted ? sandwich(m, weightedGram(x, n, r, weights.map((w) => w * w)), r) : m;
  const zr = weighted ? 2 * r : r;
  // Q in z-coordinates: [[Ω, −M], [−M, 0]] weighted, −M unweighted.
  const q = new Float64Array(zr * zr);
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < r; j++) {
      if (weighted) {
        q[i * zr + j] = omega[i * r + j];
        q[i * zr + r + j] = -m[i * r + j];
        q[(r + i) * zr + j] = -m[i * r + j];
      } else {
        q[i * zr + j] = -m[i * r + j];
      }
    }
  }

  // Rows grouped by cluster (counting sort keeps data order within a cluster).
  const starts = new Int32Array(groups + 1);
  for (let i = 0; i < n; i++) starts[clusters[i] + 1]++;
  for (let g = 0; g < groups; g++) starts[g + 1] += starts[g];
  const order = new Int32Array(n);
  const fill = starts.slice(0, groups);
  for (let i = 0; i < n; i++) order[fill[clusters[i]]++] = i;

  const meat = new Float64Array(r * r);
  // Per coefficient: S = Σ_s z_s z_sᵀ and T = Σ_s d_s z_s z_sᵀ (lower triangles), so that Σ_s z_s'Q z_s = tr(QS)
  // and Σ_s d_s z_s'Q z_s = tr(QT) come out at the end instead of a quadratic form per cluster.
  const zz = new Float64Array(r * zr * zr);
  const dzz = new Float64Array(r * zr * zr);
  const dSum = new Float64Array(r);
  const d2 = new Float64Array(r);
  const z = new Float64Array(zr);

  // Scratch for the largest cluster, reused by every cluster (row-major, leading len × … entries).
  let maxLen = 0;
  for (let g = 0; g < groups; g++) maxLen = Math.max(maxLen, starts[g + 1] - starts[g]);
  const xs = new Float64Array(maxLen * r);
  const ws = new Float64Array(maxLen);
  const es = new Float64Array(maxLen);
  const xm = new Float64Array(maxLen * r);
  const xo = new Float64Array(maxLen * r);
  const at = new Float64Array(maxLen * maxLen);
  const aInv = new Float64Array(maxLen * maxLen);
  const wxs = new Float64Array(maxLen * r);
  const awx = new Float64Array(maxLen * r);
  const vs = new Float64Array(maxLen * r);
  const hm = new Float64Array(r);

  for (let g = 0; g < groups; g++) {
    const from = starts[g];
    const len = starts[g + 1] - from;
    // X_s (row-major len × r), W_s, e_s.
    for (let a = 0; a < len; a++) {
      const i = order[from + a];
      for (let j = 0; j < r; j++) xs[a * r + j] = x[j * n + i];
      ws[a] = weighted ? weights[i] : 1;
      es[a] = resid[i];
    }
    multiply(xs, len, r, m, r, xm); // X_s M
    at.fill(0, 0, len * len);
    for (let a = 0; a < len; a++) {
      for (let c = 0; c < len; c++) {
        let hac = 0;
        for (let j = 0; j < r; j++) hac += xm[a * r + j] * xs[c * r + j];
        // H_ss[a][c] = (X_s M X_s')[a][c] · w_c
        at[a * len + c] += (a === c ? 1 : 0) - hac * ws[c];
        at[c * len + a] -= weighted ? hac * ws[c] : 0;
      }
    }
    if (weighted) {
      multiply(xs, len, r, omega, r, xo);
      for (let a = 0; a < len; a++) {
        for (let c = 0; c < len; c++) {
          let s = 0;
          for (let j = 0; j < r; j++) s += xo[a * r + j] * xs[c * r + j];
          at[a * len + c] += s;
        }
      }
    }
    symmetrize(at, len);
    inverseSqrtSymmetric(at, len, aInv);
    // AWX = A_s W_s X_s (len × r)
    for (let a = 0; a < len; a++) for (let j = 0; j < r; j++) wxs[a * r + j] = ws[a] * xs[a * r + j];
    multiply(aInv, len, len, wxs, r, awx);
    hm.fill(0);
    for (let a = 0; a < len; a++) for (let j = 0; j < r; j++) hm[j] += es[a] * awx[a * r + j];
    for (let j = 0; j < r; j++) for (let k = 0; k <= j; k++) meat[j * r + k] += hm[j] * hm[k];

    // v_s for every coefficient at once: columns of AWX M (len × r).
    multiply(awx, len, r, m, r, vs);
    for (let j = 0; j < r; j++) {
      let d = 0;
      z.fill(0);
      for (let a = 0; a < len; a++) {
        const v = vs[a * r + j];
        d += v * v;
        for (let k = 0; k < r; k++) {
          z[k] += xs[a * r + k] * v;
          if (weighted) z[r + k] += wxs[a * r + k] * v;
        }
      }
      dSum[j] += d;
      d2[j] += d * d;
      const base = j * zr * zr;
      for (let k = 0; k < zr; k++) {
        const zk = z[k];
        if (zk === 0) continue;
        const dzk = d * zk;
        for (let l = 0; l <= k; l++) {
          zz[base + k * zr + l] += zk * z[l];
          dzz[base + k * zr + l] += dzk * z[l];
        }
      }
    }
  }

  symmetrize(meat, r, true);
  const df = new Float64Array(r);
  for (let j = 0; j < r; j++) {
    const sj = zz.subarray(j * zr * zr, (j + 1) * zr * zr);
    const tj = dzz.subarray(j * zr * zr, (j + 1) * zr * zr);
    symmetrize(sj, zr, true);
    symmetrize(tj, zr, true);
    const qs = multiply(q, zr, zr, sj, zr);
    let traceQS = 0;
    let traceQT = 0;
    let lowRank = 0; // tr((QS)²) = Σ_kl (QS)_kl (QS)_lk
    for (let k = 0; k < zr; k++) {
      traceQS += qs[k * zr + k];
      for (let l = 0; l < zr; l++) {
        lowRank += qs[k * zr + l] * qs[l * zr + k];
        traceQT += q[k * zr + l] * tj[l * zr + k];
      }
    }
    const trace = dSum[j] + traceQS;
    df[j] = (trace * trace) / (d2[j] + 2 * traceQT + lowRank);
  }
  return { vcov: sandwich(m, meat, r), df };
}
