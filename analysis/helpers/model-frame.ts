import { missingRoleWarnings, type MissingRole } from './missing-roles.ts';
import { AnalysisError } from '../errors.ts';
import { dropUnusedLevels, notNumeric, requireColumns, subset, type Levels, type Row } from './data.ts';
import { isDataTable, tableFromRows, type DataTable } from './data-table.ts';
import { readRNumber } from './parse-decimal.ts';
import type { Formula } from './formula.ts';
import { evaluate, modelVariable, numbers, rConstant, type EvaluationContext, type Variable } from './model-variables.ts';
import { deparseR, type Expr } from './r-syntax.ts';
import { subsetRows } from './subset-rows.ts';

/** The columns a model uses, over the rows where none of them is missing. */
export interface ModelFrame {
  /** The complete rows, as indices into the data. */
  index: Int32Array;
  response: Float64Array;
  /** One per formula variable, in `formula.variables` order; factors keep only the levels that occur. */
  variables: Variable[];
  /** A copy, which the caller may scale. */
  weights?: Float64Array;
  /** What R would print as warnings: level order, values outside declared levels, NaNs, offsets. */
  warnings: string[];
  /** Rows left out by `subset` (not missing values). */
  nOutside: number;
}

/**
 * R's `model.frame` (as `lm_robust` calls it, `drop.unused.levels = TRUE`, `na.action = na.omit`): evaluates the
 * outcome and every formula variable over all rows, drops the rows where any of them, the weights or the clusters
 * is missing (NA or NaN), then drops factor levels nobody has. A factor left with one level is an error, as in
 * R's model.matrix ("contrasts can be applied only to factors with 2 or more levels"); a logical variable keeps
 * the levels FALSE and TRUE. An infinite value in a complete row is an error (R's lm: "NA/NaN/Inf in 'x'").
 *
 * @example modelFrame('lmRobust', rows, parseFormula('lmRobust', 'y ~ a + log(x)'), { a: ['lo', 'hi'] }, {}).variables
 */
export function modelFrame(
  fn: string,
  data: readonly Row[] | DataTable,
  formula: Formula,
  levels: Levels | undefined,
  extra: { weights?: string; clusters?: string; subset?: string; absorbed?: AbsorbedVariables },
): ModelFrame {
  const table = isDataTable(data) ? data : tableFromRows(data);
  // T and F are R's TRUE and FALSE, pi its constant, where the data have no such column (poly(x, 2, raw = T)).
  requireColumns(fn, table, formula.columns.filter((name) => rConstant(table, name) === undefined), 'formula');
  if (extra.clusters !== undefined) requireColumns(fn, table, [extra.clusters], 'clusters');
  if (extra.weights !== undefined) requireColumns(fn, table, [extra.weights], 'weights');
  const warnings: string[] = [];
  const producedNaN = new Map<string, Uint8Array>();
  const madeMissing: string[] = [];
  const context: EvaluationContext = { fn, table, levels, warn: (message) => warnings.push(message), warnedOrder: new Set(), producedNaN, madeMissing };
  const total = table.length;

  const response = outcomeValues(context, formula);
  const all = formula.variableExprs.map((expr, k) => {
    if (formula.offsets.includes(formula.variables[k])) {
      warnings.push(`${fn}: ${formula.variables[k]} is ignored, as estimatr::lm_robust ignores offsets (only its missing values drop rows)`);
      const x = numbers(context, (expr as Expr & { type: 'call' }).args[0].value, formula.variables[k]);
      const offset: Variable = { kind: 'numeric', columns: [x.kind === 'scalar' ? new Float64Array(total).fill(x.value) : x.values], names: [''] };
      return offset;
    }
    return modelVariable(context, expr);
  });
  const weights = extra.weights === undefined ? undefined : numericColumnValues(fn, table, extra.weights, 'weights');

  const incomplete = incompleteRows(table, response, all, weights, extra.clusters);
  finishNaNWarnings(warnings, producedNaN, incomplete);
  const outside = extra.subset === undefined ? undefined : subsetRows(context, extra.subset);
  const nOutside = outside ? leaveOut(incomplete, outside) : 0;
  warnings.push(...roleWarnings(fn, table, { response, formula, all, weights, outside }, extra));

  let n = 0;
  for (let i = 0; i < total; i++) if (!incomplete[i]) n++;
  if (n === 0) throw noRowsLeft(fn, formula, extra, madeMissing);
  const index = new Int32Array(n);
  for (let i = 0, k = 0; i < total; i++) if (!incomplete[i]) index[k++] = i;
  // Without dropped rows the columns are used as evaluated.
  const complete = (values: Float64Array): Float64Array => (n === total ? values : subset(values, index));
  const finite = (values: Float64Array, what: string): Float64Array => {
    for (let k = 0; k < n; k++) {
      if (values[k] - values[k] !== 0) throw new AnalysisError(fn, infiniteValueMessage(what, index[k] + 1));
    }
    return values;
  };

  const variables = all.map((variable, k): Variable => {
    const label = formula.variables[k];
    if (variable.kind === 'numeric') return { ...variable, columns: variable.columns.map((c) => finite(complete(c), label)) };
    if (variable.logical) return { ...variable, codes: subset(variable.codes, index) };
    const kept = dropUnusedLevels(variable.levels, subset(variable.codes, index));
    if (kept.levels.length < 2) {
      throw new AnalysisError(
        fn,
        `factor "${label}" has only one level (${JSON.stringify(kept.levels[0])}) in the rows without missing values; ` +
          'contrasts can be applied only to factors with 2 or more levels (as in R)',
        { code: 'one_level_factor', arguments: [label] },
      );
    }
    if (variable.ordered && kept.levels.length > 95) {
      // R's contr.poly refuses, and model.matrix sets it on every ordered factor.
      throw new AnalysisError(fn, `ordered factor "${label}" has ${kept.levels.length} levels: orthogonal polynomials cannot be represented accurately enough for ${kept.levels.length - 1} degrees of freedom (as in R)`);
    }
    return { ...variable, ...kept };
  });
  return {
    index,
    response: finite(complete(response), formula.response),
    variables,
    weights: weights && finite(subset(weights, index), `weights column "${extra.weights}"`),
    warnings,
    nOutside,
  };
}

/** Marks the rows `outside` the subset as left out; their count (R subsets first, so none of them counts as missing). */
function leaveOut(incomplete: Uint8Array, outside: Uint8Array): number {
  let count = 0;
  for (let i = 0; i < incomplete.length; i++) {
    count += outside[i];
    incomplete[i] |= outside[i];
  }
  return count;
}

/**
 * A term (or the outcome, or the weights) infinite in a row: R's lm stops ("NA/NaN/Inf"), and estimatr's lm_robust
 * gives NaN for every coefficient (its CR2 crashed R 4.2.2, estimatr 1.0.0: R trial 27's log(y0) with y0 = 0), so vlab
 * refuses and says what to write instead.
 */
function infiniteValueMessage(what: string, row: number): string {
  const log = /\blog[0-9]*\(/.test(what) ? ' (log(0) is -Inf: log1p(x) or log(x + 1) keep the zeros)' : '';
  return `${what} is infinite in row ${row}: R's lm stops on this ("NA/NaN/Inf") and estimatr's lm_robust returns NaN for every coefficient; leave such rows out of the data or transform so every value is finite${log}`;
}

/** Each "NaNs produced" warning once (a call evaluated twice warns twice), ended by what became of its rows. */
/** The refusal when every row has a missing value: which columns, within which subset, and what a call made missing. */
function noRowsLeft(fn: string, formula: Formula, extra: { clusters?: string; weights?: string; subset?: string }, madeMissing: string[]): AnalysisError {
  const used = [formula.response, ...formula.variables, ...[extra.clusters, extra.weights].filter((name) => name !== undefined)];
  const within = extra.subset === undefined ? '' : ` among the rows of subset "${extra.subset}"`;
  const why = madeMissing.length === 0 ? '' : ` (${[...new Set(madeMissing)].join('; ')})`;
  return new AnalysisError(fn, `no rows without missing values in ${used.join(', ')}${within}${why}`);
}

function finishNaNWarnings(warnings: string[], producedNaN: Map<string, Uint8Array>, incomplete: Uint8Array): void {
  const seen = new Set<string>();
  const finished = warnings.flatMap((message) => {
    const rows = producedNaN.get(message);
    if (!rows) return [message];
    if (seen.has(message)) return [];
    seen.add(message);
    return [message + whatBecameOfNaNRows(rows, incomplete)];
  });
  warnings.splice(0, warnings.length, ...finished);
}

/**
 * The end of a "NaNs produced" warning: whether the rows with the NaN were dropped. A NaN that reaches a variable drops
 * its row (na.omit); one that an enclosing call turns into a value (rank() ranks it last, is.na() is TRUE) keeps it, as
 * in R, where the same warning would be wrong to say "dropped".
 */
function whatBecameOfNaNRows(rows: Uint8Array, incomplete: Uint8Array): string {
  let total = 0;
  let dropped = 0;
  for (let i = 0; i < rows.length; i++) {
    total += rows[i];
    if (rows[i] && incomplete[i]) dropped++;
  }
  if (dropped === total) return total === 1 ? '; it is missing and its row is dropped' : '; they are missing and their rows are dropped';
  const why = 'the formula makes a value of the NaN, as rank() and is.na() do in R';
  if (dropped === 0) return total === 1 ? `; its row is kept: ${why}` : `; their rows are kept: ${why}`;
  // The dropped ones may go for another variable's missing value (x + is.na(log(z))), so the words say only that.
  const kept = total - dropped;
  return `; ${kept} of those rows ${kept === 1 ? 'is' : 'are'} kept (${why}) and ${dropped} dropped for a missing value`;
}

/** The fixed effects' variables in the formula (lmRobust puts them there as factor(g)) and their formula's words. */
export interface AbsorbedVariables {
  labels: ReadonlySet<string>;
  name: string;
}

/**
 * estimatr's warnings for rows that only a missing weight, cluster or fixed effect drops (missing-roles.ts, R trial 41),
 * counted as its model frame counts them: weights, then clusters, then the fixed effects, among the rows the subset keeps.
 */
function roleWarnings(
  fn: string,
  table: DataTable,
  frame: { response: Float64Array; formula: Formula; all: Variable[]; weights: Float64Array | undefined; outside: Uint8Array | undefined },
  extra: { weights?: string; clusters?: string; absorbed?: AbsorbedVariables },
): string[] {
  const { response, formula, all, weights, outside } = frame;
  const isAbsorbed = (k: number): boolean => extra.absorbed?.labels.has(formula.variables[k]) ?? false;
  const absorbedVariables = all.filter((_, k) => isAbsorbed(k));
  if (!weights && extra.clusters === undefined && absorbedVariables.length === 0) return [];
  const none = new Float64Array(table.length);
  const core = incompleteRows(table, response, all.filter((_, k) => !isAbsorbed(k)), undefined, undefined);
  const roles: MissingRole[] = [];
  if (weights) roles.push({ role: 'weight', name: extra.weights as string, missing: (i) => Number.isNaN(weights[i]) });
  if (extra.clusters !== undefined) {
    const missing = incompleteRows(table, none, [], undefined, extra.clusters);
    roles.push({ role: 'cluster', name: extra.clusters, missing: (i) => missing[i] === 1 });
  }
  if (absorbedVariables.length > 0) {
    const missing = incompleteRows(table, none, absorbedVariables, undefined, undefined);
    roles.push({ role: 'fixed effect', name: (extra.absorbed as AbsorbedVariables).name, missing: (i) => missing[i] === 1 });
  }
  return missingRoleWarnings(fn, table.length, (i) => !core[i] && !outside?.[i], roles);
}

/** 1 for each row where the outcome, a variable, the weights or the clusters is missing (NA or NaN): na.omit's rows. */
function incompleteRows(table: DataTable, response: Float64Array, variables: Variable[], weights: Float64Array | undefined, clusters: string | undefined): Uint8Array {
  const total = table.length;
  const incomplete = new Uint8Array(total);
  const markNaN = (values: Float64Array): void => {
    for (let i = 0; i < total; i++) if (Number.isNaN(values[i])) incomplete[i] = 1;
  };
  markNaN(response);
  for (const variable of variables) {
    if (variable.kind === 'numeric') variable.columns.forEach(markNaN);
    else for (let i = 0; i < total; i++) if (variable.codes[i] < 0) incomplete[i] = 1;
  }
  if (weights) markNaN(weights);
  if (clusters !== undefined) {
    const column = table.column(clusters);
    if (column?.type === 'character') for (let i = 0; i < total; i++) incomplete[i] |= column.codes[i] < 0 ? 1 : 0;
    else if (column) markNaN(column.values);
  }
  return incomplete;
}

/** The outcome as numbers: a numeric or logical (TRUE = 1) column or expression, as lm's model.response. */
function outcomeValues(context: EvaluationContext, formula: Formula): Float64Array {
  const expr = formula.responseExpr;
  if (expr.type === 'name') return numericColumnValues(context.fn, context.table, expr.name, 'outcome');
  const value = evaluate(context, expr);
  if (value.kind === 'numeric' || value.kind === 'logical') return value.values;
  throw new AnalysisError(context.fn, `outcome ${deparseR(expr)} is not a numeric variable`);
}

/** A numeric (or logical) column; any other is an error naming a value that is not a number. */
function numericColumnValues(fn: string, table: DataTable, name: string, role: string): Float64Array {
  const column = table.column(name) as NonNullable<ReturnType<DataTable['column']>>;
  if (column.type !== 'character') return column.values;
  const row = column.codes.findIndex((c) => c >= 0 && readRNumber(column.labels[c]) === undefined);
  throw notNumeric(fn, role, name, row, column.labels[column.codes[row]]);
}
