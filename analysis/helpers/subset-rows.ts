import { AnalysisError } from '../errors.ts';
import { pickRows, type DataTable } from './data-table.ts';
import type { Levels } from './data.ts';
import { evaluate, type EvaluationContext } from './model-variables.ts';
import { deparseR, parseR } from './r-syntax.ts';

/**
 * estimatr's `subset =` (stats::model.frame's): the rows outside an R condition over the columns, 1 where the condition
 * is FALSE or NA. model.frame evaluates every term over all rows first and applies the subset after, so `scale(x)` and
 * `poly(x, 2)` keep the whole data's centre and basis, as here (the caller marks these rows before dropping missing
 * ones). A number per row would be R's row indices (`subset = 1:50`), which is refused: write a condition.
 *
 * @example subsetRows(context, 'x > 2 & g != "b"') // Uint8Array [0, 1, …]: 1 = left out
 */
export function subsetRows(context: EvaluationContext, source: string): Uint8Array {
  const fail = (problem: string) => new AnalysisError(context.fn, `malformed subset "${source}": ${problem}`);
  const expr = parseR(fail, source);
  // A misspelt column here was said to be in the formula (walk-through 24).
  const value = evaluate({ ...context, argument: 'subset' }, expr);
  const total = context.table.length;
  if (value.kind === 'scalar' && (value.value === 0 || value.value === 1) && (expr.type === 'logical' || expr.type === 'name')) {
    return new Uint8Array(total).fill(1 - value.value);
  }
  if (value.kind !== 'logical') {
    throw new AnalysisError(context.fn, `subset "${deparseR(expr)}" is not TRUE or FALSE for each row; write a condition such as x > 2 or g %in% c("a", "b") (R would read numbers as row indices)`);
  }
  const outside = new Uint8Array(total);
  for (let i = 0; i < total; i++) outside[i] = value.values[i] === 1 ? 0 : 1;
  return outside;
}

/**
 * The rows of a table where an R condition over its columns is TRUE, as a table: the data filtered before an
 * estimator that has no `subset =` reads it (cregg's verbs: "filter the data there"). Rows where it is FALSE or NA
 * go, as with `subset`.
 *
 * @example rowsWhere(tableFromCsv('y,keep\n1,1\n2,0\n'), 'keep == 1', 'vlab amce').length // 1
 */
export function rowsWhere(table: DataTable, condition: string, fn: string, levels?: Levels): DataTable {
  const outside = subsetRows({ fn, table, levels, warn: () => {}, warnedOrder: new Set() }, condition);
  return pickRows(table, Int32Array.from({ length: table.length }, (_, i) => i).filter((i) => outside[i] === 0));
}
