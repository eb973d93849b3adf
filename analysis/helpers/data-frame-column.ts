import { AnalysisError } from '../errors.ts';
import type { Call } from './model-function-arguments.ts';
import { evaluate, type Evaluated, type EvaluationContext } from './model-variables.ts';
import { deparseR } from './r-syntax.ts';

/**
 * `d$x`, as analysts paste a term from their R code: R's model.frame finds d outside the data (the calling
 * environment) and takes its column x, so lm_robust fits the column under the name "d$x". vlab has one data set,
 * so d$x is its column x (declared levels and all) whatever d is called; it refused the `$` until the forty-first R
 * trial. Where R stops, in words: `$` of a column (R: "$ operator is invalid for atomic vectors") or of an
 * expression. A column the data lack is the unknown-column error the formula's other names get.
 */
export function dataFrameColumn(context: EvaluationContext, call: Call): Evaluated {
  const [frame, column] = call.args.map((a) => a.value);
  const label = deparseR(call);
  const name = deparseR(column);
  if (frame.type !== 'name') {
    throw new AnalysisError(context.fn, `${label}: $ takes a column of a data frame by its name: write ${name}`);
  }
  if (context.table.column(frame.name)) {
    throw new AnalysisError(context.fn, `${label}: ${frame.name} is a column of the data, not a data frame (R: "$ operator is invalid for atomic vectors"): write ${name}`);
  }
  return evaluate(context, column);
}
