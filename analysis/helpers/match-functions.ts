import { AnalysisError } from '../errors.ts';
import { matchArguments, type Call } from './model-function-arguments.ts';
import { evaluate, type Evaluated, type EvaluationContext } from './model-variables.ts';
import { formatRNumber } from './r-number.ts';
import { deparseR, type Expr } from './r-syntax.ts';

/**
 * R's is.na(x): TRUE where x is missing, never NA itself (`ifelse(is.na(x), 0, x)` keeps every row).
 *
 * @example isNa(context, parseR(fail, 'is.na(x)')) // { kind: 'logical', values: [0, 0, 1, …] }
 */
export function isNa(context: EvaluationContext, call: Call): Evaluated {
  const x = evaluate(context, matchArguments(context, call, ['x']).x as Expr);
  if (x.kind === 'scalar') return { kind: 'scalar', value: Number.isNaN(x.value) ? 1 : 0 };
  if (x.kind === 'matrix') throw new AnalysisError(context.fn, `${deparseR(call)}: x must be a column`);
  const missing = x.kind === 'factor' || x.kind === 'character' ? Array.from(x.codes, (c) => c < 0) : Array.from(x.values, Number.isNaN);
  return { kind: 'logical', values: Float64Array.from(missing, (m) => (m ? 1 : 0)) };
}

/**
 * `x %in% c(…)` inside a call (`I(k %in% c(1, 2))`, `I(g %in% c("a", "b"))`; at the top of a formula %in% is nesting):
 * TRUE where x is one of the values, never NA (a missing x is FALSE, or TRUE where the values hold NA), as R's match.
 * Numbers match numbers by value; where either side is text both are compared as R writes them (as.character: 15
 * significant digits, "TRUE").
 */
export function matchIn(context: EvaluationContext, call: Call): Evaluated {
  const [xExpr, tableExpr] = call.args.map((a) => a.value);
  const x = evaluate(context, xExpr);
  const table = tableValues(context, call, tableExpr);
  if (x.kind === 'scalar' || x.kind === 'matrix') throw new AnalysisError(context.fn, `cannot compute ${deparseR(call)}: ${deparseR(xExpr)} must be a column`);
  if ((x.kind === 'numeric' || x.kind === 'logical') && table.every((v) => typeof v === 'number')) {
    const wanted = new Set(table as number[]);
    return { kind: 'logical', values: x.values.map((v) => (wanted.has(v) ? 1 : 0)) };
  }
  // As text NA is NA_character_, which matches a missing x (R: c("a", NA) %in% c(NA, "b") is FALSE TRUE).
  const missing = table.some((v) => typeof v === 'number' && Number.isNaN(v)) ? 1 : 0;
  const wanted = new Set(table.filter((v) => !(typeof v === 'number' && Number.isNaN(v))).map((v) => (typeof v === 'number' ? formatRNumber(v) : v)));
  if (x.kind === 'numeric' || x.kind === 'logical') {
    const label = (v: number): string => (x.kind === 'logical' ? (v === 1 ? 'TRUE' : 'FALSE') : formatRNumber(v));
    return { kind: 'logical', values: x.values.map((v) => (Number.isNaN(v) ? missing : wanted.has(label(v)) ? 1 : 0)) };
  }
  const labels = x.kind === 'factor' ? x.levels : x.labels;
  const hit = labels.map((l) => wanted.has(l));
  return { kind: 'logical', values: Float64Array.from(x.codes, (c) => (c < 0 ? missing : hit[c] ? 1 : 0)) };
}

/** The values of c(…) (strings, numbers, TRUE/FALSE, from:to) that %in% looks for; TRUE/FALSE are 1 and 0. */
function tableValues(context: EvaluationContext, call: Call, expr: Expr): (number | string)[] {
  const items = expr.type === 'call' && expr.fn === 'c' ? expr.args.map((a) => a.value) : [expr];
  return items.flatMap((item): (number | string)[] => {
    if (item.type === 'string') return [item.value];
    if (item.type === 'call' && item.fn === ':' && item.args.length === 2) {
      const [from, to] = item.args.map((a) => evaluate(context, a.value));
      if (from.kind === 'scalar' && to.kind === 'scalar' && Math.abs(to.value - from.value) <= 10_000) {
        const count = Math.floor(Math.abs(to.value - from.value) + 1e-10) + 1;
        return Array.from({ length: count }, (_, k) => from.value + (to.value >= from.value ? k : -k));
      }
    }
    const value = item.type === 'name' && context.table.column(item.name) ? undefined : evaluate(context, item);
    if (value?.kind === 'scalar') return [value.value];
    throw new AnalysisError(context.fn, `cannot compute ${deparseR(call)}: the values to match must be strings or numbers, as c("a", "b") or c(1, 2)`);
  });
}
