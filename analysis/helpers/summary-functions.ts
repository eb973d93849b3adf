import { AnalysisError } from '../errors.ts';
import { meanAsR, sumAsR } from './mean.ts';
import { logicalArgument, matchArguments, scalarArgument, type Call, type ModelFunction } from './model-function-arguments.ts';
import { evaluate, numbers, type EvaluationContext } from './model-variables.ts';
import { deparseR, type Expr } from './r-syntax.ts';

/**
 * The functions that sum a column up in one number, as R computes them over every row of the data (also rows the
 * model then drops, as model.frame evaluates before na.omit): mean (with trim), median, min, max, sd, var. Typed in
 * `I(x - mean(x))`, `I((x - mean(x)) / sd(x))`, `I(x - median(x))`, `I(x - min(x))`; sum and length, typed in
 * `I(x / sum(x))` and `I(rank(x) / length(x))`.
 */
export const SUMMARY_FUNCTIONS: Readonly<Record<string, ModelFunction>> = {
  mean: (context, call) => {
    const args = matchArguments(context, call, ['x', 'trim', 'na.rm']);
    const trim = args.trim ? scalarArgument(context, call, args.trim, 'trim') : 0;
    return summary(context, call, args.x as Expr, args['na.rm'], 'mean', (x) => trimmedMean(x, trim));
  },
  median: (context, call) => {
    const args = matchArguments(context, call, ['x', 'na.rm']);
    return summary(context, call, args.x as Expr, args['na.rm'], 'median', median);
  },
  var: (context, call) => {
    const args = matchArguments(context, call, ['x', 'na.rm']);
    return summary(context, call, args.x as Expr, args['na.rm'], 'variance', variance);
  },
  sd: (context, call) => {
    const args = matchArguments(context, call, ['x', 'na.rm']);
    return summary(context, call, args.x as Expr, args['na.rm'], 'SD', (x) => Math.sqrt(variance(x)));
  },
  min: (context, call) => extreme(context, call, 'min'),
  max: (context, call) => extreme(context, call, 'max'),
  sum: (context, call) => total(context, call),
  'weighted.mean': weightedMean,
  length,
};

/** One number from the values of x (na.rm = TRUE: from those present). */
function summary(
  context: EvaluationContext,
  call: Call,
  xExpr: Expr,
  naRmExpr: Expr | undefined,
  what: string,
  f: (present: Float64Array) => number,
): { kind: 'scalar'; value: number } {
  const label = deparseR(call);
  const x = numbers(context, xExpr, label);
  if (x.kind === 'scalar') return Number.isNaN(x.value) ? x : { kind: 'scalar', value: f(Float64Array.of(x.value)) };
  const present = x.values.filter((v) => !Number.isNaN(v));
  const missing = x.values.length - present.length;
  if (missing > 0 && !logicalArgument(context, call, naRmExpr, 'na.rm', false)) throw naRefusal(context, call, deparseR(xExpr), missing, what);
  if (present.length === 0) throw new AnalysisError(context.fn, `${label}: ${deparseR(xExpr)} has no values (R's answer is NA or Inf)`);
  return { kind: 'scalar', value: f(present) };
}

/**
 * R's length(x): the number of rows of the data (missing values count, as model.frame evaluates before na.omit), one
 * for a number, rows × columns for poly()'s matrix.
 */
function length(context: EvaluationContext, call: Call): { kind: 'scalar'; value: number } {
  const x = evaluate(context, matchArguments(context, call, ['x']).x as Expr);
  switch (x.kind) {
    case 'scalar':
      return { kind: 'scalar', value: 1 };
    case 'matrix':
      return { kind: 'scalar', value: x.columns.length * context.table.length };
    case 'factor':
    case 'character':
      return { kind: 'scalar', value: x.codes.length };
    default:
      return { kind: 'scalar', value: x.values.length };
  }
}

/** sum(…, na.rm) over every value of every argument (TRUE counts 1), in R's long-double accuracy (sumAsR). */
function total(context: EvaluationContext, call: Call): { kind: 'scalar'; value: number } {
  const { values, present, naRm } = argumentValues(context, call);
  if (present.length < values.length && !logicalArgument(context, call, naRm, 'na.rm', false)) {
    throw naRefusal(context, call, call.args.filter((a) => a.name !== 'na.rm').map((a) => deparseR(a.value)).join(', '), values.length - present.length, 'sum');
  }
  return { kind: 'scalar', value: sumAsR(present) };
}

/** The values of every argument of `f(…, na.rm)` in order, and those present; an argument of another name refused. */
function argumentValues(context: EvaluationContext, call: Call): { values: number[]; present: number[]; naRm: Expr | undefined } {
  const naRm = call.args.find((a) => a.name === 'na.rm');
  const rest = call.args.filter((a) => a !== naRm);
  const named = rest.find((a) => a.name !== undefined);
  if (named) throw new AnalysisError(context.fn, `${deparseR(call)}: unsupported argument "${named.name}" (supported: ..., na.rm)`);
  const values = rest.flatMap((a) => {
    const v = numbers(context, a.value, deparseR(call));
    return v.kind === 'scalar' ? [v.value] : Array.from(v.values);
  });
  return { values, present: values.filter((v) => !Number.isNaN(v)), naRm: naRm?.value };
}

/**
 * R's weighted.mean(x, w, na.rm): sum(x · w) / sum(w) over the rows where w is not 0 (na.rm = TRUE leaves out the rows
 * where x is missing, not those where w is: a missing weight makes it NA, as R). NA is refused as the summaries are.
 */
function weightedMean(context: EvaluationContext, call: Call): { kind: 'scalar'; value: number } {
  const args = matchArguments(context, call, ['x', 'w', 'na.rm']);
  const label = deparseR(call);
  const x = numbers(context, args.x as Expr, label);
  // Without w, R's weighted.mean is sum(x) / length(x), not mean()'s two passes.
  if (args.w === undefined) return summary(context, call, args.x as Expr, args['na.rm'], 'mean', (present) => sumAsR(present) / present.length);
  const w = numbers(context, args.w, label);
  const n = x.kind === 'scalar' ? 1 : x.values.length;
  const at = (v: typeof x, i: number): number => (v.kind === 'scalar' ? v.value : v.values[i]);
  if (w.kind !== 'scalar' && w.values.length !== n) throw new AnalysisError(context.fn, `${label}: 'x' and 'w' must have the same length (as in R)`);
  const naRm = logicalArgument(context, call, args['na.rm'], 'na.rm', false);
  const products: number[] = [];
  const weights: number[] = [];
  let missing = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(at(x, i)) && naRm) continue;
    if (Number.isNaN(at(x, i)) || Number.isNaN(at(w, i))) missing++;
    weights.push(at(w, i));
    if (at(w, i) !== 0) products.push(at(x, i) * at(w, i));
  }
  if (missing > 0) {
    const what = naRm ? `${deparseR(args.w)} has ${missing} missing value${missing === 1 ? '' : 's'}` : `${deparseR(args.x as Expr)} or ${deparseR(args.w)} has missing values`;
    throw new AnalysisError(context.fn, `${label} is NA in R because ${what}: every row is then missing (R's lm stops on "0 (non-NA) cases", estimatr's lm_robust gives every estimate NA)${naRm ? '' : '; write na.rm = TRUE for the mean of the values present'}`);
  }
  return { kind: 'scalar', value: sumAsR(products) / sumAsR(weights) };
}

/** min(…, na.rm) and max(…, na.rm) over every value of every argument, as R. */
function extreme(context: EvaluationContext, call: Call, which: 'min' | 'max'): { kind: 'scalar'; value: number } {
  const { values, present, naRm } = argumentValues(context, call);
  const rest = call.args.filter((a) => a.name !== 'na.rm');
  if (rest.length === 0) throw new AnalysisError(context.fn, `${deparseR(call)}: no arguments (R's answer is ${which === 'min' ? 'Inf' : '-Inf'})`);
  const missing = values.length - present.length;
  if (missing > 0 && !logicalArgument(context, call, naRm, 'na.rm', false)) {
    throw naRefusal(context, call, rest.map((a) => deparseR(a.value)).join(', '), missing, which);
  }
  if (present.length === 0) throw new AnalysisError(context.fn, `${deparseR(call)}: no values (R's answer is ${which === 'min' ? 'Inf' : '-Inf'})`);
  return { kind: 'scalar', value: present.reduce(which === 'min' ? (a, b) => Math.min(a, b) : (a, b) => Math.max(a, b)) };
}

/**
 * A summary of values with a missing one is NA in R, so every row of the variable is NA: lm stops, lm_robust returns
 * every estimate NA; vlab says why and names na.rm = TRUE instead.
 */
function naRefusal(context: EvaluationContext, call: Call, column: string, missing: number, what: string): AnalysisError {
  return new AnalysisError(
    context.fn,
    `${deparseR(call)} is NA in R because ${column} has ${missing} missing value${missing === 1 ? '' : 's'}: every row is then missing ` +
      `(R's lm stops on "0 (non-NA) cases", estimatr's lm_robust gives every estimate NA); write ${call.fn}(${column}, na.rm = TRUE) ` +
      `for the ${what} of the values present`,
  );
}

/**
 * R's mean.default(x, trim): trim < 0 is no trim, trim ≥ 0.5 the median; otherwise the floor(n·trim) smallest and
 * largest values are left out.
 */
function trimmedMean(x: Float64Array, trim: number): number {
  if (Number.isNaN(trim)) return NaN;
  if (trim <= 0) return meanAsR(x);
  if (trim >= 0.5) return median(x);
  const lo = Math.floor(x.length * trim);
  return meanAsR(Float64Array.from(x).sort().subarray(lo, x.length - lo));
}

/** R's median: the middle value, or the mean of the two middle ones (mean(), as R). */
function median(x: Float64Array): number {
  const sorted = Float64Array.from(x).sort();
  const half = (sorted.length + 1) >> 1;
  return sorted.length % 2 === 1 ? sorted[half - 1] : meanAsR(sorted.subarray(half - 1, half + 1));
}

/** R's var(x): the sum of squared deviations from the mean over n − 1 (NA for one value). */
function variance(x: Float64Array): number {
  if (x.length < 2) return NaN;
  const mean = meanAsR(x);
  return sumAsR(Array.from(x, (v) => (v - mean) * (v - mean))) / (x.length - 1);
}
