import { AnalysisError } from '../errors.ts';
import { matchArguments, type Call } from './model-function-arguments.ts';
import { numbers, type Evaluated, type EvaluationContext } from './model-variables.ts';
import { deparseR, type Expr } from './r-syntax.ts';

/** R's element-wise logical operators; `&&` and `||` (single values) are refused in words. */
export const LOGICAL_OPERATORS: ReadonlySet<string> = new Set(['!', '&', '|', '&&', '||']);

/** 1 TRUE, 0 FALSE, NaN NA: R's three-valued logic (NA & FALSE is FALSE, NA | TRUE is TRUE). */
const AND = (a: number, b: number): number => (a === 0 || b === 0 ? 0 : Number.isNaN(a) || Number.isNaN(b) ? NaN : 1);
const OR = (a: number, b: number): number => ((a !== 0 && !Number.isNaN(a)) || (b !== 0 && !Number.isNaN(b)) ? 1 : Number.isNaN(a) || Number.isNaN(b) ? NaN : 0);
const NOT = (a: number): number => (Number.isNaN(a) ? NaN : a === 0 ? 1 : 0);

/**
 * `!a`, `a & b`, `a | b` over the rows, as R computes them on logical or numeric operands (a number is TRUE unless
 * 0): a TRUE/FALSE variable, NA where R's is (`I(x > 1 & k == 2)` is the column `I(x > 1 & k == 2)TRUE`). A text
 * operand is refused as R refuses it ("operations are possible only for numeric, logical or complex types").
 *
 * @example logicalOperation(context, parseR(fail, '!(x > 1)')) // { kind: 'logical', values }
 */
export function logicalOperation(context: EvaluationContext, expr: Expr & { type: 'call' }): Evaluated {
  const within = deparseR(expr);
  if (expr.fn === '&&' || expr.fn === '||') {
    throw new AnalysisError(context.fn, `cannot compute ${within}: ${expr.fn} takes single values (R 4.2 uses the first row's, R 4.3 stops); use ${expr.fn[0]} for rows`);
  }
  const operands = expr.args.map((a) => numbers(context, a.value, within));
  const at = (k: number, i: number): number => {
    const operand = operands[k];
    return operand.kind === 'scalar' ? operand.value : operand.values[i];
  };
  const apply = (i: number): number => (expr.fn === '!' ? NOT(at(0, i)) : expr.fn === '&' ? AND(at(0, i), at(1, i)) : OR(at(0, i), at(1, i)));
  if (operands.every((operand) => operand.kind === 'scalar')) return { kind: 'scalar', value: apply(0) };
  return { kind: 'logical', values: Float64Array.from({ length: context.table.length }, (_, i) => apply(i)) };
}

/** R's xor(x, y), which is (x | y) & !(x & y) row by row: NA where either is NA. */
export function xor(context: EvaluationContext, call: Call): Evaluated {
  const args = matchArguments(context, call, ['x', 'y']);
  if (args.y === undefined) throw new AnalysisError(context.fn, `${deparseR(call)}: argument "y" is missing`);
  const operands = [args.x as Expr, args.y].map((a) => numbers(context, a, deparseR(call)));
  const at = (k: number, i: number): number => {
    const operand = operands[k];
    return operand.kind === 'scalar' ? operand.value : operand.values[i];
  };
  const apply = (i: number): number => AND(OR(at(0, i), at(1, i)), NOT(AND(at(0, i), at(1, i))));
  if (operands.every((operand) => operand.kind === 'scalar')) return { kind: 'scalar', value: apply(0) };
  return { kind: 'logical', values: Float64Array.from({ length: context.table.length }, (_, i) => apply(i)) };
}
