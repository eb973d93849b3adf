import { AnalysisError } from './errors.ts';
import { checkAlpha } from './helpers/alpha.ts';
import { clusteredEstimate, readWeights, weightedHc2Estimate, type BlockEstimate } from './difference-in-means-arms.ts';
import { checkClustersNested, checkClustersPerArm, checkClusterTreatment, oneValuePerArm } from './difference-in-means-checks.ts';
import { completeRows, groupCodes, isMissing, numericColumn, requireColumns, subset, type Levels, type Row } from './helpers/data.ts';
import { meanAsR } from './helpers/mean.ts';
import { missingRoleWarnings, type MissingRole } from './helpers/missing-roles.ts';
import { LOGICAL_VALUES, tableFromRows, type Column, type DataTable } from './helpers/data-table.ts';
import { compareCodePoints } from './helpers/level-order.ts';
import { readRNumber } from './helpers/parse-decimal.ts';
import { formatRNumber } from './helpers/r-number.ts';
import { subsetRows } from './helpers/subset-rows.ts';
import { tidyRow, type TidyRow } from './helpers/tidy.ts';
import { refuseUnknownOptions, type OptionNames } from './helpers/option-names.ts';

export interface DifferenceInMeansOptions {
  rows: readonly Row[];
  outcome: string;
  /** Treatment column with two values; the larger (1) is treatment unless `condition1`/`condition2` say. */
  treatment: string;
  blocks?: string;
  clusters?: string;
  /**
   * Weights column, as estimatr's `weights =`: non-negative, rows with a missing weight dropped. Without clusters
   * each arm (block) is the weighted HC2 regression y ~ 1 + t (df N − 2, not Welch); blocks are weighted by their
   * total weight. Matched pairs are refused, as estimatr refuses them.
   */
  weights?: string;
  /** Control value (default: the smaller of the two values). */
  condition1?: string | number;
  /** Treatment value (default: the larger of the two values). */
  condition2?: string | number;
  /**
   * Declared levels, as R's `factor(x, levels = ...)`: a value outside them is missing and its row dropped; for
   * the treatment, the first two levels present are control and treatment (estimatr's `levels(droplevels(t))`).
   */
  levels?: Levels;
  /**
   * estimatr's `subset`: an R condition over the columns (`age >= 30 & wave == 2`); rows where it is FALSE or NA are
   * left out before the conditions and blocks are read, as difference_in_means's model.frame does.
   */
  subset?: string;
  alpha?: number;
}

export interface DifferenceInMeansResult {
  estimates: TidyRow[];
  nobs: number;
  nDropped: number;
  /** estimatr's design, with " (weighted)" appended when weights were given. */
  design: Design | `${Design} (weighted)`;
  /** estimatr's warnings: rows dropped for a missing weight, block or cluster; blocks of two beside larger ones. */
  warnings: string[];
}

type Design = 'Standard' | 'Clustered' | 'Blocked' | 'Block-clustered' | 'Matched-pair' | 'Matched-pair clustered';

const FN = 'differenceInMeans';

interface Arm {
  y: Float64Array;
  t: Uint8Array;
  cluster: Int32Array | undefined;
  w: Float64Array | undefined;
}

const DIFFERENCE_IN_MEANS_OPTIONS = { rows: true, outcome: true, treatment: true, blocks: true, clusters: true, weights: true, condition1: true, condition2: true, levels: true, subset: true, alpha: true } satisfies OptionNames<DifferenceInMeansOptions>;

/**
 * Difference in means as R's `estimatr::difference_in_means`: Welch SE and Welch–Satterthwaite df; with
 * clusters, the CR2 coefficient of y ~ 1 + t with Bell–McCaffrey df; with blocks, Σ (N_j/N)·d_j with variance
 * Σ (N_j/N)² V_j and df N − 2J (clusters − 2J when clustered), or the matched-pair estimator (Gerber & Green
 * 2012, eq. 3.16; Imai, King & Nall 2009) when blocks hold two units (clusters), df J − 1. With `weights`, as
 * estimatr: each arm (block) is the weighted regression y ~ 1 + t with HC2 variance and df N − 2 (CR2 and
 * Bell–McCaffrey df when clustered), blocks count by their total weight, and matched pairs are refused.
 *
 * @example differenceInMeans({ rows, outcome: 'economic_sanctions', treatment: 'violated' }).estimates[0].df // 364.308…
 */
export function differenceInMeans(options: DifferenceInMeansOptions): DifferenceInMeansResult {
  refuseUnknownOptions(FN, options, DIFFERENCE_IN_MEANS_OPTIONS);
  const { rows, outcome, treatment, blocks, clusters, weights } = options;
  const alpha = checkAlpha(FN, options.alpha);
  const used = [outcome, treatment, ...[blocks, clusters, weights].filter((name) => name !== undefined)];
  requireColumns(FN, rows, [outcome], 'outcome');
  requireColumns(FN, rows, [treatment], 'treatment');
  if (blocks) requireColumns(FN, rows, [blocks], 'blocks');
  if (clusters) requireColumns(FN, rows, [clusters], 'clusters');
  if (weights) requireColumns(FN, rows, [weights], 'weights');
  // Every column typed as read.csv types it: TRUE/FALSE is 1/0, and a "NaN" cell of a numeric column (text in a
  // record, as the CSV reader's NaN) is missing to estimatr's na.omit, in the treatment, blocks and clusters too.
  const table = tableFromRows(rows);
  const outcomeColumn = table.column(outcome) as Column;
  // The result has no warnings to carry (R's NaN warnings of the condition): its rows are left out all the same.
  const outside = options.subset === undefined ? undefined : subsetRows({ fn: FN, table, levels: options.levels, warn: () => {}, warnedOrder: new Set() }, options.subset);
  const complete = used.reduce((index, name) => withoutNaN(index, table.column(name) as Column), withinLevels(rows, completeRows(rows, used), used, options.levels));
  const all = outside ? complete.filter((i) => !outside[i]) : complete;
  const missing = missingRolesOf(options, table, outside);
  const declared = options.levels && Object.hasOwn(options.levels, treatment) ? options.levels[treatment] : undefined;
  const [control, treated] = conditions(rows, all, treatment, declared, options.condition1, options.condition2);
  const index = all.filter((i) => String(rows[i][treatment]) === control || String(rows[i][treatment]) === treated);
  if (index.length === 0) throw new AnalysisError(FN, `no rows without missing values in ${used.join(', ')}`);
  const y = outcomeColumn.type === 'logical' ? subset(outcomeColumn.values, index) : numericColumn(FN, rows, index, outcome, 'outcome');
  const t = Uint8Array.from(index, (i) => (String(rows[i][treatment]) === treated ? 1 : 0));
  const cluster = clusters ? groupCodes(rows, index, clusters).codes : undefined;
  const blockCodes = blocks ? groupCodes(rows, index, blocks).codes : undefined;
  // estimatr checks the nesting (check_clusters_blocks) before the treatment within clusters.
  if (cluster && blockCodes) checkClustersNested(rows, index, { cluster, block: blockCodes }, clusters as string, blocks as string);
  if (cluster) checkClusterTreatment(cluster, t);
  // Not divided by their mean here (estimatr does): every use below is invariant to the weights' scale.
  const w = weights ? readWeights(rows, all, index, weights) : undefined;

  const term = treatmentTerm(rows, treatment, control, treated);
  const result = (design: Design, est: BlockEstimate, warnings: string[] = []): DifferenceInMeansResult => ({
    estimates: [tidyRow(term, outcome, est.estimate, est.se, est.df, alpha)],
    nobs: index.length,
    nDropped: rows.length - index.length - (outside ? outside.reduce((a, b) => a + b, 0) : 0),
    design: w ? `${design} (weighted)` : design,
    warnings: [...missing, ...warnings],
  });
  const whole: Arm = { y, t, cluster, w };
  if (!blocks && cluster) checkClustersPerArm(cluster, t, clusters as string);
  // Matched pairs take their variance from the pairs' differences (exact 0 for such an outcome, in R too): not refused.
  const refuseConstant = (pairMatched: boolean) => {
    if (!pairMatched && (cluster || w) && oneValuePerArm(y, t, blockCodes)) {
      throw new AnalysisError(FN, `outcome "${outcome}" takes one value in each arm${blocks ? ' of every block' : ''}: its standard error is 0 by construction, and estimatr's ${cluster ? 'clustered' : 'weighted'} route (a regression) prints rounding noise for it (SE ~1e-16, a t statistic of any size)`);
    }
  };
  if (!blockCodes) {
    refuseConstant(false);
    return result(cluster ? 'Clustered' : 'Standard', armEstimate(whole, false, weights));
  }
  const { design, estimate, warnings } = blockedEstimate(whole, blockCodes, weights, refuseConstant);
  return result(design, estimate, warnings);
}

/**
 * estimatr's blocked estimate: Σ (N_j/N)·d_j with N_j the block's rows (its total weight when weighted), and the
 * matched-pair variance when some block holds two units (clusters), which estimatr refuses with weights.
 */
/**
 * estimatr's warnings for rows that only a missing weight, block or cluster drops (missing-roles.ts, R trial 41), counted
 * as its model frame counts them: weights, then blocks, then clusters, among the rows the subset keeps. One pass a
 * column into a byte a row, and none over the outcome and treatment where no role misses a row (the usual case): R
 * trial 42 measured trial 41's sets of row numbers at 3.0–4.7 s against 1.6 s without the check (1,000,000 rows, weighted).
 */
function missingRolesOf(options: DifferenceInMeansOptions, table: DataTable, outside: Uint8Array | undefined): string[] {
  const { rows, outcome, treatment } = options;
  const candidates: [MissingRole['role'], string | undefined][] = [['weight', options.weights], ['block', options.blocks], ['cluster', options.clusters]];
  const named = candidates.filter((role): role is [MissingRole['role'], string] => role[1] !== undefined);
  const masks = named.map(([, name]) => presentMask(options, table, name));
  if (masks.every((mask) => mask.every((present) => present === 1))) return [];
  const roles: MissingRole[] = named.map(([role, name], k) => ({ role, name, missing: (i: number) => masks[k][i] === 0 }));
  const [y, t] = [presentMask(options, table, outcome), presentMask(options, table, treatment)];
  return missingRoleWarnings(FN, rows.length, (i) => y[i] === 1 && t[i] === 1 && !outside?.[i], roles);
}

/** 1 where a row's value of the column is present as the fit reads it: not missing, not R's NaN, within declared levels. */
function presentMask(options: DifferenceInMeansOptions, table: DataTable, name: string): Uint8Array {
  const { rows, levels } = options;
  const column = table.column(name) as Column;
  const declared = levels && Object.hasOwn(levels, name) ? new Set(levels[name]) : undefined;
  const mask = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const value = rows[i][name];
    const present = !isMissing(value) && !(column.type === 'numeric' && Number.isNaN(column.values[i])) && (declared === undefined || declared.has(String(value)));
    mask[i] = present ? 1 : 0;
  }
  return mask;
}

function blockedEstimate(
  whole: Arm,
  codes: Int32Array,
  weights: string | undefined,
  refuseConstant: (pairMatched: boolean) => void,
): { design: Design; estimate: BlockEstimate; warnings: string[] } {
  const { y, t, cluster, w } = whole;
  const membersOf: number[][] = [];
  codes.forEach((block, i) => (membersOf[block] ??= []).push(i));
  const perBlock: Arm[] = membersOf.map((members) => ({
    y: Float64Array.from(members, (i) => y[i]),
    t: Uint8Array.from(members, (i) => t[i]),
    cluster: cluster ? Int32Array.from(members, (i) => cluster[i]) : undefined,
    w: w ? Float64Array.from(members, (i) => w[i]) : undefined,
  }));
  const unitsPerBlock = perBlock.map((arm) => (arm.cluster ? new Set(arm.cluster).size : arm.y.length));
  if (unitsPerBlock.some((units) => units === 1)) throw new AnalysisError(FN, `every block must have more than one ${cluster ? 'cluster' : 'unit'}`);
  const pairMatched = unitsPerBlock.some((units) => units === 2);
  // estimatr warns where blocks of two sit beside larger ones (R trial 41: vlab said nothing until then).
  const unit = cluster ? 'clusters' : 'units';
  const warnings = pairMatched && unitsPerBlock.some((units) => units > 2)
    ? [`${FN}: some blocks have two ${unit} while others have more: the matched-pair estimator of the variance is used for every block, as estimatr does (df J − 1), since a block of two has no variance of its own`]
    : [];
  if (pairMatched && weights) {
    throw new AnalysisError(FN, `weights column "${weights}" cannot be used with matched pairs (a block of two ${cluster ? 'clusters' : 'units'}), as estimatr refuses it`);
  }
  refuseConstant(pairMatched);
  const estimates = perBlock.map((arm) => armEstimate(arm, pairMatched, weights));
  const nTotal = estimates.reduce((s, e) => s + e.n, 0);
  const estimate = estimates.reduce((s, e) => s + (e.estimate * e.n) / nTotal, 0);
  const J = estimates.length;
  if (pairMatched) {
    let se: number;
    if (cluster) {
      const ss = estimates.reduce((s, e) => s + (e.n * e.estimate - (nTotal * estimate) / J) ** 2, 0);
      se = Math.sqrt((J / ((J - 1) * nTotal * nTotal)) * ss);
    } else {
      se = Math.sqrt((1 / (J * (J - 1))) * estimates.reduce((s, e) => s + (e.estimate - estimate) ** 2, 0));
    }
    return { design: cluster ? 'Matched-pair clustered' : 'Matched-pair', estimate: { estimate, se, df: J - 1, n: nTotal }, warnings };
  }
  const se = Math.sqrt(estimates.reduce((s, e) => s + e.se * e.se * (e.n / nTotal) ** 2, 0));
  const units = unitsPerBlock.reduce((s, u) => s + u, 0);
  return { design: cluster ? 'Block-clustered' : 'Blocked', estimate: { estimate, se, df: units - 2 * J, n: nTotal }, warnings };
}

/** The complete rows whose values lie within the declared levels of every used column that has them. */
function withinLevels(rows: readonly Row[], index: Int32Array, used: readonly string[], levels: Levels | undefined): Int32Array {
  const checks = used.flatMap((name) => {
    const given: unknown = levels && Object.hasOwn(levels, name) ? levels[name] : undefined;
    if (given === undefined) return [];
    if (!(Array.isArray(given) && given.every((level) => typeof level === 'string'))) {
      throw new AnalysisError(FN, `levels for "${name}" must be a list of strings`);
    }
    return [{ name, allowed: new Set(given as string[]) }];
  });
  if (checks.length === 0) return index;
  return index.filter((i) => checks.every(({ name, allowed }) => allowed.has(String(rows[i][name]))));
}

/** The rows whose outcome is not R's NaN (text "NaN" in a numeric column, which read.csv reads as a missing number). */
function withoutNaN(index: Int32Array, column: Column): Int32Array {
  return column.type === 'numeric' ? index.filter((i) => !Number.isNaN(column.values[i])) : index;
}

/**
 * estimatr's term (dim_like_return): the column name when condition2 == 1 and condition1 == 0 in R's comparison
 * — a 0/1 treatment, and a logical one (FALSE/TRUE, also spelled F/T, as read.csv reads it) — else the name
 * pasted to the treated value as R prints it: "zb", "z5", "z1e+05", "zFALSE".
 */
function treatmentTerm(rows: readonly Row[], treatment: string, control: string, treated: string): string {
  const present = rows.map((row) => row[treatment]).filter((value) => !isMissing(value));
  if (present.every((value) => typeof value === 'string' && LOGICAL_VALUES.has(value))) {
    const [c1, c2] = [LOGICAL_VALUES.get(control), LOGICAL_VALUES.get(treated)];
    return c1 === 0 && c2 === 1 ? treatment : treatment + (c2 === 1 ? 'TRUE' : 'FALSE');
  }
  if (isNumericColumn(rows, treatment)) {
    const [c1, c2] = [readRNumber(control), readRNumber(treated) as number];
    return c1 === 0 && c2 === 1 ? treatment : treatment + formatRNumber(c2);
  }
  return control === '0' && treated === '1' ? treatment : treatment + treated;
}

/** Whether read.csv reads the column as numbers: every present value is a number (or a number's text). */
function isNumericColumn(rows: readonly Row[], column: string): boolean {
  return rows.every((row) => {
    const value = row[column];
    return isMissing(value) || typeof value === 'number' || readRNumber(value as string) !== undefined;
  });
}

function conditions(
  rows: readonly Row[],
  index: Int32Array,
  treatment: string,
  declared: readonly string[] | undefined,
  c1?: string | number,
  c2?: string | number,
): [string, string] {
  const values = [...new Set(Array.from(index, (i) => String(rows[i][treatment])))];
  // A numeric treatment's condition is matched by value, as R's %in% compares numbers: 1e5 names 100000, 1.0 names 1.
  if (!declared && isNumericColumn(rows, treatment)) {
    const byValue = (c: string | number | undefined) => (c === undefined ? c : (values.find((v) => readRNumber(v) === readRNumber(String(c))) ?? c));
    [c1, c2] = [byValue(c1), byValue(c2)];
  }
  const named = [c1, c2].filter((c) => c !== undefined).map(String);
  const absent = named.find((c) => !values.includes(c));
  if (absent !== undefined) {
    throw new AnalysisError(FN, `condition "${absent}" is not a value of treatment column "${treatment}" (its values: ${values.slice(0, 5).join(', ')})`);
  }
  if (c1 !== undefined && c2 !== undefined && String(c1) === String(c2)) {
    // estimatr compares the arm with itself (estimate 0, a p of 1); nothing an analyst means.
    throw new AnalysisError(FN, `condition1 and condition2 are both "${c1}": name two different values of treatment column "${treatment}" to compare`);
  }
  if (c1 !== undefined && c2 !== undefined) return [String(c1), String(c2)];
  if (declared) {
    const present = new Set(values);
    values.splice(0, values.length, ...declared.filter((level) => present.has(level)));
  } else {
    // estimatr's sort(unique(t)): by value when read.csv read the column as numbers (every value of it, not only
    // those of the rows kept: "10" and "9" of a column that also holds "n/a" are text, and "10" comes first), else
    // in code-point order (R's C locale).
    if (isNumericColumn(rows, treatment)) values.sort((a, b) => (readRNumber(a) as number) - (readRNumber(b) as number));
    else values.sort(compareCodePoints);
  }
  if (values.length !== 2) {
    throw new AnalysisError(FN, `treatment column "${treatment}" must have exactly two values, found ${values.length} (${values.slice(0, 5).join(', ')}${values.length > 5 ? ', …' : ''})`, {
      code: 'treatment_not_binary',
      arguments: ['condition1', 'condition2'],
      remedy: 'name the two to compare: condition1 and condition2',
    });
  }
  // One condition named: the other value is the other condition, as estimatr's parse_conditions.
  if (c1 !== undefined) return [String(c1), values.find((v) => v !== String(c1)) as string];
  if (c2 !== undefined) return [values.find((v) => v !== String(c2)) as string, String(c2)];
  return [values[0], values[1]];
}

/** One block (or the whole sample): Welch, or CR2 through y ~ 1 + t when clustered, or weighted HC2 (estimatr). */
function armEstimate(arm: Arm, pairMatched: boolean, weights: string | undefined): BlockEstimate {
  const n = arm.y.length;
  let n1 = 0;
  for (let i = 0; i < n; i++) n1 += arm.t[i];
  const n0 = n - n1;
  if (n1 === 0 || n0 === 0) throw new AnalysisError(FN, 'every block must have both treated and control units');
  if (!pairMatched && (n1 === 1 || n0 === 1)) {
    throw new AnalysisError(FN, 'each arm needs at least two units (in every block) for a standard error; blocks of two are matched pairs');
  }
  if (arm.cluster && !pairMatched) return clusteredEstimate(arm.y, arm.t, arm.cluster, arm.w, weights);
  if (arm.w) return weightedHc2Estimate(arm.y, arm.t, arm.w, weights as string);
  const [m1, v1] = meanVar(arm.y, arm.t, 1);
  const [m0, v0] = meanVar(arm.y, arm.t, 0);
  const se = Math.sqrt(v1 / n1 + v0 / n0);
  const df = se ** 4 / ((v1 / n1) ** 2 / (n1 - 1) + (v0 / n0) ** 2 / (n0 - 1));
  return { estimate: m1 - m0, se, df, n };
}

/**
 * An arm's mean and variance. The mean is R's mean() (rounded once), as estimatr's difference_in_means takes it:
 * with an outcome near 1e9 one unit in the last place is 1e-3 of a difference in the fourth decimal, and a running
 * mean was one unit off (tests/analysis/difference-in-means-huge-outcome.test.ts).
 */
function meanVar(y: Float64Array, t: Uint8Array, arm: number): [number, number] {
  const values = y.filter((_, i) => t[i] === arm);
  const mean = meanAsR(values);
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return [mean, ss / (values.length - 1)];
}
