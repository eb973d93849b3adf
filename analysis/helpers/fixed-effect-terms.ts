import { AnalysisError } from '../errors.ts';
import type { Levels } from './data.ts';
import type { Column, DataTable } from './data-table.ts';
import { evaluate, type Evaluated } from './model-variables.ts';
import { deparseR, parseR, type Expr } from './r-syntax.ts';

/**
 * The formula operators of a fixed-effects formula. estimatr absorbs the variables of its model frame, each once, so
 * every one of them only lists variables: `~ g/h`, `~ (g + h)^2`, `~ g %in% h` and even `~ g - h` absorb g and h,
 * `~ h^2` absorbs h (R trial 18, mtcars: each equals `~ g + h` or `~ h`).
 */
const FORMULA_OPERATORS = new Set(['+', '*', ':', '/', '%in%', '-', '^', '(']);

/**
 * estimatr's `fixed_effects` with transformed terms (`~ log(h)`, `~ round(age)`, `~ I(h > 2)`, `~ cut(x, 3)`,
 * `~ interaction(g, f)`, `~ h %% 2`): estimatr evaluates each variable of the formula as its model frame does and
 * absorbs its values as a factor's levels (R trial 18: `~ log(h)` groups the rows as `~ h`, `~ round(hx)` as the
 * rounded values). Each such term becomes a column of the table named as R prints the term, and the returned formula
 * lists the variables, transformed ones in backticks (`~ \`log(h)\` + g`), joined by `*` where the formula joined them
 * otherwise than by `+` (fixedEffectSpec then warns that they are absorbed each, not combined). A formula of columns,
 * `factor(g)` and `as.factor(g)` joined by `+`, `*` or `:` is returned as written, with the table unchanged.
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
  const { variables, operators } = formulaVariables(tree);
  const transformed = variables.filter((expr) => expr.type !== 'name' && !isFactorOfColumn(expr));
  if (transformed.length === 0 && [...operators].every((op) => op === '+' || op === '*' || op === ':')) return { spec, table };
  const added = new Map<string, Column>();
  const warnings: string[] = [];
  const context = { fn, table, levels, warn: (message: string) => warnings.push(message), warnedOrder: new Set<string>() };
  for (const expr of transformed) added.set(deparseR(expr), termColumn(fn, spec, deparseR(expr), evaluate(context, expr)));
  refuseProducedNaN(fn, spec, warnings);
  const names = [...new Set(variables.map(variableColumn))];
  const joined = names.length > 1 && [...operators].some((op) => op !== '+' && op !== '(');
  const rewritten = `~ ${names.map((name) => deparseR({ type: 'name', name })).join(joined ? ' * ' : ' + ')}`;
  // A data column spelled like the term ("log(h)") is not what R absorbs: the term's values replace it.
  const columns = [...table.names, ...[...added.keys()].filter((name) => !table.names.includes(name))];
  return { spec: rewritten, table: { length: table.length, names: columns, column: (name) => added.get(name) ?? table.column(name) } };
}

/**
 * A term that makes NaN of values that were there (`~ log(hx - 1)` where hx < 1): estimatr absorbs those rows as one
 * more group, as factor() keeps NaN as a level (R trial 18: nobs 200 where the same model with the rows dropped has
 * 182), which a formula would drop as missing (vlab's NaN rule). Neither is what the term means: refused in words.
 */
function refuseProducedNaN(fn: string, spec: string, warnings: readonly string[]): void {
  const produced = warnings.find((message) => message.includes('NaNs produced'));
  if (produced === undefined) return;
  const what = produced.slice(produced.indexOf(': ') + 2, produced.indexOf(' (R:'));
  throw new AnalysisError(fn, `fixedEffects "${spec}": ${what}: estimatr absorbs those rows as one more group "NaN" (factor() keeps NaN as a level), where the formula's rule drops them as missing; leave those rows out or absorb a term defined on every row`);
}

/** The column a variable is absorbed from: its own, that of `factor(g)`, or the transformed term's (named as R prints it). */
function variableColumn(expr: Expr): string {
  if (expr.type === 'name') return expr.name;
  if (expr.type === 'call' && isFactorOfColumn(expr) && expr.args[0].value.type === 'name') return expr.args[0].value.name;
  return deparseR(expr);
}

/** The variables of a formula's right-hand side (numbers such as `- 1` are not variables) and the operators met. */
function formulaVariables(tree: Expr): { variables: Expr[]; operators: Set<string> } {
  const variables: Expr[] = [];
  const operators = new Set<string>();
  const walk = (expr: Expr): void => {
    if (expr.type === 'number') return;
    if (expr.type !== 'call' || !FORMULA_OPERATORS.has(expr.fn)) {
      variables.push(expr);
      return;
    }
    operators.add(expr.fn);
    // h^2 is h crossed with itself: the power is a number, not a variable.
    (expr.fn === '^' ? expr.args.slice(0, 1) : expr.args).forEach((arg) => walk(arg.value));
  };
  walk(tree);
  return { variables, operators };
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
