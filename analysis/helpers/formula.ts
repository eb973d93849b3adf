import { AnalysisError } from '../errors.ts';
import { namespaceProblem } from './function-advice.ts';
import { MODEL_FUNCTIONS } from './model-functions.ts';
import { LOGICAL_OPERATORS } from './logical-operators.ts';
import { ARITHMETIC, unknownFunction } from './model-variables.ts';
import { isCbind, ROW_SUMMARIES } from './row-sums.ts';
import { COMPARISONS, deparseR, parseR, type Expr } from './r-syntax.ts';
import type { Call } from './model-function-arguments.ts';

/** A parsed model formula, as R's `terms.formula` describes it. */
export interface Formula {
  /** The outcome as R names it: `y`, `log(y)`. */
  response: string;
  responseExpr: Expr;
  /**
   * Right-hand-side variables in R's order (first appearance; `.` in data-column order), as R names them:
   * `regime`, `I(x^2)`, `poly(x, 2)`, `relevel(f, ref = "b")`.
   */
  variables: string[];
  variableExprs: Expr[];
  /** Data columns the formula reads (the outcome's first), each once. */
  columns: string[];
  /** Data columns the right-hand side reads, each once. */
  predictorColumns: string[];
  /** Each term is a set of indices into `variables`, ascending; terms are ordered by degree, then appearance. */
  terms: number[][];
  /**
   * R's factor pattern (`attr(terms, "factors")`), per term and per variable of the term: 1 if a factor there is
   * coded by contrasts, 2 if by one indicator per level (`TermCode` in R's src/library/stats/src/model.c).
   */
  coding: (1 | 2)[][];
  intercept: boolean;
  /** `offset(...)` variables: removed from the terms, and ignored as `estimatr::lm_robust` ignores them. */
  offsets: string[];
}

/**
 * Parses an R model formula and expands it exactly as R's `terms.formula` (src/library/stats/src/model.c:
 * ExtractVars, EncodeVars, TermCode): `a + b`, `a * b`, `a:b`, `(a + b + c)^2`, `a/b` (= `a + a:b`),
 * `b %in% a`, `- a`, `0 + a`, `a - 1`, `.` (every column of `dataColumns` not on the left), a leading `+`,
 * `offset()`, and any call as a variable (`I(x^2)`, `log(x)`, `poly(x, 2)`, `factor(k)`, `relevel(f, ref = "b")`),
 * evaluated later by `evaluateVariable`.
 *
 * @example parseFormula('lmRobust', 'y ~ regime * capability').terms // [[0], [1], [0, 1]]
 */
export function parseFormula(fn: string, source: string, dataColumns?: readonly string[]): Formula {
  const fail: Fail = (problem) => new AnalysisError(fn, `malformed formula "${source}": ${problem}`);
  const expr = parseR(fail, source);
  if (expr.type !== 'call' || expr.fn !== '~' || expr.args.length !== 2) throw fail('expected "outcome ~ terms"');
  const [lhs, rhs] = expr.args.map((a) => a.value);
  const response = deparseR(lhs);
  const problem = outcomeProblem(lhs);
  if (problem) throw fail(`the outcome ${response} has ${problem} outside a function, which estimatr reads as formula syntax and stops on; write I(${response})`);

  // `.` stands for every data column except the symbols of the left-hand side (R's CheckRHS).
  const lhsSymbols = new Set(symbolsOf(lhs));
  let usesDot = false;
  const dotColumns = (): string[] => {
    if (!dataColumns) throw fail('"." needs the data to know its columns');
    usesDot = true;
    return dataColumns.filter((name) => !lhsSymbols.has(name));
  };

  const { variables, variableExprs } = extractVariables(rhs, fail, dotColumns);
  checkFunctions(fn, lhs);
  for (const e of variableExprs) checkFunctions(fn, e, e);
  if (variables.includes(response)) throw fail(`the outcome "${response}" also appears on the right`);
  const encoded = encodeTerms(rhs, variables, fail, dotColumns);

  // Offsets leave the terms.
  const offsets = variables.filter((label) => label.startsWith('offset('));
  const offsetBits = unionOf(offsets.map((label) => 1n << BigInt(variables.indexOf(label))));
  const terms = encoded.terms.filter((t) => (t & offsetBits) === 0n);
  if (terms.length === 0 && !encoded.intercept) throw fail('the model has no terms');

  const { ordered, coding } = orderAndCode(terms, variables.length);
  if (usesDot) return parseFormula(fn, withoutDot(response, variables, ordered, offsets, encoded.intercept));
  const predictorColumns = [...new Set(variableExprs.flatMap(symbolsOf))];
  const columns = [...new Set([...symbolsOf(lhs), ...predictorColumns])];
  return { response, responseExpr: lhs, variables, variableExprs, columns, predictorColumns, terms: ordered, coding, intercept: encoded.intercept, offsets };
}

type Fail = (problem: string) => AnalysisError;

/**
 * The formula as estimatr reads one with `.`: its Formula package replaces the right-hand side by
 * `update(formula(terms(f, data = data)), . ~ .)`, i.e. R's fixFormulaObject — the term labels, then the offsets,
 * then `- 1` without an intercept. A column only removed (`. - cl`) is then no model variable, so its missing
 * values drop no row (`y ~ a - cl` without `.` keeps cl in the frame, as lm does), and the variables are
 * renumbered in the order the labels show them.
 */
function withoutDot(response: string, variables: string[], terms: number[][], offsets: string[], intercept: boolean): string {
  const labels = [...terms.map((term) => term.map((k) => variables[k]).join(':')), ...offsets];
  return `${response} ~ ${labels.length > 0 ? labels.join(' + ') : '1'}${intercept ? '' : ' - 1'}`;
}

/** Step 1 (R's ExtractVars): the right-hand side's variables, in order of first appearance, named as R deparses them. */
function extractVariables(rhs: Expr, fail: Fail, dotColumns: () => string[]): { variables: string[]; variableExprs: Expr[] } {
  const variableExprs: Expr[] = [];
  const variables: string[] = [];
  const install = (e: Expr): void => {
    const label = deparseR(e);
    if (variables.includes(label)) return;
    variables.push(label);
    variableExprs.push(e);
  };
  const extract = (e: Expr): void => {
    if (e.type === 'number') {
      if (e.value !== 0 && e.value !== 1) throw fail(`the number ${deparseR(e)} is not a term (only 0 and 1 are)`);
    } else if (e.type === 'name') {
      if (e.name === '.') for (const name of dotColumns()) install({ type: 'name', name });
      else install(e);
    } else if (e.type === 'call' && FORMULA_OPERATORS.has(e.fn)) {
      if (e.fn === '^') {
        if (e.args[1].value.type !== 'number') throw fail('invalid power: the exponent must be a number');
        extract(e.args[0].value);
      } else {
        for (const a of e.args) extract(a.value);
      }
    } else if (e.type === 'call') {
      install(e);
    } else {
      throw fail(`${deparseR(e)} is not a term`);
    }
  };
  extract(rhs);
  return { variables, variableExprs };
}

/**
 * Step 2 (R's EncodeVars): the terms as bit sets over `variables`, in order, and whether the model keeps its
 * intercept (`0`, `1`, `- 1` flip it; inside `-` the parity is reversed).
 */
function encodeTerms(rhs: Expr, variables: string[], fail: Fail, dotColumns: () => string[]): { terms: bigint[]; intercept: boolean } {
  let intercept = true;
  let parity = true;
  const bit = (e: Expr): bigint => 1n << BigInt(variables.indexOf(deparseR(e)));
  const trim = (terms: bigint[]): bigint[] => terms.filter((t, k) => t !== 0n && terms.indexOf(t) === k);
  const cross = (left: bigint[], right: bigint[]): bigint[] => left.flatMap((l) => right.map((r) => l | r));
  const encode = (e: Expr): bigint[] => {
    if (e.type === 'number') {
      intercept = e.value === 1 ? parity : !parity;
      return [];
    }
    if (e.type === 'name') return e.name === '.' ? dotColumns().map((name) => bit({ type: 'name', name })) : [bit(e)];
    if (e.type !== 'call') throw fail(`${deparseR(e)} is not a term`);
    const [a, b] = e.args.map((arg) => arg.value);
    switch (e.fn) {
      case '+':
        return b === undefined ? encode(a) : trim([...encode(a), ...encode(b)]);
      case ':':
        return trim(cross(encode(a), encode(b)));
      case '*': {
        const left = encode(a);
        const right = encode(b);
        return trim([...left, ...right, ...cross(left, right)]);
      }
      case '%in%': {
        const left = encode(a);
        const within = unionOf(encode(b));
        return trim(left.map((t) => t | within));
      }
      case '/': {
        const left = encode(a);
        const within = unionOf(left);
        return trim([...left, ...encode(b).map((t) => t | within)]);
      }
      case '^': {
        const power = Math.trunc((b as { value: number }).value);
        if (!(power >= 2)) throw fail('invalid power: the exponent must be at least 2');
        const base = encode(a);
        let result = base;
        for (let k = 1; k < power; k++) result = trim(cross(base, result));
        return result;
      }
      case '-': {
        const left = b === undefined ? [] : encode(a);
        parity = !parity;
        const right = encode(b ?? a);
        parity = !parity;
        return left.filter((t) => !right.includes(t));
      }
      case '(':
        return encode(a);
      default:
        return [bit(e)];
    }
  };
  const terms = encode(rhs);
  return { terms, intercept };
}

/**
 * Step 3: terms ordered by degree, otherwise kept in their order, as lists of variable indices. Step 4: R's
 * TermCode for each variable of each term.
 */
function orderAndCode(terms: bigint[], nVariables: number): { ordered: number[][]; coding: (1 | 2)[][] } {
  const bitsOf = (mask: bigint): number[] => Array.from({ length: nVariables }, (_, k) => k).filter((k) => (mask >> BigInt(k)) & 1n);
  const masks = terms
    .map((mask, order) => ({ mask, order, degree: bitsOf(mask).length }))
    .sort((x, y) => x.degree - y.degree || x.order - y.order)
    .map((t) => t.mask);
  const coding = masks.map((mask, t) =>
    bitsOf(mask).map((v): 1 | 2 => {
      const rest = mask & ~(1n << BigInt(v));
      // Contrasts when the term without this variable is empty or contained in an earlier term (its margin).
      return rest === 0n || masks.slice(0, t).some((earlier) => (rest & ~earlier) === 0n) ? 1 : 2;
    }),
  );
  return { ordered: masks.map(bitsOf), coding };
}

const unionOf = (terms: bigint[]): bigint => terms.reduce((a, t) => a | t, 0n);

const FORMULA_OPERATORS = new Set(['+', '-', '*', '/', ':', '^', '%in%', '(']);
// Calls a variable may contain besides MODEL_FUNCTIONS: arithmetic, comparisons, ! & |, %in% (R's match inside a call),
// parentheses, a matrix's column m[, k], offset(), c() of factor levels and of values to match.
const OTHER_CALLS = new Set([...ARITHMETIC, '(', '[', '[[', '$', 'offset', 'c', '%in%', ...COMPARISONS, ...LOGICAL_OPERATORS]);

/**
 * Unknown functions are refused when the formula is read, so a plan with one fails validation. In a predictor
 * (`variable`, the whole expression) a cbind() outside rowSums()/rowMeans() is a matrix in R, which vlab does not
 * build; it was refused as "several outcomes" until 2026-12-05 (R trial 25), now for what it is.
 */
function checkFunctions(fn: string, e: Expr, variable?: Expr): void {
  if (e.type !== 'call' || isNumberSequence(e)) return;
  const problem = e.ns === undefined ? undefined : namespaceProblem(e.ns, e.fn, Object.hasOwn(MODEL_FUNCTIONS, e.fn));
  if (problem) throw new AnalysisError(fn, problem);
  if (variable && isCbind(e)) throw new AnalysisError(fn, predictorCbindProblem(e, e === variable));
  if (!OTHER_CALLS.has(e.fn) && !Object.hasOwn(MODEL_FUNCTIONS, e.fn)) throw unknownFunction(fn, e.fn);
  // cbind() is a matrix only inside rowSums()/rowMeans(); its own arguments are checked.
  const args = ROW_SUMMARIES[e.fn] ? e.args.flatMap((a) => (isCbind(a.value) ? a.value.args : [a])) : e.args;
  for (const a of args) checkFunctions(fn, a.value, variable);
}

/**
 * What to write instead of a cbind() in a predictor. As a term of its own R's model matrix names each column by the
 * term and the argument's name or, for a bare column, the column (cbind's deparse.level = 1), else "": lm and
 * lm_robust's `cbind(x, z)x`. Its numeric columns as terms of their own fit the same, named by the columns alone.
 */
function predictorCbindProblem(e: Call, wholeTerm: boolean): string {
  const label = deparseR(e);
  const names = e.args.map((a) => `"${label}${a.name ?? (a.value.type === 'name' ? a.value.name : '')}"`);
  const what = wholeTerm ? `as a predictor is a matrix term in R (coefficients ${names.join(', ')})` : 'inside a predictor is a matrix in R';
  return `${label} ${what}, which vlab does not fit: write its columns as terms of their own, ${e.args.map((a) => deparseR(a.value)).join(' + ')}, or rowSums(${label}) for their sum`;
}

/**
 * What estimatr stops on in the outcome, outside any function call: it reads the left side as a formula too (the
 * Formula package's terms, R's ExtractVars), so a number other than 0 or 1 beside + or - (y - 2, y * 100, y / 2:
 * "invalid model formula in ExtractVars"), a power that is no number, two variables joined by + * / (two
 * responses it cannot use: "'data' must be of a vector type") and y:x (a sequence) all stop it, while y - x, y + 1,
 * -y and y^2 are arithmetic on y. lm would fit them all; vlab follows estimatr, where I() is the way to write them.
 */
function outcomeProblem(e: Expr): string | undefined {
  const zeroOrOne = (a: Expr): boolean => a.type === 'number' && (a.value === 0 || a.value === 1);
  if (e.type === 'number') return `the number ${deparseR(e)}`;
  if (e.type !== 'call') return undefined;
  const [a, b] = e.args.map((arg) => arg.value);
  const first = (...parts: Expr[]): string | undefined => parts.map(outcomeProblem).find((problem) => problem !== undefined);
  if (b === undefined) return ['(', '-', '+'].includes(e.fn) ? first(a) : undefined;
  switch (e.fn) {
    case '*':
    case '/':
    case ':':
      return `"${e.fn}"`;
    case '+':
      if (a.type !== 'number' && b.type !== 'number') return '"+" between two variables';
      return first(...[a, b].filter((part) => !zeroOrOne(part)));
    case '-':
      return zeroOrOne(b) ? first(a) : first(a, b);
    case '^':
      return b.type === 'number' ? first(a) : '"^" with a power that is not a number';
    case '%in%':
      return first(a, b);
    default:
      return undefined;
  }
}

/** A sequence of numbers such as 5:1 or -2:2 (factor(k, levels = 5:1)); `:` between names is an interaction. */
function isNumberSequence(e: Expr & { type: 'call' }): boolean {
  const isNumber = (a: Expr): boolean => a.type === 'number' || (a.type === 'call' && (a.fn === '-' || a.fn === '+') && a.args.length === 1 && a.args[0].value.type === 'number');
  return e.fn === ':' && e.args.length === 2 && e.args.every((a) => isNumber(a.value));
}

/** The data columns an expression reads: its names outside function position (of d$x and d[["x"]] only x, d's column). */
function symbolsOf(e: Expr): string[] {
  if (e.type === 'name') return [e.name];
  if (e.type !== 'call') return [];
  if (e.fn === '$') return symbolsOf(e.args[1].value);
  // d[["x"]] and d[, "x"] read the data's column x (data-frame-column.ts); d[[2]] and d[, 2] are refused when evaluated,
  // naming the column to type (d is no column), as is x[, 1] of a column x (no matrix).
  if ((e.fn === '[[' || e.fn === '[') && e.args[0].value.type === 'name') return e.args[1].value.type === 'string' ? [e.args[1].value.value] : [];
  return e.args.flatMap((a) => symbolsOf(a.value));
}
