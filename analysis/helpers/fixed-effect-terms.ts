import { AnalysisError } from '../errors.ts';
import type { Levels } from './data.ts';
import type { Column, DataTable } from './data-table.ts';
import { evaluate, type Evaluated } from './model-variables.ts';
import { deparseR, parseR, type Expr } from './r-syntax.ts';

/** The operators that join fixed effects in estimatr's `fixed_effects` formula (each side absorbed on its own). */
const JOINING = new Set(['+', '*', ':']);

/**
 * estimatr's `fixed_effects` with transformed terms (`~ log(h)`, `~ round(age)`, `~ I(h > 2)`, `~ cut(x, 3)`,
 * `~ interaction(g, f)`, `~ h %% 2`): estimatr evaluates each term as its model frame does and absorbs the term's
 * values as a factor's levels (R trial 18: `~ log(h)` groups the rows as `~ h`, `~ round(hx)` as the rounded values).
 * Each such term becomes a column of the table named as R prints the term, and the formula names it in backticks, so
 * that fixedEffectSpec and the fit read it as any column. Plain columns, `factor(g)` and `as.factor(g)` are kept as
 * written; the data are returned unchanged when no term is transformed.
 *
 * @example fixedEffectTerms('lmRobust', '~ log(h) + g', table, undefined).spec // '~ `log(h)` + g', with column "log(h)"
 */
export function fixedEffectTerms(fn: string, spec: string, table: DataTable, levels: Levels | undefined): { spec: string; table: DataTable } {
  const text = typeof spec === 'string' ? spec.trim() : '';
  if (!text.startsWith('~')) return { spec, table };
  let tree: Expr;
  try {
    tree = parseR((problem) => new AnalysisError(fn, problem), text.slice(1));
  } catch {
    return { spec, table }; // fixedEffectSpec says what is wrong with it
  }
  const added = new Map<string, Column>();
  const context = { fn, table, levels, warn: () => undefined, warnedOrder: new Set<string>() };
  const rewrite = (expr: Expr): Expr => {
    if (expr.type === 'call' && JOINING.has(expr.fn) && expr.args.length === 2) return { ...expr, args: expr.args.map((arg) => ({ ...arg, value: rewrite(arg.value) })) };
    if (expr.type === 'name' || isFactorOfColumn(expr)) return expr;
    const name = deparseR(expr);
    added.set(name, termColumn(fn, spec, name, evaluate(context, expr)));
    return { type: 'name', name };
  };
  const rewritten = rewrite(tree);
  if (added.size === 0) return { spec, table };
  // A data column spelled like the term ("log(h)") is not what R absorbs: the term's values replace it.
  const names = [...table.names, ...[...added.keys()].filter((name) => !table.names.includes(name))];
  return { spec: `~ ${deparseR(rewritten)}`, table: { length: table.length, names, column: (name) => added.get(name) ?? table.column(name) } };
}

/** `factor(g)` or `as.factor(g)` of a column: fixedEffectSpec reads these as the column itself. */
function isFactorOfColumn(expr: Expr): boolean {
  return expr.type === 'call' && (expr.fn === 'factor' || expr.fn === 'as.factor') && expr.args.length === 1 && expr.args[0].value.type === 'name';
}

/** A transformed term's values as a column: numbers, TRUE/FALSE or labels, each distinct value one group. */
function termColumn(fn: string, spec: string, name: string, value: Evaluated): Column {
  switch (value.kind) {
    case 'numeric':
      return { type: 'numeric', values: value.values };
    case 'logical':
      return { type: 'logical', values: value.values };
    case 'factor':
      return { type: 'character', codes: value.codes, labels: value.levels };
    case 'character':
      return { type: 'character', codes: value.codes, labels: value.labels };
    case 'scalar':
      throw new AnalysisError(fn, `fixedEffects "${spec}": ${name} is a constant, not a grouping of the rows; leave it out (the intercept is absorbed anyway)`);
    case 'matrix':
      throw new AnalysisError(fn, `fixedEffects "${spec}": ${name} gives ${value.columns.length} columns; absorb one grouping a term (e.g. "~ g1 + g2")`);
  }
}
