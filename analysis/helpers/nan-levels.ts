// R's NaN where a term makes levels: is.na(NaN) is TRUE, so na.omit drops a NaN of a number, but factor(NaN) and
// as.character(NaN) ("NaN") give a level "NaN" and keep those rows as one more group (R trial 19: y ~ factor(k) + x
// fits 10 rows with factor(k)NaN, y ~ k + x 8). vlab reads NaN as missing everywhere, so it refuses these in words
// rather than drop the rows silently.
import { AnalysisError } from '../errors.ts';
import { evaluate, type Evaluated, type EvaluationContext } from './model-variables.ts';
import { type Expr } from './r-syntax.ts';

/** What R does with NaN in factor() (and as.factor, ordered, interaction). */
export const FACTOR_NAN = 'R\'s factor() keeps NaN as a level "NaN"';
/** What R does with NaN in as.character(). */
export const CHARACTER_NAN = 'R\'s as.character() makes them the text "NaN", a level';

/** A bare numeric column with cells "NaN" (read.csv reads them as NaN; tableFromCsv counts them): refused. */
export function refuseNaNCells(context: EvaluationContext, expr: Expr, label: string, rule: string): void {
  if (expr.type !== 'name') return;
  const column = context.table.column(expr.name);
  if (column?.type !== 'numeric' || !column.nanCells) return;
  const cells = `${column.nanCells} cell${column.nanCells === 1 ? '' : 's'}`;
  throw new AnalysisError(context.fn, `${label}: column "${expr.name}" has ${cells} "NaN": ${rule} (those rows stay, as one more group) where vlab reads NaN as missing; write NA for a missing value, or recode those cells`);
}

/** x, refused where evaluating it makes NaN of values that were there (`factor(log(x - 0.3))`); else its warnings pass on. */
export function evaluateRefusingNaN(context: EvaluationContext, expr: Expr, label: string, rule: string): Evaluated {
  const warnings: string[] = [];
  const x = evaluate({ ...context, warn: (message) => warnings.push(message) }, expr);
  const produced = warnings.find((message) => message.includes('NaNs produced'));
  if (produced !== undefined) {
    const what = produced.slice(produced.indexOf(': ') + 2, produced.indexOf(' (R:'));
    throw new AnalysisError(context.fn, `${label}: ${what}: ${rule} (those rows stay, as one more group) where the term alone drops them; leave those rows out, or use a term defined on every row`);
  }
  warnings.forEach((message) => context.warn(message));
  return x;
}
