import { AnalysisError } from './errors.ts';
import { cr2Variance } from './helpers/cr2.ts';
import { completeRows, groupCodes, numericColumn, requireColumns, type Levels, type Row } from './helpers/data.ts';
import { parseFormula } from './helpers/formula.ts';
import { buildDesignMatrix } from './helpers/model-matrix.ts';
import { keptColumns, leastSquares } from './helpers/qr.ts';
import { clusterVariance, heteroskedasticVariance } from './helpers/sandwich.ts';
import { resolveSeType, type SeType } from './helpers/se-type.ts';
import { tidyRow, type TidyRow } from './helpers/tidy.ts';

export interface LmRobustOptions {
  /** R formula: `y ~ a + b`, `a * b`, `a:b`, `0 + a`, `a - 1`. */
  formula: string;
  rows: readonly Row[];
  /** Factor levels in order (first = reference); string columns not listed use their sorted values. */
  levels?: Levels;
  /** Cluster column: switches the default se type to CR2. */
  clusters?: string;
  /** Weight column (non-negative): rows of X and y are scaled by √w, as estimatr does. */
  weights?: string;
  /** Default HC2, or CR2 with clusters. */
  seType?: SeType;
  /** Confidence level is 1 − alpha (default 0.05). */
  alpha?: number;
}

export interface LmRobustResult {
  /** One row per model-matrix column in formula order; aliased terms carry nulls. */
  estimates: TidyRow[];
  nobs: number;
  /** Rows left out because a used column was missing (empty, null or "NA"). */
  nDropped: number;
  rank: number;
  seType: SeType;
  nClusters: number | null;
  /** Variance–covariance matrix of the non-aliased coefficients. */
  vcov: { terms: string[]; matrix: number[][] };
}

const FN = 'lmRobust';

/**
 * Ordinary (or weighted) least squares with robust standard errors, equal to R's `estimatr::lm_robust`
 * (Blair, Cooper, Coppock, Humphreys & Sonnet; https://declaredesign.org/r/estimatr/articles/mathematical-notes.html).
 * Rank-deficient designs are fitted by pivoted QR and report aliased terms as nulls, as estimatr does.
 *
 * @example
 * lmRobust({ formula: 'y ~ regime * capability', rows, clusters: 'respondent_id' }).estimates
 * // same numbers as tidy(lm_robust(y ~ regime * capability, data, clusters = respondent_id))
 */
export function lmRobust(options: LmRobustOptions): LmRobustResult {
  const { rows, levels, clusters, weights } = options;
  const alpha = options.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw new AnalysisError(FN, `alpha must be between 0 and 1 (got ${alpha})`);
  const seType = resolveSeType(FN, options.seType, clusters !== undefined);
  const formula = parseFormula(FN, options.formula);
  requireColumns(FN, rows, [formula.response], 'formula');
  requireColumns(FN, rows, formula.variables, 'formula');
  if (clusters !== undefined) requireColumns(FN, rows, [clusters], 'clusters');
  if (weights !== undefined) requireColumns(FN, rows, [weights], 'weights');

  const used = [formula.response, ...formula.variables, ...(clusters ? [clusters] : []), ...(weights ? [weights] : [])];
  const index = completeRows(rows, used);
  const n = index.length;
  if (n === 0) throw new AnalysisError(FN, `no rows without missing values in ${used.join(', ')}`);
  const y = numericColumn(FN, rows, index, formula.response, 'outcome');
  const design = buildDesignMatrix(FN, formula, rows, index, levels);
  const p = design.p;

  // Weights normalised to mean 1, then √w scaling of X and y (estimatr's lm_robust_fit).
  let w: Float64Array | undefined;
  let xFit = design.x;
  let yFit = y;
  if (weights !== undefined) {
    w = numericColumn(FN, rows, index, weights, 'weights');
    let mean = 0;
    for (let i = 0; i < n; i++) {
      if (w[i] < 0) throw new AnalysisError(FN, `weights column "${weights}" has a negative value (row ${index[i] + 1})`);
      mean += w[i] / n;
    }
    if (!(mean > 0)) throw new AnalysisError(FN, `weights column "${weights}" has no positive weight`);
    const sw = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      w[i] /= mean;
      sw[i] = Math.sqrt(w[i]);
    }
    xFit = design.x.slice();
    for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) xFit[j * n + i] *= sw[i];
    yFit = y.map((value, i) => value * sw[i]);
  }

  const fit = leastSquares(xFit, n, p, yFit);
  const r = fit.rank;
  const kept = fit.kept;
  const beta = Float64Array.from(kept, (j) => fit.coef[j]);
  const xKept = r === p ? xFit : keptColumns(xFit, n, kept);
  const resid = residuals(xKept, n, r, beta, yFit);

  let vcov: Float64Array;
  let df: Float64Array | null;
  let nClusters: number | null = null;
  if (clusters !== undefined) {
    const { codes, count } = groupCodes(rows, index, clusters);
    nClusters = count;
    // One cluster carries no information about the variance: estimatr prints SEs of ~1e-16 with df 1 (CR2)
    // or NaN p-values (CR0); an error says what is wrong instead.
    if (count < 2) throw new AnalysisError(FN, `clustered standard errors need at least two clusters; "${clusters}" has ${count}`);
    if (seType === 'CR2') {
      const xRaw = weights === undefined ? xKept : r === p ? design.x : keptColumns(design.x, n, kept);
      const rawResid = weights === undefined ? resid : residuals(xRaw, n, r, beta, y);
      const cr2 = cr2Variance({ x: xRaw, n, r, xtxInv: fit.xtxInv, resid: rawResid, clusters: codes, groups: count, weights: w });
      vcov = cr2.vcov;
      df = cr2.df;
    } else {
      vcov = clusterVariance(seType as 'CR0' | 'stata' | 'cregg', xKept, n, r, fit.xtxInv, resid, codes, count);
      df = seType === 'cregg' ? null : new Float64Array(r).fill(count - 1);
    }
  } else {
    vcov = heteroskedasticVariance(seType as 'classical' | 'HC0' | 'HC1' | 'HC2' | 'HC3', xKept, n, r, fit.xtxInv, fit.b, resid);
    df = new Float64Array(r).fill(n - r);
  }

  const position = new Map(Array.from(kept, (column, k) => [column, k]));
  const estimates = design.names.map((term, j) => {
    const k = position.get(j);
    if (k === undefined) return tidyRow(term, formula.response, null, null, null, alpha);
    return tidyRow(term, formula.response, beta[k], Math.sqrt(vcov[k * r + k]), df ? df[k] : null, alpha);
  });
  const keptNames = Array.from(kept, (j) => design.names[j]);
  const matrix = keptNames.map((_, i) => Array.from(vcov.subarray(i * r, (i + 1) * r)));
  return { estimates, nobs: n, nDropped: rows.length - n, rank: r, seType, nClusters, vcov: { terms: keptNames, matrix } };
}

function residuals(x: Float64Array, n: number, r: number, beta: Float64Array, y: Float64Array): Float64Array {
  const e = y.slice();
  for (let j = 0; j < r; j++) {
    const b = beta[j];
    const start = j * n;
    for (let i = 0; i < n; i++) e[i] -= b * x[start + i];
  }
  return e;
}
