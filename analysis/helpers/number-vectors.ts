import { AnalysisError } from '../errors.ts';
import { logicalArgument, matchArguments, scalarArgument, type Call, type ModelFunction } from './model-function-arguments.ts';
import { evaluate, numbers, type Evaluated, type EvaluationContext } from './model-variables.ts';
import { deparseR, type Expr } from './r-syntax.ts';

/**
 * The functions of a formula whose answer is a few numbers, not one per row: seq(), quantile(), range(). They are
 * read where R takes a vector — cut()'s breaks: `cut(x, quantile(x))`, `cut(x, seq(0, 100, by = 10))` — and refused
 * as a variable, where R stops ("variable lengths differ"). rev() reverses a column (rows then take the values
 * of other rows, as in R) or such a vector.
 */
export const VECTOR_VALUED_FUNCTIONS: Readonly<Record<string, ModelFunction>> = {
  seq: notOnePerRow,
  quantile: notOnePerRow,
  range: notOnePerRow,
  rev,
};

function notOnePerRow(context: EvaluationContext, call: Call): Evaluated {
  const count = numberVector(context, call, call).length;
  if (count === 1) return { kind: 'scalar', value: numberVector(context, call, call)[0] };
  throw new AnalysisError(context.fn, `${deparseR(call)} gives ${count} numbers, not one per row (R: "variable lengths differ"); it can be cut()'s breaks`);
}

function rev(context: EvaluationContext, call: Call): Evaluated {
  const x = evaluate(context, matchArguments(context, call, ['x']).x as Expr);
  switch (x.kind) {
    case 'scalar':
      return x;
    case 'numeric':
    case 'logical':
      return { kind: x.kind, values: x.values.slice().reverse() };
    case 'factor':
    case 'character':
      return { ...x, codes: x.codes.slice().reverse() };
    case 'matrix':
      throw new AnalysisError(context.fn, `${deparseR(call)}: x must be a column`);
  }
}

/**
 * The numbers of an expression R evaluates to a short vector: one number, c(…) of such, from:to, seq(), quantile(),
 * range(), rev(). `within` is the call it is an argument of, for messages.
 *
 * @example numberVector(context, call, parseR(fail, 'seq(0, 10, by = 5)')) // [0, 5, 10]
 */
export function numberVector(context: EvaluationContext, within: Call, expr: Expr): number[] {
  if (expr.type === 'call') {
    const [a, b] = expr.args.map((arg) => arg.value);
    if (expr.fn === 'c') return expr.args.flatMap((arg) => numberVector(context, within, arg.value));
    if (expr.fn === ':' && expr.args.length === 2) return colon(context, within, a, b);
    if (expr.fn === 'seq') return seq(context, expr);
    if (expr.fn === 'quantile') return quantile(context, expr);
    if (expr.fn === 'range') return range(context, expr);
    if (expr.fn === 'rev') return numberVector(context, within, matchArguments(context, expr, ['x']).x as Expr).reverse();
  }
  const value = expr.type === 'name' && context.table.column(expr.name) ? undefined : evaluate(context, expr);
  if (value?.kind === 'scalar') return [value.value];
  throw new AnalysisError(context.fn, `${deparseR(within)}: ${deparseR(expr)} must be numbers, as c(0, 1, 5), seq(…), quantile(x) or range(x)`);
}

/** R's from:to: from, from ± 1, … while not past to. */
function colon(context: EvaluationContext, within: Call, fromExpr: Expr, toExpr: Expr): number[] {
  const [from, to] = [scalarArgument(context, within, fromExpr, 'from'), scalarArgument(context, within, toExpr, 'to')];
  const count = Math.floor(Math.abs(to - from) + 1e-10) + 1;
  if (!(count <= 100_000)) throw new AnalysisError(context.fn, `${deparseR(within)}: ${from}:${to} is too long`);
  return Array.from({ length: count }, (_, k) => from + (to >= from ? k : -k));
}

/** R's seq(from, to), seq(from, to, by = ), seq(from, to, length.out = ) and seq(n), as seq.default computes them. */
function seq(context: EvaluationContext, call: Call): number[] {
  const args = matchArguments(context, call, ['from', 'to', 'by', 'length.out']);
  const label = deparseR(call);
  const number = (name: 'from' | 'to' | 'by' | 'length.out'): number | undefined => (args[name] ? scalarArgument(context, call, args[name] as Expr, name) : undefined);
  const [from, to, by, lengthOut] = [number('from') as number, number('to'), number('by'), number('length.out')];
  if (to === undefined) {
    if (by !== undefined || lengthOut !== undefined) throw new AnalysisError(context.fn, `${label}: give from and to (supported: seq(n), seq(from, to), with by or length.out)`);
    return colon(context, call, { type: 'number', value: 1, integer: true }, args.from as Expr);
  }
  if (![from, to].every(Number.isFinite)) throw new AnalysisError(context.fn, `${label}: 'from' and 'to' must be finite numbers`);
  if (by !== undefined && lengthOut !== undefined) throw new AnalysisError(context.fn, `${label}: too many arguments (by and length.out)`);
  if (lengthOut !== undefined) {
    const n = Math.ceil(lengthOut);
    if (!(n >= 1 && n <= 100_000)) throw new AnalysisError(context.fn, `${label}: 'length.out' must be a positive number`);
    if (n <= 2) return [from, to].slice(0, n);
    return Array.from({ length: n }, (_, i) => (i === n - 1 ? to : from + i * ((to - from) / (n - 1))));
  }
  if (by === undefined) return colon(context, call, args.from as Expr, args.to as Expr);
  const del = to - from;
  if (del === 0 && to === 0) return [to];
  const n = del / by;
  if (!Number.isFinite(n)) throw new AnalysisError(context.fn, `${label}: invalid '(to - from)/by'`);
  if (n < 0) throw new AnalysisError(context.fn, `${label}: wrong sign in 'by' argument`);
  if (n > 100_000) throw new AnalysisError(context.fn, `${label}: 'by' is too small`);
  if (Math.abs(del) / Math.max(Math.abs(to), Math.abs(from)) < 100 * Number.EPSILON) return [from];
  return Array.from({ length: Math.trunc(n + 1e-10) + 1 }, (_, k) => (by > 0 ? Math.min(from + k * by, to) : Math.max(from + k * by, to)));
}

/** R's quantile(x, probs = seq(0, 1, 0.25), na.rm = FALSE, type = 7), as quantile.default computes type 7. */
function quantile(context: EvaluationContext, call: Call): number[] {
  const args = matchArguments(context, call, ['x', 'probs', 'na.rm', 'names', 'type']);
  const label = deparseR(call);
  if (args.type && scalarArgument(context, call, args.type, 'type') !== 7) throw new AnalysisError(context.fn, `${label}: only type = 7 (R's default) is supported`);
  const x = numbers(context, args.x as Expr, label);
  const values = x.kind === 'scalar' ? [x.value] : Array.from(x.values);
  const present = values.filter((v) => !Number.isNaN(v));
  if (present.length < values.length && !logicalArgument(context, call, args['na.rm'], 'na.rm', false)) {
    throw new AnalysisError(context.fn, `${label}: missing values and NaN's not allowed if 'na.rm' is FALSE (as R says); write na.rm = TRUE`);
  }
  const probs = args.probs ? numberVector(context, call, args.probs) : [0, 0.25, 0.5, 0.75, 1];
  if (probs.some((p) => p < -100 * Number.EPSILON || p > 1 + 100 * Number.EPSILON)) throw new AnalysisError(context.fn, `${label}: 'probs' outside [0,1]`);
  const sorted = Float64Array.from(present).sort();
  const n = sorted.length;
  return probs.map((p) => {
    if (n === 0 || Number.isNaN(p)) return NaN;
    const index = 1 + (n - 1) * Math.max(0, Math.min(1, p));
    const [lo, hi] = [Math.floor(index), Math.ceil(index)];
    const q = sorted[lo - 1];
    if (!(index > lo && sorted[hi - 1] !== q)) return q;
    const h = index - lo;
    return (1 - h) * q + h * sorted[hi - 1];
  });
}

/** R's range(x, na.rm = FALSE): the smallest and largest values (NA, NA where one is missing). */
function range(context: EvaluationContext, call: Call): number[] {
  const args = matchArguments(context, call, ['x', 'na.rm']);
  const x = numbers(context, args.x as Expr, deparseR(call));
  const values = x.kind === 'scalar' ? [x.value] : Array.from(x.values);
  const naRm = logicalArgument(context, call, args['na.rm'], 'na.rm', false);
  const present = values.filter((v) => !Number.isNaN(v));
  if ((present.length < values.length && !naRm) || present.length === 0) return [NaN, NaN];
  return [present.reduce((a, b) => Math.min(a, b)), present.reduce((a, b) => Math.max(a, b))];
}
