import { AnalysisError } from './errors.ts';
import { numericColumn, requireColumns, type Row } from './helpers/data.ts';
import { cellMissing, tableFromRows, type Column, type DataTable } from './helpers/data-table.ts';
import { refuseUnknownOptions, type OptionNames } from './helpers/option-names.ts';

/** Population margins: variable → level → population share (or count; each variable must total the same). */
export type Margins = Readonly<Record<string, Readonly<Record<string, number>>>>;

export interface RakeOptions {
  rows: readonly Row[];
  margins: Margins;
  /** Column of design (base) weights to start from; default all 1. */
  baseWeights?: string;
  /** Stop when no weight changes by more than this, relative (default 1e-10). */
  tolerance?: number;
  /** Give up after this many full passes over the margins (default 1000). */
  maxIterations?: number;
}

export interface RakeResult {
  /** One weight per row, in data order, normalised to mean 1. */
  weights: Float64Array;
  iterations: number;
}

const FN = 'rake';

const RAKE_OPTIONS = { rows: true, margins: true, baseWeights: true, tolerance: true, maxIterations: true } satisfies OptionNames<RakeOptions>;

/**
 * Raking (iterative proportional fitting, Deming & Stephan 1940): scale the weights to each variable's
 * population margin in turn until none changes. Reaches the same fixed point as R's `survey::rake`; weights
 * come back normalised to mean 1.
 *
 * @example rake({ rows, margins: { gender: { female: 0.51, male: 0.49 } } }).weights
 */
export function rake(options: RakeOptions): RakeResult {
  refuseUnknownOptions(FN, options, RAKE_OPTIONS);
  const { rows, margins } = options;
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 1000;
  if (!(tolerance > 0)) throw new AnalysisError(FN, `tolerance must be positive (got ${tolerance})`);
  if (!(Number.isInteger(maxIterations) && maxIterations > 0)) throw new AnalysisError(FN, `maxIterations must be a positive integer (got ${maxIterations})`);
  if (typeof margins !== 'object' || margins === null || Array.isArray(margins)) throw new AnalysisError(FN, 'margins must map variables to { level: share }');
  const variables = Object.keys(margins);
  if (variables.length === 0) throw new AnalysisError(FN, 'no margins given');
  requireColumns(FN, rows, variables, 'margins');
  const n = rows.length;
  // Cells typed as read.csv types a column, so a "NaN" in numeric codes (text in a record, R's NaN in a CSV) is
  // missing in both and refused in the same words.
  const table = tableFromRows(rows);
  const totals = checkedTotals(margins, variables);

  const codes = variables.map((v, k) => {
    const levels = Object.keys(margins[v]);
    const lookup = new Map(levels.map((level, j) => [level, j]));
    const out = new Int32Array(n);
    const counts = new Int32Array(levels.length);
    const column = table.column(v) as Column;
    rows.forEach((row, i) => {
      if (cellMissing(column, i)) throw missingCell(`column "${v}"`, i, 'value');
      const code = lookup.get(String(row[v]));
      if (code === undefined) throw new AnalysisError(FN, `column "${v}" has value ${JSON.stringify(row[v])} with no population margin (margins: ${levels.join(', ')})`);
      out[i] = code;
      counts[code]++;
    });
    levels.forEach((level, j) => {
      if (counts[j] === 0 && margins[v][level] > 0) throw new AnalysisError(FN, `level "${level}" of "${v}" has a population margin but no respondents, so no weights can give it its share (survey::rake stops too): leave it out of the margins, or give it 0, and rescale the other levels' shares to the total of the other margins`);
      // Raking would weight them 0 (a third of a sample, silently, if a share was forgotten); survey::rake stops.
      if (counts[j] > 0 && margins[v][level] === 0) {
        throw new AnalysisError(FN, `level "${level}" of "${v}" has a population margin of 0 but ${counts[j]} respondents (survey::rake refuses it too): drop them, or give the level its share`);
      }
    });
    return { out, targets: levels.map((level) => margins[v][level] / totals[k]) };
  });

  const weights = options.baseWeights ? baseWeightsOf(rows, table, options.baseWeights) : new Float64Array(n).fill(1);
  const previous = new Float64Array(n);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    previous.set(weights);
    let change = 0;
    for (const { out, targets } of codes) {
      const sums = new Float64Array(targets.length);
      let total = 0;
      for (let i = 0; i < n; i++) {
        sums[out[i]] += weights[i];
        total += weights[i];
      }
      if (!(total > 0)) throw new AnalysisError(FN, 'all weights are zero');
      const factors = sums.map((s, j) => (s > 0 ? (targets[j] * total) / s : 0));
      for (let i = 0; i < n; i++) {
        const updated = weights[i] * factors[out[i]];
        if (weights[i] > 0) change = Math.max(change, Math.abs(updated - weights[i]) / weights[i]);
        weights[i] = updated;
      }
    }
    if (change < tolerance) {
      let mean = 0;
      for (let i = 0; i < n; i++) mean += weights[i] / n;
      for (let i = 0; i < n; i++) weights[i] /= mean;
      return { weights, iterations: iteration };
    }
  }
  throw notConverged(weights, previous, tolerance, maxIterations);
}

/** Each variable's margin total, after checking that every share is a number and every variable describes the same
 * population total (the targets are shares of it). */
function checkedTotals(margins: Margins, variables: readonly string[]): number[] {
  const totals = variables.map((v) => Object.values(margins[v] ?? {}).reduce((s, x) => s + (typeof x === 'number' ? x : NaN), 0));
  variables.forEach((v, k) => {
    if (typeof margins[v] !== 'object' || margins[v] === null) throw new AnalysisError(FN, `margins for "${v}" must map levels to shares`);
    for (const [level, share] of Object.entries(margins[v])) {
      if (typeof share !== 'number' || !(share >= 0) || !Number.isFinite(share)) {
        throw new AnalysisError(FN, `margin ${v}=${level} must be a non-negative number (got ${JSON.stringify(share)})`);
      }
    }
    if (!(totals[k] > 0)) throw new AnalysisError(FN, `margins for "${v}" total 0`);
    if (Math.abs(totals[k] - totals[0]) > 1e-6 * totals[0]) {
      throw new AnalysisError(FN, `margins are inconsistent: "${variables[0]}" totals ${totals[0]} but "${v}" totals ${totals[k]}`);
    }
  });
  return totals;
}

/** The base weights column: every respondent's, a number, 0 or more (svydesign needs them all; a negative one means nothing). */
function baseWeightsOf(rows: readonly Row[], table: DataTable, column: string): Float64Array {
  requireColumns(FN, rows, [column], 'base weights');
  const typed = table.column(column) as Column;
  const missing = rows.findIndex((_, i) => cellMissing(typed, i));
  if (missing >= 0) throw missingCell(`base weights column "${column}"`, missing, 'weight');
  const weights = numericColumn(FN, rows, Int32Array.from(rows.keys()), column, 'base weights');
  const negative = weights.findIndex((w) => w < 0);
  if (negative >= 0) throw new AnalysisError(FN, `base weights column "${column}" has a negative value (row ${negative + 1}: ${weights[negative]}); weights must be 0 or more`);
  return weights;
}

/** One refusal for a missing cell, whichever way it was written; survey::rake stops on it too ("missing values in object"). */
function missingCell(what: string, i: number, needed: 'value' | 'weight'): AnalysisError {
  return new AnalysisError(FN, `${what} is missing for row ${i + 1} (empty, NA or NaN); raking needs every respondent's ${needed}: fill it in, or drop the row before raking`);
}

/** Why raking stopped at `maxIterations`: a boundary solution (some weights still falling towards 0), or not. */
function notConverged(weights: Float64Array, previous: Float64Array, tolerance: number, maxIterations: number): AnalysisError {
  const n = weights.length;
  // Margins met only in the limit where some respondents' weights go to 0 (a boundary solution; IPF converges to a
  // positive one whenever one exists): those weights are small and still falling at every pass. survey::rake
  // returns them (1e-3 … 1e-142 in the 2026-12-03 trial, depending on maxit); saying so is more use than ~0.
  let mean = 0;
  for (let i = 0; i < n; i++) mean += weights[i] / n;
  let vanishing = 0;
  for (let i = 0; i < n; i++) if (weights[i] < 0.01 * mean && weights[i] < previous[i] * (1 - tolerance)) vanishing++;
  if (vanishing > 0) {
    return new AnalysisError(FN, `did not converge in ${maxIterations} iterations: the margins can be met only in the limit where ${vanishing} respondent${vanishing === 1 ? "'s weight goes" : "s' weights go"} to 0 (survey::rake returns such near-zero weights); combine levels or drop a margin`);
  }
  return new AnalysisError(FN, `did not converge to tolerance ${tolerance} in ${maxIterations} iterations; the margins may be unreachable with this sample`);
}
