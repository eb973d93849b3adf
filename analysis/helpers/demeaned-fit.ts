import { clusterScoresVanish } from './cluster-scores.ts';
import { coefficientsWithVanishingScores } from './coefficient-cluster-scores.ts';
import { demeanedCr2 } from './demeaned-cr2.ts';
import { demeanWithin } from './fixed-effects-aliasing.ts';
import { leastSquares, type QrFit } from './qr.ts';
import { coefficientsOfLeverageOneRows } from './leverage-one-coefficients.ts';
import { clusterVariance, heteroskedasticVariance, Q_COORDINATES_ABOVE, someResidualAboutZero, type HeteroskedasticType } from './sandwich.ts';
import type { SparseDesign } from './sparse-design.ts';

// One fixed effect absorbed by demeaning instead of fitted as dummies (Frisch–Waugh–Lovell). lmRobust's reference
// path puts factor(g) in the design: with one group per respondent of a conjoint (1,000 respondents × 4 tasks) that is
// a dense QR and sandwich of ~1,000 columns, 37 s where estimatr took 9.5 s. Demeaned y and columns give the same β
// and residuals; the β block of (X'X)⁻¹ X'ΩX (X'X)⁻¹ is (X̃'X̃)⁻¹ X̃'ΩX̃ (X̃'X̃)⁻¹ for any Ω, so HC0 and CR0 are the
// demeaned ones; the leverage of the full design is the group's share w_i/W_g plus the demeaned columns' own (HC2,
// HC3); classical, HC1 and stata count every absorbed column in n − rank. estimatr demeans in the same way
// (demean_fes). CR2 where the groups nest in the clusters, unweighted (demeaned-cr2.ts). Rank-deficient designs (which
// column is left out is decided by fixed-effects-aliasing.ts on the full design) stay on the reference path.

/** The se types this path computes (CR2 unweighted, groups nested in the clusters: demeaned-cr2.ts; no cregg). */
export type DemeanedSeType = HeteroskedasticType | 'CR0' | 'stata' | 'CR2';
export const isDemeanedSeType = (seType: string): seType is DemeanedSeType =>
  ['classical', 'HC0', 'HC1', 'HC2', 'HC3', 'CR0', 'stata', 'CR2'].includes(seType);

/**
 * A demeaned column shorter than this share of its own norm is (nearly) in the fixed effect's span: which columns
 * are then left out, or whether any is, is for the reference path to decide as estimatr does.
 */
const NEARLY_ABSORBED = 1e-7;

export interface DemeanedFitInput {
  /** The unweighted design in fit order; its first `absorbed` columns (intercept and dummies) span the fixed effect. */
  design: SparseDesign;
  absorbed: number;
  /** The fixed effect's group per row (fit order), 0 … groupCount − 1. */
  groups: Int32Array;
  groupCount: number;
  /** The unweighted outcome (less lmRobust's shift, which demeaning removes anyway). */
  y: Float64Array;
  /** Weights normalised to mean 1, or undefined. */
  w: Float64Array | undefined;
  seType: DemeanedSeType;
  clusters?: { codes: Int32Array; count: number };
}

export interface DemeanedFit {
  /** The QR fit of the demeaned, √w-scaled columns after the absorbed ones (their coefficients in design order). */
  fit: QrFit;
  /** Rank of the full design: the demeaned columns plus the groups. */
  rank: number;
  vcov: Float64Array;
  df: Float64Array;
  nClusters: number | null;
  /** Rows of leverage 1 (alone in their group, or N = rank) under HC2/HC3, weighted 0 as on the reference path. */
  leverageOne: number;
  /** y − fitted on y's scale (the group's intercept included), for the perfect-fit check. */
  residuals: Float64Array;
}

/**
 * The fit and variance of the columns after the absorbed ones, or null where the reference path must decide: a
 * column (nearly) in the fixed effect's span, a rank-deficient demeaned design, n ≤ rank, or absorbed columns that
 * are not the fixed effect's groups.
 *
 * @example demeanedFit({ design, absorbed: 1000, groups, groupCount: 1000, y, w: undefined, seType: 'HC2' })?.vcov
 */
export function demeanedFit(input: DemeanedFitInput): DemeanedFit | null {
  const { design, absorbed, groups, groupCount, y, w, seType, clusters } = input;
  const { n, p } = design;
  const k = p - absorbed;
  const rank = groupCount + k;
  if (absorbed !== groupCount || k <= 0 || n <= rank) return null;
  const columns = trailingColumns(design, absorbed);
  const norms = columnNorms(columns, n, k);
  const stacked = new Float64Array(n * (k + 1));
  stacked.set(columns);
  stacked.set(y, n * k);
  const groupsOf = { codes: [groups], counts: [groupCount] };
  demeanWithin(stacked, n, k + 1, groupsOf, w);
  const demeanedNorms = columnNorms(stacked, n, k);
  if (demeanedNorms.some((norm, c) => !(norm > NEARLY_ABSORBED * norms[c]))) return null;

  const sw = w?.map(Math.sqrt);
  if (sw) for (let c = 0; c <= k; c++) for (let i = 0; i < n; i++) stacked[c * n + i] *= sw[i];
  const xFit = stacked.subarray(0, n * k);
  const yFit = stacked.slice(n * k);
  const fit = leastSquares(xFit.slice(), n, k, yFit);
  if (fit.rank < k) return null;
  // Full rank: the QR kept every column, in order (its B and xtxInv are in column order).
  const resid = yFit.slice();
  for (let j = 0; j < k; j++) for (let i = 0; i < n; i++) resid[i] -= fit.coef[j] * xFit[j * n + i];

  // classical, HC1 and stata divide by n − k inside the sandwich: rescale to n − rank, the absorbed columns counted.
  const dfScale = (n - k) / (n - rank);
  const scaled = (v: Float64Array, by: boolean) => (by ? v.map((value) => value * dfScale) : v);
  const residuals = residualsOnScale(columns, y, n, k, fit, groupsOf, w);
  // Every cluster's score 0 up to rounding (cluster-scores.ts): the fit with dummies decides whether the design alone
  // makes it so, and then refuses.
  if (clusters && clusterScoresVanish(xFit, n, k, resid, clusters.codes, clusters.count)) return null;
  // Likewise one coefficient's (coefficient-cluster-scores.ts, R trial 38): the fit with dummies names it and gives NA.
  if (clusters && coefficientsWithVanishingScores(xFit, n, k, fit.xtxInv, resid, clusters.codes, clusters.count).length > 0) return null;
  if (seType === 'CR2') {
    if (!clusters || w) return null;
    const cr2 = demeanedCr2({ x: xFit, n, k, b: fit.b, resid, groups, groupCount, clusters: clusters.codes, clusterCount: clusters.count });
    return cr2 && { fit, rank, vcov: cr2.vcov, df: cr2.df, nClusters: clusters.count, leverageOne: 0, residuals };
  }
  if (seType === 'CR0' || seType === 'stata') {
    if (!clusters) return null;
    const vcov = clusterVariance(seType, xFit, n, k, fit.b, resid, clusters.codes, clusters.count);
    return { fit, rank, vcov: scaled(vcov, seType === 'stata'), df: new Float64Array(k).fill(clusters.count - 1), nClusters: clusters.count, leverageOne: 0, residuals };
  }
  const report = { leverageOne: 0 };
  const offset = groupShares(groups, groupCount, w, n);
  const vcov = heteroskedasticVariance(seType, xFit, n, k, fit.xtxInv, fit.b, resid, fit.condition > Q_COORDINATES_ABOVE, report, offset);
  // A coefficient only rows of leverage 1 decide (R trial 40; a pair alone in its group, R trial 41): the fit with
  // dummies names it and gives NA. As there, only a fit with such a row, or a residual of about 0 under HC0/HC1, looks.
  const looked = report.leverageOne > 0 || ((seType === 'HC0' || seType === 'HC1') && someResidualAboutZero(resid, yFit));
  // Also one they only partly decide (task 43): the path with dummies names it in its warning.
  const moved = looked ? coefficientsOfLeverageOneRows(xFit, n, k, fit.xtxInv, offset) : null;
  if (moved && moved.decided.length + moved.partly.length > 0) return null;
  return { fit, rank, vcov: scaled(vcov, seType === 'classical' || seType === 'HC1'), df: new Float64Array(k).fill(n - rank), nClusters: null, leverageOne: report.leverageOne, residuals };
}

/** The design's columns from `first` on, dense and column-major (only they are needed, not the ~1,000 dummies). */
function trailingColumns(design: SparseDesign, first: number): Float64Array {
  const { n, p, slots, columns, values } = design;
  const out = new Float64Array(n * (p - first));
  for (let i = 0; i < n; i++) {
    for (let a = i * slots; a < (i + 1) * slots; a++) {
      if (columns[a] >= first) out[(columns[a] - first) * n + i] += values[a];
    }
  }
  return out;
}

function columnNorms(x: Float64Array, n: number, k: number): number[] {
  return Array.from({ length: k }, (_, c) => {
    let squares = 0;
    for (let i = c * n; i < (c + 1) * n; i++) squares += x[i] * x[i];
    return Math.sqrt(squares);
  });
}

/** Each row's leverage from the group dummies: w_i / W_g (1/n_g unweighted). */
function groupShares(groups: Int32Array, count: number, w: Float64Array | undefined, n: number): Float64Array {
  const total = new Float64Array(count);
  for (let i = 0; i < n; i++) total[groups[i]] += w ? w[i] : 1;
  const out = new Float64Array(n);
  // A row alone in its group has share 1 exactly (w/w), so its leverage is 1 whatever the rounding of the rest.
  for (let i = 0; i < n; i++) out[i] = (w ? w[i] : 1) / total[groups[i]];
  return out;
}

/** y − Xβ − (the group's weighted mean of it): the full fit's residuals on y's scale, zero-weight rows included. */
function residualsOnScale(
  columns: Float64Array,
  y: Float64Array,
  n: number,
  k: number,
  fit: QrFit,
  groups: { codes: readonly Int32Array[]; counts: readonly number[] },
  w: Float64Array | undefined,
): Float64Array {
  const e = y.slice();
  for (let j = 0; j < k; j++) for (let i = 0; i < n; i++) e[i] -= fit.coef[j] * columns[j * n + i];
  return demeanWithin(e, n, 1, groups, w);
}
