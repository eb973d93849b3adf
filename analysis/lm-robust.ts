import { AnalysisError } from './errors.ts';
import { checkAlpha } from './helpers/alpha.ts';
import { andList } from './helpers/and-list.ts';
import { cr2Variance } from './helpers/cr2.ts';
import { clusterScoresVanishByDesign } from './helpers/cluster-scores.ts';
import { coefficientsWithVanishingScoresByDesign } from './helpers/coefficient-cluster-scores.ts';
import { coefficientsOfLeverageOneRows, type LeverageOneCoefficients } from './helpers/leverage-one-coefficients.ts';
import { designClusterCount, groupCodes, type Levels, type Row } from './helpers/data.ts';
import { completeRows, isDataTable, tableFromRows, type DataTable } from './helpers/data-table.ts';
import { parseFormula, type Formula } from './helpers/formula.ts';
import { compareCodePoints } from './helpers/level-order.ts';
import { meanAsR } from './helpers/mean.ts';
import { modelFrame, type ModelFrame } from './helpers/model-frame.ts';
import { keptInOrderByQr, keptInOrderFromGram, withoutColumns } from './helpers/in-order-aliasing.ts';
import { absorbedColumns, aliasedAsDemeaned, leadingAbsorbed, refuseUnweightedLevels, withoutAbsorbed, type Absorbed } from './helpers/absorbed-columns.ts';
import { fixedEffectTerms } from './helpers/fixed-effect-terms.ts';
import { absorbedLabel, fixedEffectSpec, groupedFixedEffects, refuseLevelsWithoutIntercept, withFixedEffects } from './helpers/fixed-effects.ts';
import { buildDesignMatrix } from './helpers/model-matrix.ts';
import { normalEquationsLeastSquares } from './helpers/normal-equations.ts';
import { essentiallyPerfectFit, perfectFitFromResiduals } from './helpers/perfect-fit.ts';
import { demeanedFit, isDemeanedSeType, type DemeanedSeType } from './helpers/demeaned-fit.ts';
import { keptColumns, leastSquares, type LeastSquaresFit } from './helpers/qr.ts';
import { clusterVariance, heteroskedasticVariance, Q_COORDINATES_ABOVE, someResidualAboutZero, sparseHeteroskedasticVariance, type HeteroskedasticType } from './helpers/sandwich.ts';
import { resolveSeType, type SeType } from './helpers/se-type.ts';
import { crossProducts, denseColumns, permuteRows, scaleRows, type SparseDesign } from './helpers/sparse-design.ts';
import { tidyRow, type TidyRow } from './helpers/tidy.ts';
import { refuseUnknownOptions, type OptionNames } from './helpers/option-names.ts';

export interface LmRobustOptions {
  /** R formula: `y ~ a + b`, `a * b`, `a:b`, `0 + a`, `a - 1`, `log(y) ~ poly(x, 2) + relevel(g, ref = "b")` (docs/analysis.md). */
  formula: string;
  /** Records, or a table (`tableFromCsv`) read by columns. */
  rows: readonly Row[] | DataTable;
  /** Factor levels in order (first = reference); string columns not listed use their sorted values. */
  levels?: Levels;
  /** Cluster column: switches the default se type to CR2. */
  clusters?: string;
  /** Weight column (non-negative): rows of X and y are scaled by √w, as estimatr does. */
  weights?: string;
  /**
   * estimatr's `fixed_effects`: `"~ g"` or `"~ g1 + g2"`, columns absorbed as factors. Fitted as `+ factor(g)` in the
   * formula (estimatr's estimates, SEs and df); the intercept and the factors' coefficients are left out of the
   * output, as estimatr leaves them. Not with weights and CR2, which estimatr refuses.
   */
  fixedEffects?: string;
  /**
   * estimatr's `subset`: an R condition over the columns (`x > 2 & g != "b"`); rows where it is FALSE or NA are left
   * out after the terms are evaluated on every row, as model.frame does (`scale(x)` keeps the whole data's centre).
   */
  subset?: string;
  /** Default HC2, or CR2 with clusters. */
  seType?: SeType;
  /** Confidence level is 1 − alpha (default 0.05). */
  alpha?: number;
  /**
   * `auto` (default): without clusters, the normal equations when the design is full rank and well conditioned
   * (as accurate, several times faster), else the pivoted QR. `qr`: always the pivoted QR, as estimatr.
   */
  solver?: 'auto' | 'qr';
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
  /** What R would print as warnings (level order, values outside declared levels, NaNs, offsets); one line each. */
  warnings: string[];
  /** Variance–covariance matrix of the non-aliased coefficients. */
  vcov: { terms: string[]; matrix: number[][] };
  /** How β and (X'X)⁻¹ were computed: Cholesky of the equilibrated X'X, or pivoted Householder QR of X. */
  solver: 'cholesky' | 'qr';
}

/** A fit and its variance, from either path. */
interface FitWithVariance {
  fit: LeastSquaresFit;
  vcov: Float64Array;
  df: Float64Array | null;
  nClusters: number | null;
  /** What the variance computation has to say (rows of leverage 1 under HC2/HC3). */
  warnings?: string[];
  /** The clusters whose scores are all 0 by construction (cluster-scores.ts), named for the refusal. */
  vanishingClusters?: string;
  /** Kept positions of the coefficients whose clustered variance alone is 0 by construction (coefficient-cluster-scores.ts). */
  ownCoefficients?: { positions: number[]; clusters: string };
  /** HC2/HC3's rows of leverage 1, whose weight is taken as 0: warned of with the coefficients they partly decide. */
  leverageOneRows?: number;
  /** Kept positions of the coefficients rows of leverage 1 decide alone, or partly, under HC0–HC3 (leverage-one-coefficients.ts). */
  leverageOneCoefficients?: LeverageOneCoefficients;
}

const FN = 'lmRobust';

/**
 * lmRobust's warning that every residual is 0 up to rounding, exported beside its words so that an estimator which
 * expects a perfect fit (mm's y ~ 0 + levels on an outcome alike within levels) leaves it out by what it is, not
 * by matching its wording.
 * @example lmRobust({ formula: 'y ~ x', rows }).warnings.filter((w) => !isPerfectFitWarning(w))
 */
export const PERFECT_FIT_WARNING = `${FN}: essentially perfect fit: summary may be unreliable (R's summary.lm words: every residual is 0 up to rounding, so the standard errors, t statistics and p-values are rounding noise; estimatr prints them without a warning)`;
export const isPerfectFitWarning = (warning: string): boolean => warning === PERFECT_FIT_WARNING;

const LM_ROBUST_OPTIONS = { formula: true, rows: true, levels: true, clusters: true, weights: true, fixedEffects: true, subset: true, seType: true, alpha: true, solver: true } satisfies OptionNames<LmRobustOptions>;

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
  refuseUnknownOptions(FN, options, LM_ROBUST_OPTIONS);
  if (options.fixedEffects === undefined) return fitLmRobust(options, true);
  // Transformed terms (`~ log(h)`) become columns of their values, named as R prints them (fixed-effect-terms.ts).
  const { spec, table } = fixedEffectTerms(FN, options.fixedEffects, isDataTable(options.rows) ? options.rows : tableFromRows(options.rows), options.levels);
  const { columns, joined } = fixedEffectSpec(FN, spec, table.names);
  if (options.weights !== undefined && resolveSeType(FN, options.seType, options.clusters !== undefined) === 'CR2') {
    // estimatr 1.0.0's words; the same model with + g in the formula is fitted by both.
    throw new AnalysisError(FN, `cannot use fixedEffects with weighted CR2 estimation (estimatr: "Cannot use \`fixed_effects\` with weighted CR2 estimation at the moment"); write the fixed effects into the formula as + factor(${columns[0]}) instead, which estimatr and vlab fit alike`);
  }
  const result = fitAbsorbing(options, table, columns, groupedFixedEffects(FN, table, columns));
  // estimatr 1.0.0 stops there ("length of 'dimnames' [2] not equal to array extent"): nothing would be estimated.
  if (result.estimates.length === 0) throw new AnalysisError(FN, `no term is left besides the fixed effects ${options.fixedEffects}: add the terms to estimate to "${options.formula}"`);
  refuseLevelsWithoutIntercept(FN, options.formula, result.estimates.map((row) => row.term), table.names);
  if (joined) result.warnings.push(`${FN}: fixedEffects "${options.fixedEffects}" absorbs ${columns.join(' and ')} each, as estimatr reads it (~ ${columns.join(' + ')}), not their combinations; for one group per combination absorb a column that pastes them`);
  return result;
}

/**
 * The fit with the fixed effects' factors in the formula. A fixed effect left with one value once the rows with a
 * missing value are dropped is one group, as one on every row (groupedFixedEffects): estimatr absorbs it alone as the
 * intercept and stops beside others; so does this (the seventeenth R trial; refused as a one-level factor before).
 */
function fitAbsorbing(options: LmRobustOptions, table: DataTable, columns: readonly string[], grouped: string[]): LmRobustResult {
  const label = absorbedLabel(parseFormula(FN, options.formula, table.names).variables);
  const formula = withFixedEffects(FN, options.formula, grouped, label);
  // The groups of every fixed effect named, a single-group one included: estimatr demeans by it too (by the mean).
  const absorbed = { labels: new Set([...grouped.map(label), '(Intercept)']), columns };
  try {
    return fitLmRobust({ ...options, rows: table, formula, fixedEffects: undefined }, true, absorbed);
  } catch (error) {
    const single = error instanceof AnalysisError && error.code === 'one_level_factor' ? grouped.find((name) => error.arguments?.[0] === label(name)) : undefined;
    if (single === undefined) throw error;
    if (grouped.length > 1) {
      throw new AnalysisError(FN, `fixedEffects column "${single}" has one value on the rows without missing values: estimatr refuses a fixed effect with only one group beside others ("Can't have a fixed effect with only one group AND multiple fixed effect variables"); leave it out`);
    }
    return fitAbsorbing(options, table, columns, []);
  }
}

/**
 * The fit. With an intercept, an outcome far from zero next to its spread is fitted less its first value
 * (`shiftResponse`, firstValueShift): in exact arithmetic only the intercept moves, by that value, which is added back;
 * but an outcome near 1e9 varying in the fourth decimal keeps its digits, as in difference in means (y − y₁ is exact there, Sterbenz), where the QR of y lost 1e-4 of a slope
 * (the thirteenth R trial, tests/analysis/lm-robust-huge-outcome.test.ts). Without an intercept (or where it is
 * aliased) the shift would move other coefficients, so y is fitted as it is.
 */
function fitLmRobust(options: LmRobustOptions, shiftResponse: boolean, absorbed?: Absorbed): LmRobustResult {
  const { rows, levels, clusters } = options;
  const alpha = checkAlpha(FN, options.alpha);
  const solver = options.solver ?? 'auto';
  if (solver !== 'auto' && solver !== 'qr') throw new AnalysisError(FN, `unknown solver "${String(solver)}" (valid: auto, qr)`);
  const seType = resolveSeType(FN, options.seType, clusters !== undefined);
  if (options.subset !== undefined && seType === 'cregg') {
    // survey's subset(design) keeps every cluster in G/(G − 1) and computes scale() on the kept rows: another model.
    throw new AnalysisError(FN, 'subset is lm_robust\'s argument; se type cregg follows cregg and survey::svyglm, which have none: keep the rows you want in the data first');
  }
  const whole = isDataTable(rows) ? rows : tableFromRows(rows);
  // cregg: svydesign(ids = ~cl, weights = ~w) stops on a missing cluster or weight, so those rows are not in the
  // analyst's data, and svyglm evaluates scale(), mean(), poly() on the others; lm_robust's model frame evaluates them
  // on every row and drops rows after (R trial 33). Row numbers in messages count the design's rows then.
  const table = seType === 'cregg' && clusters !== undefined ? completeRows(whole, options.weights === undefined ? [clusters] : [clusters, options.weights]) : whole;
  const formula = parseFormula(FN, options.formula, table.names);
  const fixedEffects = absorbed && { labels: absorbed.labels, name: `~ ${absorbed.columns.join(' + ')}` };
  const frame = modelFrame(FN, table, formula, levels, { weights: options.weights, clusters, subset: options.subset, absorbed: fixedEffects });
  if (absorbed && frame.weights) refuseUnweightedLevels(formula, frame, absorbed.labels, options.weights as string);
  const n = frame.index.length;
  let index = frame.index;
  const shift = shiftResponse && formula.intercept ? firstValueShift(frame.response) : 0;
  let y = shift === 0 ? frame.response : frame.response.map((value) => value - shift);
  let design = buildDesignMatrix(formula, frame);
  let w0 = frame.weights;
  const unsorted = { design, weights: w0 };
  let order: Int32Array | null = null;
  if (clusters !== undefined) {
    // estimatr sorts the rows by cluster before its QR (prep_data: order(cluster)); the same order gives the same
    // rounding, and so the same choice between columns that are collinear only together.
    order = clusterOrder(table, index, clusters);
    if (order) {
      index = permute(index, order);
      y = permute(y, order);
      design = permuteRows(design, order);
      if (w0) w0 = permute(w0, order);
    }
  }

  // Weights normalised to mean 1 (R's mean, to the bit), then √w scaling of X and y (estimatr's lm_robust_fit).
  const { w, yFit, ...scaled } = weighted(options.weights, index, design, y, w0);
  let designFit = scaled.designFit;
  if (absorbed && absorbed.columns.length === 1 && solver === 'auto' && isDemeanedSeType(seType)) {
    const demeaned = fitDemeaned({ options, table, formula, frame, index, design, y, w, seType, alpha, absorbed, shift });
    if (demeaned) return demeaned;
  }

  // The cregg type is survey::svyglm's fit, whose QR aliases the last column of a dependent set (in order), where
  // estimatr's pivoting may alias another: those columns are zeroed, so the pivoted QR aliases exactly them.
  if (seType === 'cregg') [design, designFit] = aliasedInOrder(design, designFit, yFit);
  // estimatr leaves out the columns its pivoted QR of the demeaned columns leaves out (fixed-effects-aliasing.ts): a
  // term in the span of the fixed effects (zero once demeaned), or one of a dependent set.
  if (absorbed) [design, designFit] = aliasedAsDemeaned(absorbed, table, frame.index, { unsorted, order, sw: w?.map(Math.sqrt) }, design, designFit, yFit);

  let result: FitWithVariance | null = null;
  if (clusters === undefined && solver === 'auto') {
    const fit = normalEquationsLeastSquares(designFit, yFit);
    const vcov = fit && sparseHeteroskedasticVariance(seType as HeteroskedasticType, designFit, yFit, fit.coef, fit.xtxInv);
    if (fit && vcov) result = { fit, vcov, df: new Float64Array(fit.rank).fill(n - fit.rank), nClusters: null };
  }
  const path = result ? 'cholesky' : 'qr';
  result ??= qrFitWithVariance(options, table, seType, index, design, designFit, yFit, y, w);

  const { fit, vcov, df, nClusters } = result;
  if (shift !== 0 && !fit.kept.includes(0)) return fitLmRobust(options, false, absorbed);
  const hidden = absorbed ? absorbedColumns(formula, frame, design.names, absorbed.labels) : new Set<string>();
  const warnings = [...frame.warnings, ...(result.warnings ?? [])];
  const moved = keptTerms(result, result.leverageOneCoefficients?.partly ?? [], design.names, hidden);
  if (result.leverageOneRows || moved.length > 0) warnings.push(leverageOneWarning(seType, result.leverageOneRows ?? 0, moved));
  // estimatr's add_cis_pvals: df ≤ 0 (n = rank) becomes NA, and with it the p-value and the interval (NaN stays NaN).
  const noDf = df !== null && df.some((value) => value <= 0);
  const perfectFit = essentiallyPerfectFit(design, y, fit.coef, w, n - fit.rank, shift);
  if (result.vanishingClusters !== undefined && !perfectFit) throw new AnalysisError(FN, vanishingScoresMessage(result.vanishingClusters));
  if (perfectFit) warnings.push(PERFECT_FIT_WARNING);
  if (noDf) warnings.push(`${FN}: some degrees of freedom are zero or negative (${n} rows for ${fit.rank} coefficients); p-values and confidence intervals are NA, as in estimatr`);
  const undefinedSe = perfectFit ? new Set<number>() : withoutVariance(result, design.names, hidden, seType, warnings);
  const { estimates, vcov: covariance } = tidyEstimates(design.names, formula.response, fit, vcov, df, seType, alpha, shift, undefinedSe);
  const output: LmRobustResult = { estimates, nobs: n, nDropped: rows.length - n - frame.nOutside, rank: fit.rank, seType, nClusters, warnings, vcov: covariance, solver: path };
  return absorbed ? withoutAbsorbed(output, hidden) : output;
}

/** The tidy rows of every design column (aliased ones null) and the variance of the kept ones, by name. */
function tidyEstimates(
  names: readonly string[],
  response: string,
  fit: Pick<LeastSquaresFit, 'coef' | 'kept' | 'rank'>,
  vcov: Float64Array,
  df: Float64Array | null,
  seType: SeType,
  alpha: number,
  shift: number,
  noVariance: ReadonlySet<number> = new Set(),
): Pick<LmRobustResult, 'estimates' | 'vcov'> {
  const { rank: r, kept } = fit;
  const position = new Map(Array.from(kept, (column, k) => [column, k]));
  const estimates = names.map((term, j) => {
    const k = position.get(j);
    if (k === undefined) return tidyRow(term, response, null, null, null, alpha);
    // A variance that is 0 in exact arithmetic (a constrained AMCE of a level every respondent chose alike) can come
    // out as −1e-30: survey::svyglm (the cregg type) reports a roundoff SE there, not NaN; estimatr's types keep
    // R's sqrt of a negative, NaN.
    const variance = seType === 'cregg' ? Math.max(0, vcov[k * r + k]) : vcov[k * r + k];
    const row = tidyRow(term, response, j === 0 ? fit.coef[j] + shift : fit.coef[j], Math.sqrt(variance), df ? df[k] : null, alpha);
    // CR2's df of a variance 0 by construction is a ratio of rounding residues (R trial 38: 19.52 in R, 19.54 here).
    // df ≤ 0 (n = rank, every row of leverage 1) is NA as below.
    if (noVariance.has(k)) return { ...row, std_error: null, statistic: null, p_value: null, conf_low: null, conf_high: null, df: seType === 'CR2' || (df && df[k] <= 0) ? null : row.df };
    return df && df[k] <= 0 ? { ...row, p_value: null, conf_low: null, conf_high: null, df: null } : row;
  });
  const terms = Array.from(kept, (j) => names[j]);
  const matrix = terms.map((_, i) => Array.from(vcov.subarray(i * r, (i + 1) * r)));
  return { estimates, vcov: { terms, matrix } };
}

/** What fitLmRobust knows when it tries the demeaned path. */
interface DemeanedContext {
  options: LmRobustOptions;
  table: DataTable;
  formula: Formula;
  frame: ModelFrame;
  /** Rows in fit order (sorted by cluster where there are clusters), and the design, y (shifted) and weights in it. */
  index: Int32Array;
  design: SparseDesign;
  y: Float64Array;
  w: Float64Array | undefined;
  seType: DemeanedSeType;
  alpha: number;
  absorbed: Absorbed;
  shift: number;
}

/**
 * One fixed effect absorbed by demeaning (demeaned-fit.ts): the same estimates, SEs and df as the fit with its dummies
 * in far less time (1,000 respondents' groups: a QR of the formula's columns instead of ~1,000 more). Null — take the
 * fit with the dummies — where that fit must decide: a rank-deficient design, a column in the groups' span, absorbed
 * columns other than the groups' (an interaction with the fixed effect comes after them and is demeaned like any).
 */
function fitDemeaned(context: DemeanedContext): LmRobustResult | null {
  const { options, table, formula, frame, index, design, y, w, seType, alpha, absorbed, shift } = context;
  const hidden = absorbedColumns(formula, frame, design.names, absorbed.labels);
  const leading = leadingAbsorbed(design.names, absorbed.labels);
  if (design.names.some((name, j) => hidden.has(name) !== j < leading)) return null;
  const group = groupCodes(table, index, absorbed.columns[0]);
  // A fixed effect of one group is the intercept alone: nothing to gain, and the plain fit's numbers to the bit.
  if (group.count < 2) return null;
  const clusters = options.clusters === undefined ? undefined : groupCodes(table, index, options.clusters);
  // One cluster is refused in words on the reference path.
  if (clusters && clusters.count < 2) return null;
  const fitted = demeanedFit({ design, absorbed: leading, groups: group.codes, groupCount: group.count, y, w, seType, clusters });
  if (!fitted) return null;
  const n = design.n;
  const warnings = [...frame.warnings];
  if (fitted.leverageOne) warnings.push(leverageOneWarning(seType, fitted.leverageOne));
  if (perfectFitFromResiduals(y, fitted.residuals, w, n - fitted.rank, shift)) warnings.push(PERFECT_FIT_WARNING);
  const names = design.names.slice(leading);
  const { estimates, vcov } = tidyEstimates(names, formula.response, fitted.fit, fitted.vcov, fitted.df, seType, alpha, 0);
  return { estimates, nobs: n, nDropped: options.rows.length - n - frame.nOutside, rank: fitted.rank, seType, nClusters: fitted.nClusters, warnings, vcov, solver: 'qr' };
}

/**
 * HC2/HC3's word on rows of leverage 1, whose weight is taken as 0 (`count`, 0 under HC0/HC1, which weigh them by their
 * residual, 0), naming the coefficients such rows move beside other rows (task 43: fhi:t of y ~ x + f:x + t + t:f
 * with one "hi" row is y_hi less the others' prediction there), whose SE holds the other rows' part only. The
 * coefficients they do not move have the SEs of the fit without them.
 */
function leverageOneWarning(seType: SeType, count: number, moved: readonly string[] = []): string {
  const parts: string[] = [];
  if (count > 0) {
    parts.push(`${count} row${count === 1 ? ' has' : 's have'} leverage 1 (the only observation of a factor level or cell, or N = rank): ${seType}'s weight e²/(1 − h)${seType === 'HC3' ? '²' : ''} is 0/0 there and is taken as 0, as HC0 gives it (estimatr prints rounding noise or NaN)`);
  }
  if (moved.length > 0) {
    const one = moved.length === 1;
    parts.push(`the ${seType} SE${one ? '' : 's'} of ${andList(moved.map((term) => `"${term}"`))}, which ${count > 1 ? 'rows of leverage 1 move' : 'a row of leverage 1 moves'}, ` +
      `${one ? 'counts' : 'count'} only the other rows' part, as such a row has no residual to estimate its own variance, and so ${one ? 'understates' : 'understate'} the uncertainty of ${one ? 'that estimate' : 'those estimates'}`);
  }
  return `${FN}: ${parts.join('; ')}`;
}

/**
 * y's first value where y sits far from zero next to its spread (|y₁| above 1e4 × its range: at 1e9 ± 1e-3 that is 1e12,
 * and the fit of y loses 12 digits), else 0: an outcome of ordinary scale (a 0/1 choice, a rating) is fitted as it is,
 * to the bit as before. Also 0 where y is constant or empty, or where y − y₁ would not be finite (±1e308).
 */
function firstValueShift(y: Float64Array): number {
  if (y.length === 0) return 0;
  let min = y[0];
  let max = y[0];
  for (const value of y) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const first = y[0];
  const far = Math.abs(first) > 1e4 * (max - min) && max > min;
  return far && Number.isFinite(max - first) && Number.isFinite(min - first) ? first : 0;
}

/** Weights normalised to mean 1 (R's mean, to the bit), and X and y scaled by √w for the fit (estimatr's lm_robust_fit). */
function weighted(weights: string | undefined, index: Int32Array, design: SparseDesign, y: Float64Array, raw: Float64Array | undefined) {
  if (!raw) return { w: undefined, designFit: design, yFit: y };
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] < 0) throw new AnalysisError(FN, `weights column "${weights}" has a negative value (row ${index[i] + 1})`);
  }
  const mean = meanAsR(raw);
  if (!(mean > 0)) throw new AnalysisError(FN, `weights column "${weights}" has no positive weight`);
  const w = raw.map((value) => value / mean);
  const sw = w.map(Math.sqrt);
  return { w, designFit: scaleRows(design, sw), yFit: y.map((value, i) => value * sw[i]) };
}

/** The pivoted-QR path on the dense design: rank-deficient or ill-conditioned designs, clusters, `solver: 'qr'`. */
function qrFitWithVariance(
  options: LmRobustOptions,
  table: DataTable,
  seType: SeType,
  index: Int32Array,
  design: SparseDesign,
  designFit: SparseDesign,
  yFit: Float64Array,
  y: Float64Array,
  w: Float64Array | undefined,
): FitWithVariance {
  const { clusters, weights } = options;
  const { n, p } = design;
  const xFit = denseColumns(designFit);
  const fit = leastSquares(xFit, n, p, yFit);
  const r = fit.rank;
  const kept = fit.kept;
  const beta = Float64Array.from(kept, (j) => fit.coef[j]);
  const xKept = r === p ? xFit : keptColumns(xFit, n, kept);
  const resid = residuals(xKept, n, r, beta, yFit);
  if (clusters === undefined) {
    const report = { leverageOne: 0 };
    const inQ = fit.condition > Q_COORDINATES_ABOVE;
    const vcov = heteroskedasticVariance(seType as HeteroskedasticType, xKept, n, r, fit.xtxInv, fit.b, resid, inQ, report);
    // HC2/HC3 count the rows of leverage 1 as they weigh them; HC0/HC1 weigh them by their residual, 0, and do not
    // look: a row of leverage 1 is fitted exactly, so only a fit with a residual of about 0 can have one, and only
    // such a fit pays the search's pass over every row (+20 % of an HC1 fit of 200,000 rows and 36 columns).
    const looked = report.leverageOne > 0 || ((seType === 'HC0' || seType === 'HC1') && someResidualAboutZero(resid, yFit));
    const moved = looked ? coefficientsOfLeverageOneRows(xKept, n, r, fit.xtxInv) : { decided: [], partly: [] };
    return { fit, vcov, df: new Float64Array(r).fill(n - r), nClusters: null, leverageOneRows: report.leverageOne, ...(moved.decided.length + moved.partly.length > 0 ? { leverageOneCoefficients: moved } : {}) };
  }

  const { codes, count } = groupCodes(table, index, clusters);
  // One cluster carries no information about the variance: estimatr prints SEs of ~1e-16 with df 1 (CR2)
  // or NaN p-values (CR0); an error says what is wrong instead.
  if (count < 2) throw new AnalysisError(FN, `clustered standard errors need at least two clusters; "${clusters}" has ${count}`);
  const residualsOf = (probe: Float64Array): Float64Array => {
    const probeFit = leastSquares(xFit, n, p, probe);
    return residuals(xKept, n, r, Float64Array.from(kept, (j) => probeFit.coef[j]), probe);
  };
  const vanishing = clusterScoresVanishByDesign(xKept, n, r, resid, codes, count, residualsOf) ? { vanishingClusters: clusters } : {};
  const own = vanishing.vanishingClusters ? [] : coefficientsWithVanishingScoresByDesign(xKept, n, r, fit.xtxInv, resid, codes, count, residualsOf);
  if (own.length > 0) Object.assign(vanishing, { ownCoefficients: { positions: own, clusters } });
  if (seType === 'CR2') {
    const xUnweighted = weights === undefined ? xKept : denseColumns(design);
    const xRaw = weights === undefined || r === p ? xUnweighted : keptColumns(xUnweighted, n, kept);
    const rawResid = weights === undefined ? resid : residuals(xRaw, n, r, beta, y);
    const cr2 = cr2Variance({ x: xRaw, n, r, b: fit.b, resid: rawResid, clusters: codes, groups: count, weights: w });
    return { fit, vcov: cr2.vcov, df: cr2.df, nClusters: count, ...vanishing };
  }
  const psus = seType === 'cregg' ? designClusterCount(table, clusters, weights) : count;
  const vcov = clusterVariance(seType as 'CR0' | 'stata' | 'cregg', xKept, n, r, fit.b, resid, codes, count, psus);
  return { fit, vcov, df: seType === 'cregg' ? null : new Float64Array(r).fill(count - 1), nClusters: count, ...vanishing };
}

/**
 * The kept positions whose SE is NA, the variance 0 by construction (coefficient-cluster-scores.ts, R trial 38) or
 * decided by rows of leverage 1 only (leverage-one-coefficients.ts, R trial 40), each with its warning pushed.
 */
function withoutVariance(result: FitWithVariance, names: readonly string[], hidden: ReadonlySet<string>, seType: SeType, warnings: string[]): Set<number> {
  const own = result.ownCoefficients;
  const decided = result.leverageOneCoefficients?.decided ?? [];
  const termsOf = (positions: number[]) => keptTerms(result, positions, names, hidden);
  const ownTerms = own ? termsOf(own.positions) : [];
  if (own && ownTerms.length > 0) warnings.push(ownCoefficientsWarning(ownTerms, own.clusters));
  const decidedTerms = termsOf(decided);
  if (decidedTerms.length > 0) warnings.push(leverageOneCoefficientsWarning(decidedTerms, seType));
  return new Set([...(own?.positions ?? []), ...decided]);
}

/** The word on coefficients fitted within single clusters, whose SEs are NA (coefficient-cluster-scores.ts, R trial 38). */
function ownCoefficientsWarning(terms: string[], clusters: string): string {
  const list = andList(terms.map((term) => `"${term}"`));
  const one = terms.length === 1;
  return `${FN}: the clustered standard error${one ? '' : 's'} of ${list} ${one ? 'is' : 'are'} 0 by construction: the rows that decide ${one ? 'it' : 'them'} lie within single clusters of "${clusters}" ` +
    `(a level or cell found in one cluster only), whose residuals cancel there, so no variation between clusters is left; vlab gives NA, estimatr prints NaN or rounding noise (SE ~1e-8, t ~1e7). ` +
    `The estimates stand; the other coefficients' SEs are unaffected`;
}

/** The word on coefficients only rows of leverage 1 decide, whose HC0–HC3 SEs are NA (leverage-one-coefficients.ts, R trial 40). */
function leverageOneCoefficientsWarning(terms: string[], seType: SeType): string {
  const list = andList(terms.map((term) => `"${term}"`));
  const one = terms.length === 1;
  return `${FN}: the ${seType} standard error${one ? '' : 's'} of ${list} ${one ? 'is' : 'are'} not defined: only rows of leverage 1 decide ${one ? 'it' : 'them'} ` +
    `(a level or cell of one row), whose residual is 0 by construction, so no variation is left for ${one ? 'its' : 'their'} SE; vlab gives NA, estimatr prints NaN or rounding noise. The estimates and the other coefficients' SEs stand`;
}

/** The names of kept positions; the fixed effects' own dummies (fitted as columns there) are not named. */
function keptTerms(result: FitWithVariance, positions: number[], names: readonly string[], hidden: ReadonlySet<string>): string[] {
  return positions.map((k) => names[result.fit.kept[k]]).filter((term) => !hidden.has(term));
}

/** The refusal of a clustered fit whose every score is 0 by construction (cluster-scores.ts). */
function vanishingScoresMessage(clusters: string): string {
  return `clustered standard errors are 0 by construction here: every cluster of "${clusters}" has coefficients of its own (the formula holds the clusters' levels, alone or with their interactions), so its residuals sum to 0 against every column and no variation between clusters is left (estimatr prints rounding noise, SE ~1e-16); cluster on a coarser grouping, or leave "${clusters}" out of the formula`;
}

/**
 * The designs with the columns svyglm would alias (in order) set to 0. X'X (keptInOrderFromGram) decides where it keeps
 * every column; where it finds one dependent, glm's QR on X decides (keptInOrderByQr): X'X cannot tell a column 1e-7 off
 * another from an exact copy, which svyglm keeps (R trial 32).
 */
function aliasedInOrder(design: SparseDesign, designFit: SparseDesign, yFit: Float64Array): [SparseDesign, SparseDesign] {
  const fromGram = keptInOrderFromGram(crossProducts(designFit, yFit).xtx, design.p);
  const kept = fromGram.every(Boolean) ? fromGram : keptInOrderByQr(designFit);
  return kept.every(Boolean) ? [design, designFit] : [withoutColumns(design, kept), withoutColumns(designFit, kept)];
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

/**
 * The row order of estimatr's `order(cluster)`, or null when the rows already are in it: stable, by number when
 * every cluster value is numeric (an integer column, or a numeric one made a factor, sorts by value), else by the
 * values' code points (R's factor levels of a character column, in the C locale). Only the G distinct values are
 * sorted; rows are then placed by a counting sort.
 */
function clusterOrder(table: DataTable, index: Int32Array, name: string): Int32Array | null {
  const n = index.length;
  const column = table.column(name)!;
  const { codes, count, first } = groupCodes(table, index, name);
  // Each cluster's value: a code into the labels (character) or the number itself.
  const values = Array.from(first, (i) => (column.type === 'character' ? column.codes[index[i]] : column.values[index[i]]));
  // R's order(): numbers by value; strings by code point (R uses the locale's collation: docs/analysis.md).
  const labels = column.type === 'character' ? values.map((code) => column.labels[code]) : null;
  const sorted = Array.from(values, (_, k) => k).sort(
    labels ? (a, b) => compareCodePoints(labels[a], labels[b]) : (a, b) => values[a] - values[b],
  );
  const rank = new Int32Array(count);
  sorted.forEach((code, position) => (rank[code] = position));
  let inOrder = true;
  for (let i = 1; i < n && inOrder; i++) inOrder = rank[codes[i - 1]] <= rank[codes[i]];
  if (inOrder) return null;
  const starts = new Int32Array(count + 1);
  for (let i = 0; i < n; i++) starts[rank[codes[i]] + 1]++;
  for (let k = 0; k < count; k++) starts[k + 1] += starts[k];
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[starts[rank[codes[i]]]++] = i;
  return order;
}

function permute<T extends Float64Array | Int32Array>(values: T, order: Int32Array): T {
  const out = values.slice() as T;
  for (let i = 0; i < order.length; i++) out[i] = values[order[i]];
  return out;
}
