import type { SparseDesign } from './sparse-design.ts';

/**
 * A column is aliased when its squared residual norm is below this fraction of its squared norm. R's QR works on
 * X itself with 1e-7 on the norm (1e-11 in glm); through X'X rounding is squared, so an exactly dependent column
 * can show a relative residual of ~1e-13 here. 1e-9 (a norm ratio of 3·10⁻⁵) separates the two: a pair of
 * indicator columns that differ in one profile of a thousand still has a ratio near 10⁻³.
 */
const TOLERANCE_SQUARED = 1e-9;

/**
 * Which columns R's lm/glm/svyglm keeps: its QR (LINPACK dqrdc2) goes through the columns in order and moves a
 * column whose norm, after projecting out the kept ones, falls below a tolerance times its own norm to the end
 * (NA) — the last of a dependent set, where estimatr's pivoted QR may alias another (and then every coefficient of
 * the set differs). Computed by an in-order Cholesky of the p × p Gram matrix X'X (symmetric, row-major).
 *
 * With `joinBefore` < p, a column from there on is tested against the kept columns before `joinBefore` only and never
 * joins them: whether each lies in the span of the first columns (lmRobust's absorbed fixed effects), each on its own.
 *
 * @example keptInOrderFromGram(xtx, 4) // [true, true, true, false] for y ~ x1 + x2 + x3 with x3 = x1 + x2
 */
export function keptInOrderFromGram(gram: Float64Array, p: number, joinBefore = p): boolean[] {
  // Rows of R (upper Cholesky factor) for the kept columns: R_kj = (G_kj − Σ_{l<k} R_lk R_lj) / R_kk.
  const kept: boolean[] = new Array(p).fill(false);
  const factor = new Float64Array(p * p);
  const keptSoFar: number[] = [];
  for (let j = 0; j < p; j++) {
    const diagonal = gram[j * p + j];
    if (!(diagonal > 0)) continue;
    for (const k of keptSoFar) {
      let sum = gram[k * p + j];
      for (const l of keptSoFar) {
        if (l === k) break;
        sum -= factor[l * p + k] * factor[l * p + j];
      }
      factor[k * p + j] = sum / factor[k * p + k];
    }
    let residual = diagonal;
    for (const k of keptSoFar) residual -= factor[k * p + j] ** 2;
    if (residual > TOLERANCE_SQUARED * diagonal) {
      kept[j] = true;
      if (j >= joinBefore) continue;
      factor[j * p + j] = Math.sqrt(residual);
      keptSoFar.push(j);
    }
  }
  return kept;
}

/**
 * The design with the columns not `kept` set to 0: a pivoted QR then aliases exactly those (a zero column is never
 * pivoted in) and reports them as NA in their places, so the fit is the one lm's in-order choice gives.
 *
 * @example withoutColumns(design, [true, true, true, false]).values // x3's entries 0
 */
export function withoutColumns(design: SparseDesign, kept: readonly boolean[]): SparseDesign {
  const values = design.values.slice();
  for (let a = 0; a < values.length; a++) if (!kept[design.columns[a]]) values[a] = 0;
  return { ...design, values };
}

/** glm.fit's QR tolerance, min(1e-7, epsilon / 1000) at glm.control()'s epsilon 1e-8: svyglm fits through it. */
export const GLM_QR_TOLERANCE = 1e-11;

/**
 * Which columns glm's QR keeps (LINPACK dqrdc2 as glm.fit calls it): in column order, a column whose norm, after the
 * Householder reflections of the kept columns before it, falls below `tolerance` times its own norm is aliased. Unlike
 * keptInOrderFromGram, whose X'X squares the rounding (it cannot tell a norm ratio below ~3e-5 from 0), this works on X
 * and keeps a column 1e-7 off another as glm does (R trial 32). Dense: n·p² work, n·p memory.
 *
 * @example keptInOrderByQr(design) // [true, true, true] for y ~ x + x2 with x2 = x + 1e-7·u
 */
export function keptInOrderByQr(design: SparseDesign, tolerance = GLM_QR_TOLERANCE): boolean[] {
  const { n, p, slots, columns, values } = design;
  const x = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let a = i * slots; a < (i + 1) * slots; a++) x[columns[a] * n + i] += values[a];
  const kept: boolean[] = new Array(p).fill(false);
  const reflectors: Float64Array[] = [];
  for (let j = 0; j < p; j++) {
    const column = x.subarray(j * n, (j + 1) * n);
    const norm = Math.hypot(...normParts(column, 0));
    // Each kept column's reflector acts on rows k… (k its rank): v·column over those rows, then column −= 2v(v·c)/(v·v).
    reflectors.forEach((v, k) => {
      let dot = 0;
      let vv = 0;
      for (let i = k; i < n; i++) {
        dot += v[i - k] * column[i];
        vv += v[i - k] * v[i - k];
      }
      if (vv > 0) for (let i = k; i < n; i++) column[i] -= (2 * dot * v[i - k]) / vv;
    });
    const rank = reflectors.length;
    const remaining = rank < n ? Math.hypot(...normParts(column, rank)) : 0;
    if (!(norm > 0) || !(remaining >= tolerance * norm)) continue;
    kept[j] = true;
    const v = column.slice(rank);
    v[0] += (v[0] < 0 ? -1 : 1) * remaining;
    reflectors.push(v);
  }
  return kept;
}

/** A vector's entries from `from` on, scaled into chunks Math.hypot takes without overflow or a huge argument list. */
function normParts(column: Float64Array, from: number): number[] {
  const parts: number[] = [];
  const chunk = 4096;
  for (let start = from; start < column.length; start += chunk) {
    let scale = 0;
    for (let i = start; i < Math.min(column.length, start + chunk); i++) scale = Math.max(scale, Math.abs(column[i]));
    let sum = 0;
    if (scale > 0) for (let i = start; i < Math.min(column.length, start + chunk); i++) sum += (column[i] / scale) ** 2;
    parts.push(scale * Math.sqrt(sum));
  }
  return parts;
}
