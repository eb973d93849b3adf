import { AnalysisError } from '../errors.ts';
import type { Call } from './model-function-arguments.ts';
import { evaluate, type Evaluated, type EvaluationContext } from './model-variables.ts';
import { deparseR } from './r-syntax.ts';

/**
 * `d$x`, `d[["x"]]` and `d[, "x"]`, as analysts paste a term from their R code: R's model.frame finds d outside the
 * data (the calling environment) and takes its column x, so lm_robust fits the column under the name typed ("d$x",
 * "d[[\"x\"]]"). vlab has one data set, so they are its column x (declared levels and all) whatever d is called; it
 * refused the `$` until the forty-first R trial, the brackets until the forty-second. Where R stops, in words: a
 * subscript of a column (R: "$ operator is invalid for atomic vectors", "subscript out of bounds") or of an
 * expression. A column the data lack is the unknown-column error the formula's other names get. d[[2]] and d[, 2]
 * (R: d's second column, whatever d holds) are refused with the name of the data's column to type instead.
 */
export function dataFrameColumn(context: EvaluationContext, call: Call): Evaluated {
  const [frame, column] = call.args.map((a) => a.value);
  const label = deparseR(call);
  const name = column.type === 'string' ? column.value : deparseR(column);
  const typed = (x: string): string => (call.fn === '$' ? `${deparseR(frame)}$${x}` : call.fn === '[[' ? `${deparseR(frame)}[["${x}"]]` : `${deparseR(frame)}[, "${x}"]`);
  if (frame.type !== 'name') {
    throw new AnalysisError(context.fn, `${label}: ${call.fn} takes a column of a data frame by its name: write ${name}`);
  }
  if (context.table.column(frame.name)) {
    const said = call.fn === '$' ? '$ operator is invalid for atomic vectors' : 'subscript out of bounds';
    throw new AnalysisError(context.fn, `${label}: ${frame.name} is a column of the data, not a data frame (R: "${said}"): write ${name}`);
  }
  if (column.type === 'name' && call.fn === '$') return evaluate(context, column);
  if (column.type === 'string') return evaluate(context, { type: 'name', name: column.value });
  const k = column.type === 'number' && Number.isInteger(column.value) ? column.value : NaN;
  const numbered = context.table.names[k - 1];
  const instead = numbered === undefined ? `a column of the data by its name, as ${typed(context.table.names[0] ?? 'x')}` : `the column, as ${typed(numbered)} or ${deparseR({ type: 'name', name: numbered })}`;
  throw new AnalysisError(context.fn, `${label}: name ${instead} (vlab takes the data's columns by name)`);
}

/** d[, "x"]: a name that is not a column of the data, subscripted by a column's name (matrix-column.ts takes m[, 1]). */
export function isDataFrameSubscript(context: EvaluationContext, call: Call): boolean {
  const [frame, column] = call.args.map((a) => a.value);
  return frame.type === 'name' && !context.table.column(frame.name) && (column.type === 'string' || column.type === 'number');
}
