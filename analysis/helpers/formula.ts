import { AnalysisError } from '../errors.ts';
import { MODEL_FUNCTIONS } from './model-functions.ts';
import { unknownFunction } from './model-variables.ts';
import { deparseR, parseR, type Expr } from './r-syntax.ts';

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
  const fail = (problem: string): AnalysisError => new AnalysisError(fn, `malformed formula "${source}": ${problem}`);
  const expr = parseR(fail, source);
  if (expr.type !== 'call' || expr.fn !== '~' || expr.args.length !== 2) throw fail('expected "outcome ~ terms"');
  const [lhs, rhs] = expr.args.map((a) => a.value);
  const response = deparseR(lhs);

  // `.` stands for every data column except the symbols of the left-hand side (R's CheckRHS).
  const lhsSymbols = new Set(symbolsOf(lhs));
  const dotColumns = (): string[] => {
    if (!dataColumns) throw fail('"." needs the data to know its columns');
    return dataColumns.filter((name) => !lhsSymbols.has(name));
  };

  // Step 1 (ExtractVars): the variables, in order of first appearance.
  const variableExprs: Expr[] = [];
  const variables: string[] = [];
  const install = (e: Expr): number => {
    const label = deparseR(e);
    let k = variables.indexOf(label);
    if (k < 0) {
      k = variables.push(label) - 1;
      variableExprs.push(e);
    }
    return k;
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
  for (const e of [lhs, ...variableExprs]) checkFunctions(fn, e);
  if (variables.includes(response)) throw fail(`the outcome "${response}" also appears on the right`);

  // Step 2 (EncodeVars): terms as bit sets over the variables, with the intercept's state.
  let intercept = true;
  let parity = true;
  const bit = (e: Expr): bigint => 1n << BigInt(variables.indexOf(deparseR(e)));
  const trim = (terms: bigint[]): bigint[] => terms.filter((t, k) => t !== 0n && terms.indexOf(t) === k);
  const cross = (left: bigint[], right: bigint[]): bigint[] => left.flatMap((l) => right.map((r) => l | r));
  const unionOf = (terms: bigint[]): bigint => terms.reduce((a, t) => a | t, 0n);
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
  let encoded = encode(rhs);

  // Step 2b: offsets leave the terms.
  const offsets = variables.filter((label) => label.startsWith('offset('));
  const offsetBits = unionOf(offsets.map((label) => 1n << BigInt(variables.indexOf(label))));
  encoded = encoded.filter((t) => (t & offsetBits) === 0n);
  if (encoded.length === 0 && !intercept) throw fail('the model has no terms');

  // Step 3: order by degree, otherwise keeping their order. Step 4: R's TermCode for each variable of each term.
  const bitsOf = (mask: bigint): number[] => variables.map((_, k) => k).filter((k) => (mask >> BigInt(k)) & 1n);
  const ordered = encoded
    .map((mask, order) => ({ mask, order, degree: bitsOf(mask).length }))
    .sort((x, y) => x.degree - y.degree || x.order - y.order)
    .map((t) => t.mask);
  const coding = ordered.map((mask, t) =>
    bitsOf(mask).map((v): 1 | 2 => {
      const rest = mask & ~(1n << BigInt(v));
      // Contrasts when the term without this variable is empty or contained in an earlier term (its margin).
      return rest === 0n || ordered.slice(0, t).some((earlier) => (rest & ~earlier) === 0n) ? 1 : 2;
    }),
  );

  const predictorColumns = [...new Set(variableExprs.flatMap(symbolsOf))];
  const columns = [...new Set([...symbolsOf(lhs), ...predictorColumns])];
  return { response, responseExpr: lhs, variables, variableExprs, columns, predictorColumns, terms: ordered.map(bitsOf), coding, intercept, offsets };
}

const FORMULA_OPERATORS = new Set(['+', '-', '*', '/', ':', '^', '%in%', '(']);
// Calls a variable may contain besides MODEL_FUNCTIONS: arithmetic, parentheses, offset(), c() of factor levels.
const OTHER_CALLS = new Set(['+', '-', '*', '/', '^', '(', 'offset', 'c']);

/** Unknown functions are refused when the formula is read, so a plan with one fails validation. */
function checkFunctions(fn: string, e: Expr): void {
  if (e.type !== 'call') return;
  if (!OTHER_CALLS.has(e.fn) && !Object.hasOwn(MODEL_FUNCTIONS, e.fn)) throw unknownFunction(fn, e.fn);
  for (const a of e.args) checkFunctions(fn, a.value);
}

/** The data columns an expression reads: its names outside function position. */
function symbolsOf(e: Expr): string[] {
  if (e.type === 'name') return [e.name];
  if (e.type !== 'call') return [];
  return e.args.flatMap((a) => symbolsOf(a.value));
}
