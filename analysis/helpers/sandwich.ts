import { sandwich, symmetrize } from './small-matrix.ts';
import { rowResidual, type SparseDesign } from './sparse-design.ts';

/**
 * Heteroskedasticity-robust and cluster-robust (CR0 family) sandwich variances, V = M · meat · M with
 * M = (X'X)⁻¹, following estimatr's `lm_variance` (src/lm_robust_helper.cpp) term for term.
 * All matrices are small (r × r, row-major); X is column-major n × r.
 */

/** HC0 | HC1 | HC2 | HC3 | classical, with df = n − r for all of them. */
export type HeteroskedasticType = 'classical' | 'HC0' | 'HC1' | 'HC2' | 'HC3';
/** CR0 (df G − 1), stata = CR1 (df G − 1), cregg = G/(G − 1)·CR0 with normal theory (survey::svyglm). */
export type ClusterType = 'CR0' | 'stata' | 'cregg';

/**
 * A row with leverage h = 1 (the only observation of a factor level or interaction cell, or N = rank) has a
 * residual of 0 in exact arithmetic, and HC2's e²/(1 − h) and HC3's e²/(1 − h)² are 0/0; what a computation
 * gets is rounding noise over rounding noise (estimatr: NaN for every SE, or SEs off by several per cent, as the
 * rounding falls). Such a row gets weight 0, as HC0 and HC1 give it (e = 0): for every other coefficient that is
 * the fit without the row. 1 − h ≤ 1e-10 is leverage 1 to rounding (h is ‖row of Q‖², accurate to ~1e-15).
 */
export const LEVERAGE_ONE = 1e-10;

/**
 * κ_F(R) above which heteroskedasticVariance holds its meat in Q's coordinates: below it M · X'ΩX · M loses at
 * most κ²ε ≈ 2e-8, far inside the 1e-6 at which results must equal estimatr, and the sparse rows keep it fast.
 */
export const Q_COORDINATES_ABOVE = 1e4;

/** Rows per block in the cache-blocked passes (r columns × 512 rows × 8 bytes stays within L2). */
const ROW_BLOCK = 512;

/**
 * Variance of the coefficients without clusters: V = M · X' diag(ω) X · M with ω = e² (HC0, HC1 = HC0 ·
 * n/(n − r)), e²/(1 − h) (HC2) or e²/(1 − h)² (HC3); classical = s²M with s² = Σe²/(n − r).
 *
 * The leverage h_i is the squared norm of row i of Q = X B (B from the QR, so no hat matrix), and it, ω_i and
 * row i's share of the meat are computed in one pass over blocks of rows. Each row is first reduced to its nonzero
 * entries: a conjoint design row has one dummy per attribute, so the work per row is nnz · r for Q and nnz² for
 * the meat instead of r² — the difference between seconds and a fraction of one at 10⁶ rows.
 *
 * `inQ` (leastSquares' κ_F(R) above Q_COORDINATES_ABOVE) holds the meat in Q's coordinates instead, Q'ΩQ (r² a
 * row), and returns B · Q'ΩQ · Bᵀ: forming X'ΩX and then M · X'ΩX · M (estimatr's order) loses about κ(X)²·ε, all
 * the digits of a covariate far from zero (x ≈ 10⁶ with unit spread: SEs off by 1e-4 against the same fit on
 * centred x, equal in exact arithmetic), while Q's rows are well scaled and lose only κ·ε.
 *
 * Rows of leverage 1 get weight 0 under HC2/HC3 (LEVERAGE_ONE) and are counted in `report.leverageOne`.
 *
 * `leverageOffset` (demeaned-fit.ts) is each row's leverage from columns X was projected off: with a fixed effect
 * absorbed by demeaning, h_i of the fit with the dummies is w_i/W_g (the row's share of its group's weight) plus the
 * demeaned columns' own.
 *
 * @example heteroskedasticVariance('HC2', xKept, n, r, fit.xtxInv, fit.b, resid, fit.condition > Q_COORDINATES_ABOVE) // r × r, as vcov(lm_robust(..., se_type = 'HC2'))
 */
export function heteroskedasticVariance(
  type: HeteroskedasticType,
  x: Float64Array,
  n: number,
  r: number,
  xtxInv: Float64Array,
  b: Float64Array,
  resid: Float64Array,
  inQ: boolean,
  report?: { leverageOne: number },
  leverageOffset?: Float64Array,
): Float64Array {
  if (type === 'classical') {
    let rss = 0;
    for (let i = 0; i < n; i++) rss += resid[i] * resid[i];
    return classicalVariance(n, r, xtxInv, rss);
  }
  const needLeverage = type === 'HC2' || type === 'HC3';
  const meat = new Float64Array(r * r);
  const count = new Int32Array(ROW_BLOCK);
  const column = new Int32Array(ROW_BLOCK * r);
  const value = new Float64Array(ROW_BLOCK * r);
  const q = new Float64Array(r);
  // B is a permuted triangle: row k is zero before some column, so Q's row sums can start there.
  const firstNonzero = Int32Array.from({ length: r }, (_, k) => {
    let j = 0;
    while (j < r && b[k * r + j] === 0) j++;
    return j;
  });
  for (let start = 0; start < n; start += ROW_BLOCK) {
    const m = Math.min(n, start + ROW_BLOCK) - start;
    gatherRowBlock(x, n, r, start, m, count, column, value);
    for (let i = 0; i < m; i++) {
      const e = resid[start + i];
      let omega = e * e;
      // Under HC2/HC3 a row of leverage 1 is counted even where its residual came out as 0 exactly (it is 0 there in
      // exact arithmetic), so the count says how many such rows there are, not how the rounding fell.
      if (omega === 0 && !needLeverage) continue;
      const base = i * r;
      const nnz = count[i];
      if (needLeverage || inQ) {
        q.fill(0);
        for (let a = 0; a < nnz; a++) {
          const v = value[base + a];
          const k = column[base + a];
          const row = k * r;
          for (let j = firstNonzero[k]; j < r; j++) q[j] += v * b[row + j];
        }
      }
      if (needLeverage) {
        let h = leverageOffset ? leverageOffset[start + i] : 0;
        for (let j = 0; j < r; j++) h += q[j] * q[j];
        if (!(1 - h > LEVERAGE_ONE)) {
          if (report) report.leverageOne++;
          continue;
        }
        omega = type === 'HC2' ? omega / (1 - h) : omega / ((1 - h) * (1 - h));
        if (omega === 0) continue;
      }
      if (inQ) {
        for (let a = 0; a < r; a++) {
          const wa = omega * q[a];
          if (wa === 0) continue;
          const row = a * r;
          for (let c = 0; c <= a; c++) meat[row + c] += wa * q[c];
        }
      } else {
        for (let a = 0; a < nnz; a++) {
          const wa = omega * value[base + a];
          const row = column[base + a] * r;
          for (let c = 0; c <= a; c++) meat[row + column[base + c]] += wa * value[base + c];
        }
      }
    }
  }
  // Entries were accumulated with the larger column index first (the lower triangle): mirror them.
  symmetrize(meat, r, true);
  const v = sandwich(inQ ? b : xtxInv, meat, r);
  return type === 'HC1' ? v.map((value) => (value * n) / (n - r)) : v;
}

/**
 * The nonzero entries of rows start … start + m − 1 of the column-major X, row by row: row i's are
 * `value[i·r …]` in columns `column[i·r …]`, `count[i]` of them (dummy columns make most entries zero).
 */
function gatherRowBlock(
  x: Float64Array,
  n: number,
  r: number,
  start: number,
  m: number,
  count: Int32Array,
  column: Int32Array,
  value: Float64Array,
): void {
  count.fill(0, 0, m);
  for (let k = 0; k < r; k++) {
    const offset = k * n + start;
    for (let i = 0; i < m; i++) {
      const v = x[offset + i];
      if (v !== 0) {
        const slot = i * r + count[i]++;
        column[slot] = k;
        value[slot] = v;
      }
    }
  }
}

/**
 * HC2/HC3 divide by 1 − h, so a row's weight is only as accurate as 1 − h. A factor level (or cell) with one row
 * has h = 1 exactly and 1 − h is rounding noise in any method; such fits are left to the QR path, which is what
 * estimatr computes. Elsewhere the normal equations know h to ≲ κ₂(G̃) · 10³ε ≤ 2e-8 (bound of normal-equations.ts;
 * ~1e-14 in the tests), so 1 − h ≥ 0.01 keeps every weight within 2e-6 relative even at that bound.
 */
const LEVERAGE_MARGIN = 0.01;

/**
 * The size below which a residual is 0 to within rounding of the outcome's: 1e-6 of its largest, far wider than the
 * rounding of a fit within vlab's condition limits. A row of leverage 1 is fitted exactly, so its residual is below it:
 * HC0 and HC1 look for such rows only among these (here and in lm-robust.ts).
 */
export function aboutZeroResidual(y: Float64Array): number {
  let size = 0;
  for (const v of y) size = Math.max(size, Math.abs(v));
  return 1e-6 * size;
}

/** Whether a residual is about 0 (aboutZeroResidual): the rows of leverage 1 are among these. A fit with none has no such row. */
export function someResidualAboutZero(resid: Float64Array, y: Float64Array): boolean {
  const small = aboutZeroResidual(y);
  for (const e of resid) if (!(Math.abs(e) > small)) return true;
  return false;
}

/**
 * heteroskedasticVariance for a full-rank design stored as sparse rows, from β and M = (X'X)⁻¹ (p × p): each
 * row's residual y_i − x_i'β is formed in the pass that uses it. The leverage is h_i = x_i' M x_i over the row's
 * entries (O(slots²) a row, where Q = X B would take O(slots · p)); it equals ‖row i of X B‖² for (X'X)⁻¹ = B Bᵀ.
 * Returns null (take the QR) when some row's leverage is within LEVERAGE_MARGIN of 1 (for HC0/HC1 too since R trial 40).
 *
 * @example sparseHeteroskedasticVariance('HC2', design, y, fit.coef, fit.xtxInv) // as heteroskedasticVariance on denseColumns(design)
 */
export function sparseHeteroskedasticVariance(
  type: HeteroskedasticType,
  design: SparseDesign,
  y: Float64Array,
  beta: Float64Array,
  xtxInv: Float64Array,
): Float64Array | null {
  const { n, p, slots, columns, values } = design;
  const residual = (i: number): number => rowResidual(design, y, beta, i);
  if (type === 'classical') {
    let rss = 0;
    for (let i = 0; i < n; i++) {
      const e = residual(i);
      rss += e * e;
    }
    return classicalVariance(n, p, xtxInv, rss);
  }
  // HC0 and HC1 look at the leverage too (R trial 40): a row of leverage 1 may alone decide a coefficient, whose SE is
  // then no number; the QR path tells those coefficients (leverage-one-coefficients.ts). Such a row is fitted exactly,
  // so they look only at a row whose residual is about 0 (aboutZeroResidual): computing every row's leverage cost an
  // HC1 fit of 200,000 rows about 20 %.
  const weighsLeverage = type === 'HC2' || type === 'HC3';
  const aboutZero = weighsLeverage ? 0 : aboutZeroResidual(y);
  const meat = new Float64Array(p * p);
  const block = new Float64Array(p * p);
  for (let start = 0; start < n; start += ROW_BLOCK) {
    const end = Math.min(n, start + ROW_BLOCK);
    for (let i = start; i < end; i++) {
      const e = residual(i);
      let omega = e * e;
      const base = i * slots;
      if (weighsLeverage || !(Math.abs(e) > aboutZero)) {
        let h = 0;
        for (let a = base; a < base + slots; a++) {
          const row = columns[a] * p;
          let s = 0;
          for (let b = base; b < a; b++) s += xtxInv[row + columns[b]] * values[b];
          h += values[a] * (xtxInv[row + columns[a]] * values[a] + 2 * s);
        }
        if (!(1 - h > LEVERAGE_MARGIN)) return null;
        if (weighsLeverage) omega = type === 'HC2' ? omega / (1 - h) : omega / ((1 - h) * (1 - h));
      }
      if (omega === 0) continue;
      // Entries ascend in column within a row, so (a, b ≤ a) lands in the lower triangle.
      for (let a = base; a < base + slots; a++) {
        const wa = omega * values[a];
        const row = columns[a] * p;
        for (let b = base; b <= a; b++) block[row + columns[b]] += wa * values[b];
      }
    }
    // Blocks of rows summed apart, then added: rounding of a 10⁶-row sum stays near that of a 10³-row one.
    for (let at = 0; at < p * p; at++) meat[at] += block[at];
    block.fill(0);
  }
  symmetrize(meat, p, true);
  return robustSandwich(type, n, p, xtxInv, meat);
}

/** s² (X'X)⁻¹ with s² = Σe² / (n − r). */
function classicalVariance(n: number, r: number, xtxInv: Float64Array, rss: number): Float64Array {
  const s2 = rss / (n - r);
  return xtxInv.map((v) => v * s2);
}

/** M · meat · M, times n/(n − r) for HC1. */
function robustSandwich(type: HeteroskedasticType, n: number, r: number, xtxInv: Float64Array, meat: Float64Array): Float64Array {
  const v = sandwich(xtxInv, meat, r);
  return type === 'HC1' ? v.map((value) => (value * n) / (n - r)) : v;
}

/**
 * CR0-family variance: meat = Σ_s u_s u_sᵀ with u_s = X_s' e_s, taken to Q's coordinates (Bᵀu_s) before the product. `stata` multiplies by G(n − 1)/((G − 1)(n − r)),
 * `cregg` by P/(P − 1) (survey::svyglm's convention, without the (n − 1)/(n − r) factor), P the design's clusters
 * (`psus`, default G): svyglm drops the rows with a missing value by subsetting the design, which keeps every cluster
 * of svydesign's data in its count, also one whose rows all went (R trial 29).
 *
 * @example clusterVariance('stata', xKept, n, r, fit.b, resid, codes, groups) // as vcov(lm_robust(..., se_type = 'stata'))
 */
export function clusterVariance(
  type: ClusterType,
  x: Float64Array,
  n: number,
  r: number,
  b: Float64Array,
  resid: Float64Array,
  clusters: Int32Array,
  groups: number,
  psus = groups,
): Float64Array {
  const u = new Float64Array(groups * r);
  for (let j = 0; j < r; j++) {
    const start = j * n;
    for (let i = 0; i < n; i++) u[clusters[i] * r + j] += x[start + i] * resid[i];
  }
  const meat = new Float64Array(r * r);
  const uq = new Float64Array(r);
  for (let g = 0; g < groups; g++) {
    const base = g * r;
    // The cluster's score in Q's coordinates, Bᵀ X_s'e_s, before the outer product (see heteroskedasticVariance).
    uq.fill(0);
    for (let k = 0; k < r; k++) {
      const uk = u[base + k];
      if (uk === 0) continue;
      for (let j = 0; j < r; j++) uq[j] += uk * b[k * r + j];
    }
    for (let j = 0; j < r; j++) {
      const uj = uq[j];
      if (uj === 0) continue;
      for (let k = 0; k <= j; k++) meat[j * r + k] += uj * uq[k];
    }
  }
  symmetrize(meat, r, true);
  const v = sandwich(b, meat, r);
  const factor =
    type === 'stata' ? (groups * (n - 1)) / ((groups - 1) * (n - r)) : type === 'cregg' ? psus / (psus - 1) : 1;
  return factor === 1 ? v : v.map((value) => value * factor);
}
