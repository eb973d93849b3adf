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
