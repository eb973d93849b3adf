import { ROW_BLOCK } from './qr.ts';

/**
 * Heteroskedasticity-robust and cluster-robust (CR0 family) sandwich variances, V = M · meat · M with
 * M = (X'X)⁻¹, following estimatr's `lm_variance` (src/lm_robust_helper.cpp) term for term.
 * All matrices are small (r × r, row-major); X is column-major n × r.
 */

/** HC0 | HC1 | HC2 | HC3 | classical, with df = n − r for all of them. */
export type HeteroskedasticType = 'classical' | 'HC0' | 'HC1' | 'HC2' | 'HC3';
/** CR0 (df G − 1), stata = CR1 (df G − 1), cregg = G/(G − 1)·CR0 with normal theory (survey::svyglm). */
export type ClusterType = 'CR0' | 'stata' | 'cregg';

/** M · S · M for symmetric r × r matrices (row-major). */
export function sandwich(m: Float64Array, meat: Float64Array, r: number): Float64Array {
  const tmp = new Float64Array(r * r);
  for (let i = 0; i < r; i++) {
    for (let k = 0; k < r; k++) {
      const mik = m[i * r + k];
      if (mik === 0) continue;
      for (let j = 0; j < r; j++) tmp[i * r + j] += mik * meat[k * r + j];
    }
  }
  const out = new Float64Array(r * r);
  for (let i = 0; i < r; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < r; k++) s += tmp[i * r + k] * m[k * r + j];
      out[i * r + j] = out[j * r + i] = s;
    }
  }
  return out;
}

/** X' diag(ω) X for column-major X (n × r), in row blocks that stay in cache across all column pairs. */
export function weightedGram(x: Float64Array, n: number, r: number, omega: Float64Array): Float64Array {
  const out = new Float64Array(r * r);
  const scaled = new Float64Array(ROW_BLOCK);
  for (let start = 0; start < n; start += ROW_BLOCK) {
    const len = Math.min(n, start + ROW_BLOCK) - start;
    for (let j = 0; j < r; j++) {
      const oj = j * n + start;
      for (let i = 0; i < len; i++) scaled[i] = omega[start + i] * x[oj + i];
      for (let k = j; k < r; k++) {
        const ok = k * n + start;
        let s = 0;
        for (let i = 0; i < len; i++) s += scaled[i] * x[ok + i];
        out[j * r + k] += s;
      }
    }
  }
  for (let j = 0; j < r; j++) for (let k = 0; k < j; k++) out[j * r + k] = out[k * r + j];
  return out;
}

/**
 * Variance of the coefficients without clusters. `h` (leverages) is needed for HC2 and HC3 only.
 * HC1 = HC0 · n/(n − r); HC2 divides eᵢ² by 1 − hᵢᵢ, HC3 by (1 − hᵢᵢ)²; classical = s²M, s² = Σeᵢ²/(n − r).
 */
export function heteroskedasticVariance(
  type: HeteroskedasticType,
  x: Float64Array,
  n: number,
  r: number,
  xtxInv: Float64Array,
  resid: Float64Array,
  h: Float64Array | undefined,
): Float64Array {
  if (type === 'classical') {
    let rss = 0;
    for (let i = 0; i < n; i++) rss += resid[i] * resid[i];
    const s2 = rss / (n - r);
    return xtxInv.map((v) => v * s2);
  }
  const omega = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const e2 = resid[i] * resid[i];
    if (type === 'HC2') omega[i] = e2 / (1 - (h as Float64Array)[i]);
    else if (type === 'HC3') omega[i] = e2 / ((1 - (h as Float64Array)[i]) * (1 - (h as Float64Array)[i]));
    else omega[i] = e2;
  }
  const v = sandwich(xtxInv, weightedGram(x, n, r, omega), r);
  return type === 'HC1' ? v.map((value) => (value * n) / (n - r)) : v;
}

/**
 * CR0-family variance: meat = Σ_s u_s u_sᵀ with u_s = X_s' e_s. `stata` multiplies by G(n − 1)/((G − 1)(n − r)),
 * `cregg` by G/(G − 1) (survey::svyglm's convention, without the (n − 1)/(n − r) factor).
 */
export function clusterVariance(
  type: ClusterType,
  x: Float64Array,
  n: number,
  r: number,
  xtxInv: Float64Array,
  resid: Float64Array,
  clusters: Int32Array,
  groups: number,
): Float64Array {
  const u = new Float64Array(groups * r);
  for (let j = 0; j < r; j++) {
    const start = j * n;
    for (let i = 0; i < n; i++) u[clusters[i] * r + j] += x[start + i] * resid[i];
  }
  const meat = new Float64Array(r * r);
  for (let g = 0; g < groups; g++) {
    const base = g * r;
    for (let j = 0; j < r; j++) {
      const uj = u[base + j];
      if (uj === 0) continue;
      for (let k = 0; k <= j; k++) meat[j * r + k] += uj * u[base + k];
    }
  }
  for (let j = 0; j < r; j++) for (let k = 0; k < j; k++) meat[k * r + j] = meat[j * r + k];
  const v = sandwich(xtxInv, meat, r);
  const factor =
    type === 'stata' ? (groups * (n - 1)) / ((groups - 1) * (n - r)) : type === 'cregg' ? groups / (groups - 1) : 1;
  return factor === 1 ? v : v.map((value) => value * factor);
}
