import { AnalysisError } from '../errors.ts';
import type { Call } from './model-function-arguments.ts';
import { evaluate, type Evaluated, type EvaluationContext } from './model-variables.ts';
import { deparseR } from './r-syntax.ts';

/**
 * `m[, k]`: column k of a matrix R makes in a formula — scale(x) (a one-column matrix in R, its column here) or
 * poly(x, d) — as analysts write scale(age)[, 1] to drop scale()'s attributes; R names the term by it ("scale(age)[, 1]").
 * vlab refused it until the fortieth R trial ('unexpected "["'). Where R stops, in words: a plain column has no
 * columns ("incorrect number of dimensions"), a column past the last ("subscript out of bounds"); the parser takes
 * only [, k], since any other subscript is not one value per row.
 */
export function matrixColumn(context: EvaluationContext, call: Call): Evaluated {
  const [x, k] = call.args.map((a) => a.value);
  const label = deparseR(call);
  const matrix = deparseR(x);
  if (k.type !== 'number' || !Number.isInteger(k.value) || k.value < 1) {
    throw new AnalysisError(context.fn, `${label}: the column is given by its number, as ${matrix}[, 1]`);
  }
  const inner = evaluate(context, x);
  const isScale = x.type === 'call' && x.fn === 'scale';
  if (inner.kind !== 'matrix' && !(isScale && inner.kind === 'numeric')) {
    throw new AnalysisError(context.fn, `${label}: ${matrix} is a column, not a matrix (R: "incorrect number of dimensions"): write ${matrix}`);
  }
  const columns = inner.kind === 'matrix' ? inner.columns : [inner.values];
  if (k.value > columns.length) {
    const count = `${columns.length} column${columns.length === 1 ? '' : 's'}`;
    throw new AnalysisError(context.fn, `${label}: ${matrix} has ${count} (R: "subscript out of bounds")`);
  }
  return { kind: 'numeric', values: columns[k.value - 1] };
}
