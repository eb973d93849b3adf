import { AnalysisError } from '../errors.ts';
import { sumAsR } from './mean.ts';
import { logicalArgument, matchArguments, type Call, type ModelFunction } from './model-function-arguments.ts';
import { evaluate, type EvaluationContext, type Evaluated } from './model-variables.ts';
import { deparseR, type Expr } from './r-syntax.ts';

/** `cbind(a, b, …)`: the only matrix an analyst writes inside rowSums()/rowMeans() (cbind is refused elsewhere). */
export const isCbind = (e: Expr): e is Call => e.type === 'call' && e.fn === 'cbind' && e.ns === undefined;

/**
 * The columns of rowSums()'s x: cbind(…) of numbers, TRUE/FALSE (1/0), factors (their codes 1..L, as R's cbind) and
 * single numbers (recycled, as cbind does), or a matrix such as poly(x, 2). Text makes a character matrix, where R stops.
 */
function matrixColumns(context: EvaluationContext, call: Call, x: Expr): (Float64Array | number)[] {
  const label = deparseR(call);
  const parts: Evaluated[] = isCbind(x) ? x.args.map((a) => evaluate(context, a.value)) : [evaluate(context, x)];
  if (!isCbind(x) && parts[0].kind !== 'matrix') {
    throw new AnalysisError(context.fn, `${label}: 'x' must be an array of at least two dimensions (as R says): write ${call.fn}(cbind(${deparseR(x)}, …))`);
  }
  return parts.flatMap((part): (Float64Array | number)[] => {
    switch (part.kind) {
      case 'scalar':
        return [part.value];
      case 'numeric':
      case 'logical':
        return [part.values];
      case 'matrix':
        return part.columns;
      case 'factor':
        return [Float64Array.from(part.codes, (c) => (c < 0 ? NaN : c + 1))];
      case 'character':
        throw new AnalysisError(context.fn, `${label}: 'x' must be numeric (as R says): cbind() of text is a text matrix`);
    }
  });
}

/**
 * R's rowSums(x, na.rm) and rowMeans(x, na.rm) of cbind(a, b, …): each row's sum (in long double, as R) or mean; with
 * na.rm = TRUE of the values present, so a row with none is 0 (sum) or NaN (mean, its row then dropped as R's na.omit
 * does), else NA where any value is. vlab refused both until 2026-12-05 (R trial 24).
 */
function rowSummary(mean: boolean): ModelFunction {
  return (context, call) => {
    const args = matchArguments(context, call, ['x', 'na.rm', 'dims']);
    if (args.dims) throw new AnalysisError(context.fn, `${deparseR(call)}: unsupported argument "dims" (supported: x, na.rm)`);
    const dropNA = logicalArgument(context, call, args['na.rm'], 'na.rm', false);
    const columns = matrixColumns(context, call, args.x as Expr);
    const values = Float64Array.from({ length: context.table.length }, (_, i) => {
      const row = columns.map((c) => (typeof c === 'number' ? c : c[i]));
      const present = dropNA ? row.filter((v) => !Number.isNaN(v)) : row;
      if (present.some(Number.isNaN)) return NaN;
      const sum = sumAsR(present);
      return mean ? sum / present.length : sum;
    });
    return { kind: 'numeric', values };
  };
}

export const ROW_SUMMARIES: Readonly<Record<string, ModelFunction>> = { rowSums: rowSummary(false), rowMeans: rowSummary(true) };
