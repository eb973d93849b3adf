import { AnalysisError } from '../errors.ts';
import { matchArguments, type Call, type ModelFunction } from './model-function-arguments.ts';
import { evaluate, type Evaluated, type EvaluationContext } from './model-variables.ts';
import { deparseR, type Expr } from './r-syntax.ts';

/**
 * as.vector(x) and c(x) of one column, as analysts write as.vector(scale(age)) or c(scale(age)) to drop scale()'s
 * matrix attributes: the column itself, named as typed. R's as.vector of a factor is its text (levels then sorted
 * anew); its c() of a factor (R >= 4.1) the factor, declared levels kept. vlab refused both until the fortieth R
 * trial ('unknown function "as.vector"', '"c"'). A matrix (poly(x, 2)) or several arguments become one vector of
 * several times the rows, where R stops ("variable lengths differ"): refused in words.
 */
export const COLUMN_AS_VECTOR: Readonly<Record<string, ModelFunction>> = {
  'as.vector': (context, call) => {
    const args = matchArguments(context, call, ['x', 'mode']);
    if (args.mode) throw new AnalysisError(context.fn, `${deparseR(call)}: as.vector()'s mode is not supported: write as.character(x), as.numeric(x) or as.logical(x)`);
    const x = oneColumn(context, call, args.x as Expr);
    return x.kind === 'factor' ? { kind: 'character', labels: x.levels, codes: x.codes } : x;
  },
  c: (context, call) => {
    if (call.args.length !== 1) {
      throw new AnalysisError(context.fn, `${deparseR(call)} joins its arguments end to end into ${call.args.length} values a row (R: "variable lengths differ"): write each as a term of its own`);
    }
    return oneColumn(context, call, call.args[0].value);
  },
};

function oneColumn(context: EvaluationContext, call: Call, expr: Expr): Evaluated {
  const x = evaluate(context, expr);
  if (x.kind !== 'matrix') return x;
  const matrix = deparseR(expr);
  throw new AnalysisError(context.fn, `${deparseR(call)}: ${matrix} has ${x.columns.length} columns, which ${call.fn}() joins end to end (R: "variable lengths differ"): write ${matrix} for its columns, or ${matrix}[, 1] for one`);
}
