// A coefficient whose deciding rows all lie within single clusters (y ~ z * f clustered, a level of f only in one
// cluster: the intercept and z are fitted inside it) has a clustered variance of 0 by construction: each cluster's
// share of its score, Σ_g (X'X)⁻¹ x_i e_i over the cluster's rows, sums to 0 by the normal equations. estimatr prints NaN
// or rounding noise for its SE (R trial 38: SE 2e-7, t 1.9e6, p 1e-125). cluster-scores.ts refuses the fit where every
// coefficient is so; here they are told apart one by one, by the same rounding share and the same second outcome.
import { probeOutcome, ROUNDING_SHARE } from './cluster-scores.ts';

/**
 * The kept positions of the coefficients whose every cluster share of the influence (X'X)⁻¹ x_i e_i cancels up to
 * rounding of the coefficient's terms over all clusters (and some term is not 0), or whose terms are all rounding
 * against its influences times the residuals' size: a coefficient decided by rows of leverage 1 (R trial 40: the
 * intercept is the one row of the reference level, whose residual is 0 by construction, so no share holds more than
 * rounding and none is there to cancel). x: the kept columns column-major on the fit's (√w) scale, xtxInv: their
 * (X'X)⁻¹, resid: the residuals on that scale, codes: each row's cluster.
 *
 * @example coefficientsWithVanishingScores(x, n, r, fit.xtxInv, resid, codes, groups) // [0, 1]: the intercept and z
 */
export function coefficientsWithVanishingScores(x: Float64Array, n: number, r: number, xtxInv: Float64Array, resid: Float64Array, codes: Int32Array, groups: number): number[] {
  const sums = new Float64Array(groups * r);
  const sizes = new Float64Array(groups * r);
  const influences = new Float64Array(r);
  const row = new Float64Array(r);
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const e = resid[i];
    squares += e * e;
    for (let k = 0; k < r; k++) row[k] = x[k * n + i];
    const base = codes[i] * r;
    for (let j = 0; j < r; j++) {
      let influence = 0;
      for (let k = 0; k < r; k++) influence += xtxInv[j * r + k] * row[k];
      influences[j] += Math.abs(influence);
      const term = influence * e;
      sums[base + j] += term;
      sizes[base + j] += Math.abs(term);
    }
  }
  const residualSize = Math.sqrt(squares / n);
  // Against the coefficient's terms over all clusters, not the cluster's own: a cluster outside the deciding rows holds
  // only rounding (influences of ~1e-16), which cancels to no share of itself.
  const vanishing: number[] = [];
  for (let j = 0; j < r; j++) {
    let total = 0;
    for (let g = 0; g < groups; g++) total += sizes[g * r + j];
    let cancels = total > 0;
    for (let g = 0; g < groups && cancels; g++) if (Math.abs(sums[g * r + j]) > ROUNDING_SHARE * total) cancels = false;
    // total > 0: where the deciding rows' residuals are exactly 0 (a mean of one value), R's SE is exactly 0 too and
    // stands (conjoint-groups.test.ts: an mm difference takes the other group's variance alone).
    const rounding = total > 0 && total <= ROUNDING_SHARE * influences[j] * residualSize;
    if (cancels || rounding) vanishing.push(j);
  }
  return vanishing;
}

/** Those coefficients whose shares cancel for the fit's residuals and for a fixed second outcome's: the design's zero. */
export function coefficientsWithVanishingScoresByDesign(
  x: Float64Array,
  n: number,
  r: number,
  xtxInv: Float64Array,
  resid: Float64Array,
  codes: Int32Array,
  groups: number,
  residualsOf: (y: Float64Array) => Float64Array,
): number[] {
  const first = coefficientsWithVanishingScores(x, n, r, xtxInv, resid, codes, groups);
  if (first.length === 0) return first;
  const second = new Set(coefficientsWithVanishingScores(x, n, r, xtxInv, residualsOf(probeOutcome(n)), codes, groups));
  return first.filter((j) => second.has(j));
}
