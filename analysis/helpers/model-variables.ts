import { AnalysisError } from '../errors.ts';
import { recode, unknownColumn, type Levels } from './data.ts';
import type { Column, DataTable } from './data-table.ts';
import { sortLevels } from './level-order.ts';
import { functionAdvice } from './function-advice.ts';
import { oneNumberAdvice } from './one-number-advice.ts';
import { MODEL_FUNCTIONS } from './model-functions.ts';
import { formatRNumber } from './r-number.ts';
import { LOGICAL_OPERATORS, logicalOperation } from './logical-operators.ts';
import { matchIn } from './match-functions.ts';
import { matrixColumn } from './matrix-column.ts';
import { dataFrameColumn, isDataFrameSubscript } from './data-frame-column.ts';
import { powR } from './correctly-rounded-power.ts';
import { rIntegerDivide, rModulus } from './r-arithmetic.ts';
import { COMPARISONS, deparseR, type Expr } from './r-syntax.ts';

/** A value while an expression is evaluated, over all rows of the data (R evaluates before dropping NAs). */
export type Evaluated =
  | { kind: 'scalar'; value: number }
  /** NaN where missing. */
  | { kind: 'numeric'; values: Float64Array }
  /** Several columns (`poly`), named as R names a matrix's columns. */
  | { kind: 'matrix'; columns: Float64Array[]; names: string[] }
  /** 1, 0, NaN where missing. */
  | { kind: 'logical'; values: Float64Array }
  /** Codes into `levels`, −1 where missing; `ordered` (R's ordered factor) is coded by polynomial contrasts. */
  | { kind: 'factor'; levels: string[]; codes: Int32Array; ordered?: true }
  /** A character column as read: codes into `labels` (order of appearance), −1 where missing. */
  | { kind: 'character'; labels: string[]; codes: Int32Array };

/** A variable of the model as `model.matrix` sees it, over all rows of the data. */
export type Variable =
  /** One column per entry of `names` ('' for a plain vector, '1', '2', … for `poly`); NaN where missing. */
  | { kind: 'numeric'; columns: Float64Array[]; names: string[] }
  /** Codes into `levels`, −1 where missing; a logical variable has the levels FALSE, TRUE, used or not. */
  | { kind: 'factor'; levels: string[]; codes: Int32Array; logical: boolean; ordered?: true };

export interface EvaluationContext {
  fn: string;
  table: DataTable;
  levels: Levels | undefined;
  /** Collects warnings (R prints them; analysis/ never writes to stderr). */
  warn: (message: string) => void;
  /** Columns whose level order has been warned about already: one warning per factor. */
  warnedOrder: Set<string>;
  /** The argument the expression comes from, for an unknown column's message: "formula" unless said ("subset"). */
  argument?: string;
  /**
   * The rows where a call made NaN of a value (log(-1)), by the call's warning: the model frame finishes that warning
   * once it knows which of them it drops (an enclosing rank() or is.na() makes a value of the NaN and keeps the row).
   */
  producedNaN?: Map<string, Uint8Array>;
  /**
   * What calls made missing, in words (as.numeric() of text: R's NA "introduced by coercion"): the model frame names
   * them when no row is left, so the refusal says why rather than only that every row has a missing value.
   */
  madeMissing?: string[];
}

/**
 * Evaluates one formula variable (`regime`, `log(x)`, `poly(x, 2)`, `relevel(f, ref = "b")`) as R's model.frame
 * and model.matrix see it: character columns become factors with levels in code-point order (with a warning
 * when R's locale may order them otherwise), logical ones factors FALSE/TRUE.
 *
 * @example modelVariable(context, parseR(fail, 'I(x^2)')) // { kind: 'numeric', columns: [x²], names: [''] }
 */
export function modelVariable(context: EvaluationContext, expr: Expr): Variable {
  const value = evaluate(context, expr);
  const label = deparseR(expr);
  switch (value.kind) {
    case 'scalar':
      // R's model.frame: "variable lengths differ"; a whole-column number (mean(x), length(x)) belongs inside I().
      throw new AnalysisError(context.fn, `${label} is one number, not one per row (R: "variable lengths differ"); outside I() a formula's - and / remove and nest terms, so a number computed from a column goes inside I() with it: write ${oneNumberAdvice(expr)}`);
    case 'numeric':
      return { kind: 'numeric', columns: [value.values], names: [''] };
    case 'matrix':
      return { kind: 'numeric', columns: value.columns, names: value.names };
    case 'logical':
      return { kind: 'factor', levels: ['FALSE', 'TRUE'], codes: logicalCodes(value.values), logical: true };
    case 'factor':
      return { ...value, logical: false };
    case 'character':
      return { ...characterFactor(context, value, label), logical: false };
  }
}

/**
 * Evaluates an R expression over the data: column names, numbers, `+ - * / ^`, parentheses and the functions of
 * MODEL_FUNCTIONS. A column with declared levels is the factor `factor(x, levels = declared)`.
 */
export function evaluate(context: EvaluationContext, expr: Expr): Evaluated {
  switch (expr.type) {
    case 'number':
      return { kind: 'scalar', value: expr.value };
    case 'logical':
      return { kind: 'scalar', value: expr.value ? 1 : 0 };
    case 'na':
      return { kind: 'scalar', value: NaN };
    case 'string':
      throw new AnalysisError(context.fn, `the string ${deparseR(expr)} is not a variable`);
    case 'name':
      return columnValue(context, expr.name);
    case 'call': {
      if (expr.fn === '(') return evaluate(context, expr.args[0].value);
      if (expr.fn === '[') return isDataFrameSubscript(context, expr) ? dataFrameColumn(context, expr) : matrixColumn(context, expr);
      if (expr.fn === '$' || expr.fn === '[[') return dataFrameColumn(context, expr);
      if (ARITHMETIC.has(expr.fn)) return arithmetic(context, expr);
      if (COMPARISONS.has(expr.fn) && expr.args.length === 2) return comparison(context, expr);
      if (LOGICAL_OPERATORS.has(expr.fn)) return logicalOperation(context, expr);
      // At the top of a formula %in% is nesting (the formula algebra's); inside a call it is R's match.
      if (expr.fn === '%in%' && expr.args.length === 2) return matchIn(context, expr);
      const implementation = MODEL_FUNCTIONS[expr.fn];
      if (!implementation) throw unknownFunction(context.fn, expr.fn);
      return implementation(context, expr);
    }
  }
}

/**
 * The error for a function the evaluator does not have, listing those it has.
 *
 * @example unknownFunction('lmRobust', 'foo').message // 'lmRobust: unknown function "foo" (supported: I, log, …)'
 */
export function unknownFunction(fn: string, name: string): AnalysisError {
  // estimatr fits cbind(y1, y2) ~ x as one model per outcome; here each outcome is a formula (or a plan's outcomes).
  if (name === 'cbind') return new AnalysisError(fn, 'cbind(): several outcomes in one formula are not supported: fit each outcome in a formula of its own (a plan lists them in its outcomes)');
  // R's from:to is a sequence of its own length, not one value per row: the model frame stops ("variable lengths
  // differ") unless its length happens to be the number of rows, which a dropped row or another data set changes.
  if (name === ':') return new AnalysisError(fn, 'from:to inside a call is a sequence of fixed length, not one value per row (R: "variable lengths differ" unless it has as many values as the data has rows): write seq_along(x) for the row number, or c(…) of levels or values to match');
  const advice = functionAdvice(name);
  if (advice) return new AnalysisError(fn, `${name}() is not supported: ${advice}`);
  return new AnalysisError(fn, `unknown function "${name}" (supported: ${Object.keys(MODEL_FUNCTIONS).join(', ')}, offset)`);
}

function columnValue(context: EvaluationContext, name: string): Evaluated {
  const column = context.table.column(name);
  // R's T and F (TRUE and FALSE) and pi, where the data have no such column: I(x > 1 & T), I(pi * x).
  const constant = rConstant(context.table, name);
  if (constant !== undefined) return { kind: 'scalar', value: constant };
  if (!column) throw unknownColumn(context.fn, context.argument ?? 'formula', name, context.table.names);
  const declared = context.levels && Object.hasOwn(context.levels, name) ? (context.levels[name] as unknown) : undefined;
  if (declared !== undefined) return declaredFactor(context, name, column, declared);
  if (column.type === 'character') return { kind: 'character', labels: column.labels, codes: column.codes };
  return { kind: column.type, values: column.values };
}

/** `factor(x, levels = declared)`: a value outside the levels is NA (its row is dropped), with a warning. */
function declaredFactor(context: EvaluationContext, name: string, column: Column, declared: unknown): Evaluated {
  const { fn } = context;
  if (!(Array.isArray(declared) && declared.every((level) => typeof level === 'string'))) {
    throw new AnalysisError(fn, `levels for "${name}" must be a list of strings`);
  }
  const levels = declared as string[];
  const position = new Map(levels.map((level, k) => [level, k]));
  if (position.size < levels.length) throw new AnalysisError(fn, `levels for "${name}" list a level twice`);
  // Each distinct value is looked up once; rows then take its code by one array read.
  let codes: Int32Array;
  const outside = new Map<string, number>();
  if (column.type === 'character') {
    const to = Int32Array.from(column.labels, (label) => position.get(label) ?? -1);
    codes = recode(column.codes, to);
    const counts = new Int32Array(column.labels.length);
    for (let i = 0; i < column.codes.length; i++) if (column.codes[i] >= 0 && to[column.codes[i]] < 0) counts[column.codes[i]]++;
    counts.forEach((count, c) => count > 0 && outside.set(column.labels[c], count));
  } else {
    // factor(x, levels) of numbers matches as.character(x), R's 15 significant digits; of logicals, "TRUE"/"FALSE".
    const labelOf = column.type === 'logical' ? (v: number) => (v === 1 ? 'TRUE' : 'FALSE') : formatRNumber;
    const byValue = new Map<number, number>();
    codes = new Int32Array(column.values.length);
    for (let i = 0; i < codes.length; i++) {
      const v = column.values[i];
      if (Number.isNaN(v)) {
        codes[i] = -1;
        continue;
      }
      let code = byValue.get(v);
      if (code === undefined) byValue.set(v, (code = position.get(labelOf(v)) ?? -1));
      if (code < 0) outside.set(labelOf(v), (outside.get(labelOf(v)) ?? 0) + 1);
      codes[i] = code;
    }
  }
  if (outside.size > 0) {
    const count = [...outside.values()].reduce((a, b) => a + b, 0);
    const values = [...outside.keys()].slice(0, 5).map((v) => JSON.stringify(v));
    context.warn(
      `${fn}: ${count} value${count === 1 ? '' : 's'} of "${name}" outside its declared levels (${values.join(', ')}${outside.size > 5 ? ', …' : ''}) ` +
        `became missing and their rows are dropped, as factor(${name}, levels = …) does in R`,
    );
  }
  return { kind: 'factor', levels, codes };
}

/**
 * A character vector as a factor, as model.matrix makes one (`factor(x)`): levels sorted, here in code-point
 * order; a warning when R's locale may sort them otherwise, once per column. C.UTF-8 is such a locale where R has ICU
 * (Debian's R 4.2.2: sort(c("apple", "APPLE")) is "apple" "APPLE" there, "APPLE" "apple" in C; R trial 33).
 */
export function characterFactor(
  context: EvaluationContext,
  value: { labels: string[]; codes: Int32Array },
  label: string,
): { kind: 'factor'; levels: string[]; codes: Int32Array } {
  const { levels, mayDiffer, localeOrder } = sortLevels(value.labels);
  if (mayDiffer && !context.warnedOrder.has(label)) {
    context.warnedOrder.add(label);
    context.warn(levelOrderWarning(context.fn, label, levels, localeOrder));
  }
  const position = new Map(levels.map((level, k) => [level, k]));
  return { kind: 'factor', levels, codes: recode(value.codes, Int32Array.from(value.labels, (label) => position.get(label) as number)) };
}

const OTHER_LOCALES = 'R in a locale other than C (en_US.UTF-8, or C.UTF-8 where R collates with ICU, as Debian\'s R does) may sort them otherwise';
const DECLARE = 'Declare the order to be sure (vlab: --levels or --codebook)';

/**
 * The warning that a locale may order a character factor's levels otherwise: the two references where they differ;
 * where they do not, the two orders (until R trial 38 it named the one reference twice, as if it moved).
 */
function levelOrderWarning(fn: string, label: string, levels: readonly string[], localeOrder: readonly string[]): string {
  const head = `${fn}: levels of "${label}" are sorted in code-point order (R's C locale)`;
  if (localeOrder[0] !== levels[0]) return `${head}: reference "${levels[0]}"; ${OTHER_LOCALES} (reference "${localeOrder[0]}") and give other estimates. ${DECLARE}`;
  return `${head}: ${quotedLevels(levels)}; ${OTHER_LOCALES} (${quotedLevels(localeOrder)}): the same reference "${levels[0]}", the other levels in another order ` +
    `(their rows, and which of collinear columns is left out). ${DECLARE}`;
}

/** Up to eight levels, quoted and separated by commas, "…" for the rest. */
function quotedLevels(levels: readonly string[]): string {
  return levels.slice(0, 8).map((level) => JSON.stringify(level)).join(', ') + (levels.length > 8 ? ', …' : '');
}

/** R's arithmetic operators, %% and %/% (floored: -5 %% 3 is 1) included. */
export const ARITHMETIC: ReadonlySet<string> = new Set(['+', '-', '*', '/', '^', '%%', '%/%']);
const OPERATIONS: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '^': powR,
  '%%': rModulus,
  '%/%': rIntegerDivide,
};

/**
 * R's constants a formula may use where the data have no column of that name (a column is what R finds first):
 * T and F (TRUE and FALSE) and pi.
 *
 * @example rConstant(table, 'pi') // Math.PI
 */
export function rConstant(table: DataTable, name: string): number | undefined {
  if (table.column(name)) return undefined;
  return name === 'T' ? 1 : name === 'F' ? 0 : name === 'pi' ? Math.PI : undefined;
}

function arithmetic(context: EvaluationContext, expr: Expr & { type: 'call' }): Evaluated {
  const operands = expr.args.map((a) => numbers(context, a.value, deparseR(expr)));
  if (operands.length === 1) {
    const [x] = operands;
    if (expr.fn === '+') return x;
    return x.kind === 'scalar' ? { kind: 'scalar', value: -x.value } : { kind: 'numeric', values: x.values.map((v) => -v) };
  }
  const op = OPERATIONS[expr.fn];
  const [a, b] = operands;
  if (a.kind === 'scalar' && b.kind === 'scalar') return { kind: 'scalar', value: op(a.value, b.value) };
  const n = context.table.length;
  const values = new Float64Array(n);
  const av = a.kind === 'scalar' ? null : a.values;
  const bv = b.kind === 'scalar' ? null : b.values;
  const as = a.kind === 'scalar' ? a.value : 0;
  const bs = b.kind === 'scalar' ? b.value : 0;
  for (let i = 0; i < n; i++) values[i] = op(av ? av[i] : as, bv ? bv[i] : bs);
  return { kind: 'numeric', values };
}

const COMPARE: Record<string, (a: number, b: number) => boolean> = {
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  '<': (a, b) => a < b,
  '>': (a, b) => a > b,
  '<=': (a, b) => a <= b,
  '>=': (a, b) => a >= b,
};

/**
 * `x > 2`, `k == 1`, `x + k >= 4` (numbers, TRUE = 1) and `g == "red"`, `g != "red"` (a character or factor column
 * against a string, by label): a logical vector, NA where an operand is, as R's comparison operators. Ordering a
 * text column (`g < "b"`) depends on R's locale and is refused.
 */
function comparison(context: EvaluationContext, expr: Expr & { type: 'call' }): Evaluated {
  const [left, right] = expr.args.map((a) => a.value);
  const test = COMPARE[expr.fn];
  const n = context.table.length;
  const values = new Float64Array(n);
  if (left.type === 'string' || right.type === 'string') {
    const [column, text] = left.type === 'string' ? [right, left.value] : [left, (right as { value: string }).value];
    const value = evaluate(context, column);
    if ((expr.fn !== '==' && expr.fn !== '!=') || (value.kind !== 'character' && value.kind !== 'factor')) {
      throw new AnalysisError(context.fn, `cannot compute ${deparseR(expr)}: only a text or factor column can be compared with a string, by == or !=`);
    }
    const labels = value.kind === 'character' ? value.labels : value.levels;
    const match = labels.map((label) => label === text);
    for (let i = 0; i < n; i++) values[i] = value.codes[i] < 0 ? NaN : match[value.codes[i]] === (expr.fn === '==') ? 1 : 0;
    return { kind: 'logical', values };
  }
  const [a, b] = [left, right].map((operand) => numbers(context, operand, deparseR(expr)));
  if (a.kind === 'scalar' && b.kind === 'scalar') return { kind: 'scalar', value: test(a.value, b.value) ? 1 : 0 };
  for (let i = 0; i < n; i++) {
    const x = a.kind === 'scalar' ? a.value : a.values[i];
    const y = b.kind === 'scalar' ? b.value : b.values[i];
    values[i] = Number.isNaN(x) || Number.isNaN(y) ? NaN : test(x, y) ? 1 : 0;
  }
  return { kind: 'logical', values };
}

/**
 * An operand that must be numbers: a scalar, a numeric vector, or a logical one (TRUE = 1), as R's arithmetic.
 *
 * @example numbers(context, parseR(fail, 'x'), 'log(x)') // { kind: 'numeric', values }
 */
export function numbers(
  context: EvaluationContext,
  expr: Expr,
  within: string,
): { kind: 'scalar'; value: number } | { kind: 'numeric'; values: Float64Array } {
  const value = evaluate(context, expr);
  if (value.kind === 'scalar' || value.kind === 'numeric') return value;
  if (value.kind === 'logical') return { kind: 'numeric', values: value.values };
  const what = value.kind === 'matrix' ? 'a matrix' : 'not numeric';
  throw new AnalysisError(context.fn, `cannot compute ${within}: ${deparseR(expr)} is ${what}`);
}

/** TRUE/FALSE as the codes of the levels FALSE, TRUE. */
function logicalCodes(values: Float64Array): Int32Array {
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) codes[i] = Number.isNaN(values[i]) ? -1 : values[i];
  return codes;
}
