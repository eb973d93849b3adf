import { deparseR, type Expr } from './r-syntax.ts';

// A centre (x - mean(x)) and a scale (x / sd(x)): what analysts compute from a column in a formula.
const CENTRES = new Set(['mean', 'median', 'weighted.mean', 'min', 'max']);
const SCALES = new Set(['sd', 'var', 'sum']);

/**
 * The I() term a one-number variable stands for, written from its own column: `y ~ a * (age - mean(age))` is refused
 * naming I(age - mean(age)), since outside I() the formula's - and / remove and nest terms (R stops there, "variable
 * lengths differ"). Until the forty-first R trial every such refusal named I(rank(x) / length(x)), whatever the term.
 *
 * @example oneNumberAdvice(parseR(fail, 'mean(age)')) // 'I(age - mean(age))'
 */
export function oneNumberAdvice(expr: Expr): string {
  const label = deparseR(expr);
  const first = expr.type === 'call' ? expr.args.find((a) => a.name === undefined || a.name === 'x')?.value : undefined;
  if (expr.type !== 'call' || first === undefined) return 'I(rank(x)/length(x))';
  const column = deparseR(first);
  if (CENTRES.has(expr.fn)) return `I(${column} - ${label})`;
  if (SCALES.has(expr.fn)) return `I(${column}/${label})`;
  if (expr.fn === 'length') return `I(rank(${column})/${label})`;
  return `I(${column} - ${label})`;
}
