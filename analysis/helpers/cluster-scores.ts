// Clustered variances are sandwiches of the clusters' scores X_g' W e_g. Where every cluster has coefficients of its own
// (y ~ g or y ~ g * z with clusters = g: the clusters' dummies and their interactions span each cluster's columns), the
// normal equations make every score 0, the meat is 0 and every standard error is 0 by construction; estimatr and
// survey print the rounding noise instead (SE ~1e-16, t ~1e16, R trial 37). An outcome can make the scores 0 too (a
// forced choice: every respondent's mean of `chosen` is 0.5, the marginal mean of a one-level feature): that variance
// is 0 by the data, and R's roundoff stands; only the design's own zero is refused, told apart by a second outcome.

/** A score whose terms cancel to this share of their absolute sum is rounding, not data (genuine ones keep ≳ 1e-3). */
export const ROUNDING_SHARE = 1e-9;

/**
 * Whether every cluster's score, column by column, is 0 up to rounding (and some is not exactly 0 term by term: a
 * perfect fit, residuals 0, is another matter). x: the kept columns column-major on the fit's (√w) scale, resid: the
 * residuals on that scale, codes: each row's cluster 0…groups − 1.
 */
export function clusterScoresVanish(x: Float64Array, n: number, r: number, resid: Float64Array, codes: Int32Array, groups: number): boolean {
  const sums = new Float64Array(groups * r);
  const sizes = new Float64Array(groups * r);
  for (let j = 0; j < r; j++) {
    const start = j * n;
    for (let i = 0; i < n; i++) {
      const term = x[start + i] * resid[i];
      sums[codes[i] * r + j] += term;
      sizes[codes[i] * r + j] += Math.abs(term);
    }
  }
  let terms = false;
  for (let k = 0; k < sums.length; k++) {
    if (sizes[k] === 0) continue;
    terms = true;
    if (Math.abs(sums[k]) > ROUNDING_SHARE * sizes[k]) return false;
  }
  return terms;
}

/**
 * Whether every cluster's score is 0 whatever the outcome: 0 for the fit's residuals and for those of a fixed
 * arbitrary outcome on the same columns (`residualsOf` refits it), so the design alone makes it so.
 */
export function clusterScoresVanishByDesign(
  x: Float64Array,
  n: number,
  r: number,
  resid: Float64Array,
  codes: Int32Array,
  groups: number,
  residualsOf: (y: Float64Array) => Float64Array,
): boolean {
  if (!clusterScoresVanish(x, n, r, resid, codes, groups)) return false;
  return clusterScoresVanish(x, n, r, residualsOf(probeOutcome(n)), codes, groups);
}

/** The fixed second outcome whose residuals tell the design's zero from the data's: n values in [−0.5, 0.5). */
export function probeOutcome(n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => ((i * 7919) % 997) / 997 - 0.5);
}
