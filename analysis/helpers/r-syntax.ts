import { AnalysisError } from '../errors.ts';
import { formatRNumber } from './r-number.ts';

/**
 * An R expression as R's parser builds it: every operator is a call (`a + b` is `+`(a, b), `(a)` is `(`(a)),
 * so deparsing and the formula algebra walk one shape.
 */
export type Expr =
  | { type: 'number'; value: number; integer: boolean }
  | { type: 'string'; value: string }
  | { type: 'logical'; value: boolean }
  /** R's NA constants: NA (logical), NA_integer_ and NA_real_ (numbers), NA_character_ (text). */
  | { type: 'na'; mode: 'logical' | 'number' | 'character' }
  | { type: 'name'; name: string }
  /** `ns`: the package R is told to take the function from (`stats::poly(x, 2)`), printed back in the names. */
  | { type: 'call'; fn: string; args: Argument[]; ns?: string };
export interface Argument {
  name?: string;
  value: Expr;
}

type Token =
  | { kind: 'number'; value: number; integer: boolean; at: number }
  | { kind: 'string'; value: string; at: number }
  | { kind: 'name'; text: string; at: number; backticked?: true; ns?: string }
  | { kind: 'op'; text: string; at: number };

const OPERATORS = ['~', '+', '-', '*', '/', '^', ':', '(', ')', ',', '='];

function tokenize(fail: (problem: string) => AnalysisError, source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i);
    const ch = source[i];
    let match: RegExpExecArray | null;
    if (/\s/.test(ch)) {
      i++;
    } else if ((match = /^(?:0[xX][0-9a-fA-F]+|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)L?/.exec(rest))) {
      const text = match[0];
      const value = Number(text.endsWith('L') ? text.slice(0, -1) : text);
      // R's parser keeps 1.5L and 1e10L as doubles (with a warning): only a whole number that fits is an integer.
      const integer = text.endsWith('L') && Number.isInteger(value) && value <= 2147483647;
      tokens.push({ kind: 'number', value, integer, at: i });
      i += text.length;
    } else if ((match = /^((?:[A-Za-z]|\.(?![0-9]))[A-Za-z0-9._]*):::?((?:[A-Za-z]|\.(?![0-9]))[A-Za-z0-9._]*)/.exec(rest))) {
      // pkg::fn (and pkg:::fn): one name, as R's lexer reads it, never the interaction operator.
      tokens.push({ kind: 'name', text: match[2], ns: match[1], at: i });
      i += match[0].length;
    } else if ((match = /^(?:[A-Za-z]|\.(?![0-9]))[A-Za-z0-9._]*/.exec(rest))) {
      tokens.push({ kind: 'name', text: match[0], at: i });
      i += match[0].length;
    } else if (ch === '`') {
      const end = source.indexOf('`', i + 1);
      if (end < 0) throw fail('an unclosed backtick');
      tokens.push({ kind: 'name', text: source.slice(i + 1, end), at: i, backticked: true });
      i = end + 1;
    } else if (ch === '"' || ch === "'") {
      let value = '';
      let j = i + 1;
      for (; j < source.length && source[j] !== ch; j++) {
        if (source[j] === '\\' && j + 1 < source.length) j++;
        value += source[j];
      }
      if (j >= source.length) throw fail('an unclosed string');
      tokens.push({ kind: 'string', value, at: i });
      i = j + 1;
    } else if (ch === '%') {
      const end = source.indexOf('%', i + 1);
      if (end < 0) throw fail('an unclosed %operator%');
      tokens.push({ kind: 'op', text: source.slice(i, end + 1), at: i });
      i = end + 1;
    } else if ((match = /^(?:[=!<>]=|<|>|&&|\|\||[&|!])/.exec(rest))) {
      tokens.push({ kind: 'op', text: match[0], at: i });
      i += match[0].length;
    } else if (rest.startsWith('**')) {
      // R's lexer reads ** as ^ (?Arithmetic), so I(x**2) is I(x^2), named so.
      tokens.push({ kind: 'op', text: '^', at: i });
      i += 2;
    } else if (OPERATORS.includes(ch)) {
      tokens.push({ kind: 'op', text: ch, at: i });
      i++;
    } else if (ch === '[' || ch === ']') {
      // m[, k]: a matrix's column (scale(x)[, 1]), since the fortieth R trial.
      tokens.push({ kind: 'op', text: ch, at: i });
      i++;
    } else if (ch === '$') {
      // d$x, pasted from R code: R's model.frame takes the column of d (refused until the forty-first R trial).
      tokens.push({ kind: 'op', text: ch, at: i });
      i++;
    } else {
      throw fail(`unexpected "${ch}"`);
    }
  }
  return tokens;
}

/** R's reserved constants besides TRUE and FALSE (?Reserved): never a column, whatever the data hold. */
const R_CONSTANTS: Readonly<Record<string, Expr>> = {
  Inf: { type: 'number', value: Infinity, integer: false },
  NaN: { type: 'number', value: NaN, integer: false },
  NA: { type: 'na', mode: 'logical' },
  NA_integer_: { type: 'na', mode: 'number' },
  NA_real_: { type: 'na', mode: 'number' },
  NA_character_: { type: 'na', mode: 'character' },
};

/** R's reserved words (?Reserved): as names they are written in backticks (a column `NA` is the term "`NA`"). */
const RESERVED = new Set(['if', 'else', 'repeat', 'while', 'function', 'for', 'next', 'break', 'TRUE', 'FALSE', 'NULL', 'in', ...Object.keys(R_CONSTANTS)]);

/** R's comparison operators: below `+ -` and above `~` in precedence (`x + k > 4` is `(x + k) > 4`). */
export const COMPARISONS: ReadonlySet<string> = new Set(['==', '!=', '<', '>', '<=', '>=']);

const call = (fn: string, ...args: Expr[]): Expr => ({ type: 'call', fn, args: args.map((value) => ({ value })) });

/**
 * Parses R expression syntax with R's operator precedence (?Syntax, lowest first): `~`; `| ||`; `& &&`; unary `!`;
 * comparisons `== != < > <= >=`; binary `+ -`; `* /`;
 * `%any%`; `:`; unary `+ -`; `^` (right-associative); calls `f(x, name = value)`, parentheses, names (also
 * `backticked`), numbers, strings, TRUE/FALSE. This is the part of R a model formula is written in; nothing is
 * evaluated here.
 *
 * @example parseR(fail, 'log(y) ~ I(x^2) + a:b') // { type: 'call', fn: '~', args: [...] }
 */
// Whole on purpose (~90 lines): a recursive-descent parser, one small inner function per precedence level, all
// sharing the token cursor `pos`; split apart they would need that cursor passed around or kept in a class.
export function parseR(fail: (problem: string) => AnalysisError, source: string): Expr {
  const tokens = tokenize(fail, source);
  let pos = 0;
  const isOp = (text: string): boolean => {
    const token = tokens[pos];
    return token !== undefined && token.kind === 'op' && token.text === text;
  };
  const expect = (text: string, problem: string): void => {
    if (!isOp(text)) throw fail(problem);
    pos++;
  };
  const describe = (token: Token): string =>
    token.kind === 'op' || token.kind === 'name' ? token.text : token.kind === 'string' ? JSON.stringify(token.value) : String(token.value);

  function binaryLevel(operators: (text: string) => boolean, next: () => Expr): Expr {
    let left = next();
    for (;;) {
      const token = tokens[pos];
      if (!token || token.kind !== 'op' || !operators(token.text)) return left;
      pos++;
      left = call(token.text, left, next());
    }
  }
  const tilde = (): Expr => {
    if (isOp('~')) {
      pos++;
      return call('~', or());
    }
    const left = or();
    if (!isOp('~')) return left;
    pos++;
    return call('~', left, or());
  };
  const or = (): Expr => binaryLevel((t) => t === '|' || t === '||', and);
  const and = (): Expr => binaryLevel((t) => t === '&' || t === '&&', not);
  // Unary ! sits below the comparisons, as in R: !x > 1 is !(x > 1).
  function not(): Expr {
    if (!isOp('!')) return comparison();
    pos++;
    return call('!', not());
  }
  const comparison = (): Expr => binaryLevel((t) => COMPARISONS.has(t), sum);
  const sum = (): Expr => binaryLevel((t) => t === '+' || t === '-', product);
  const product = (): Expr => binaryLevel((t) => t === '*' || t === '/', special);
  const special = (): Expr => binaryLevel((t) => t.startsWith('%'), colon);
  const colon = (): Expr => binaryLevel((t) => t === ':', unary);
  function unary(): Expr {
    if (isOp('+') || isOp('-')) {
      const op = (tokens[pos++] as { text: string }).text;
      return call(op, unary());
    }
    return power();
  }
  function power(): Expr {
    const base = subscript(primary());
    if (!isOp('^')) return base;
    pos++;
    // The exponent may carry a sign: x^-1 is x^(-1), as in R.
    return call('^', base, unary());
  }
  // m[, k], a matrix's column, binds tighter than ^ as in R; any other subscript is not one value per row.
  function subscript(x: Expr): Expr {
    if (isOp('$')) return subscript(dollar(x));
    if (!isOp('[')) return x;
    pos++;
    if (isOp('[')) return subscript(element(x));
    const whole = `${deparseR(x)}[…]: only a whole column, [, k], is one value per row (R: "variable lengths differ" or "incorrect number of dimensions" for other subscripts)`;
    if (!isOp(',')) throw fail(whole);
    pos++;
    if (isOp(']')) throw fail(whole);
    const column = tilde();
    expect(']', whole);
    return subscript(call('[', x, column));
  }
  // d[["x"]], pasted from R code as d$x is (R trial 42): `[[`(d, "x"); what it may hold is the evaluator's to judge.
  function element(x: Expr): Expr {
    pos++;
    const unclosed = `${deparseR(x)}[[ is closed by ]], as in ${deparseR(x)}[["x"]]`;
    const column = tilde();
    expect(']', unclosed);
    expect(']', unclosed);
    return call('[[', x, column);
  }
  // d$x, d$`x` and d$"x" are one call, `$`(d, x), as R parses them; the column is a name (R's deparse: d$x).
  function dollar(x: Expr): Expr {
    pos++;
    const token = tokens[pos++];
    if (token?.kind === 'name' && !isOp('(')) return call('$', x, { type: 'name', name: token.text });
    if (token?.kind === 'string') return call('$', x, { type: 'name', name: token.value });
    throw fail(`${deparseR(x)}$ is followed by a column's name, as in ${deparseR(x)}$x`);
  }
  function primary(): Expr {
    const token = tokens[pos];
    if (!token) throw fail('it ends where a term was expected');
    pos++;
    if (token.kind === 'number') return { type: 'number', value: token.value, integer: token.integer };
    if (token.kind === 'string') return { type: 'string', value: token.value };
    if (token.kind === 'name') {
      if (token.ns !== undefined && !isOp('(')) throw fail(`${token.ns}::${token.text} is an object of package "${token.ns}", not a column: name the column as it is`);
      if (!isOp('(')) {
        // `NA`, `TRUE` in backticks are names (a column so called), as in R.
        if (token.backticked) return { type: 'name', name: token.text };
        if (token.text === 'TRUE' || token.text === 'FALSE') return { type: 'logical', value: token.text === 'TRUE' };
        // Own keys only: a column may be named `constructor` or `toString` (Object.prototype's members).
        return Object.hasOwn(R_CONSTANTS, token.text) ? R_CONSTANTS[token.text]! : { type: 'name', name: token.text };
      }
      pos++;
      const args: Argument[] = [];
      while (!isOp(')')) {
        if (args.length > 0) expect(',', `"${token.text}(" is not closed`);
        const named = tokens[pos]?.kind === 'name' && tokens[pos + 1]?.kind === 'op' && (tokens[pos + 1] as { text: string }).text === '=';
        if (named) {
          const name = (tokens[pos] as { text: string }).text;
          pos += 2;
          args.push({ name, value: tilde() });
        } else {
          args.push({ value: tilde() });
        }
        if (pos >= tokens.length) throw fail(`"${token.text}(" is not closed`);
      }
      pos++;
      return token.ns === undefined ? { type: 'call', fn: token.text, args } : { type: 'call', fn: token.text, args, ns: token.ns };
    }
    if (token.text === '(') {
      const inner = tilde();
      expect(')', 'a "(" is not closed');
      return call('(', inner);
    }
    throw fail(`unexpected "${describe(token)}"`);
  }

  const expr = tilde();
  if (pos !== tokens.length) throw fail(`unexpected "${describe(tokens[pos])}"`);
  return expr;
}

// R's deparse: these binary operators print with spaces around them, the others (`/ ^ : %%`) without.
const SPACED = new Set(['+', '-', '*', '~', '=', '==', '!=', '<', '>', '<=', '>=', '&', '|', '&&', '||']);

/**
 * The expression as R's `deparse` prints it — the text R uses for variable and term names: `I(x^2)`,
 * `I(a * b)`, `poly(x, 2)`, `relevel(f, ref = "b")`, `log(x + 1)`, numbers with 15 significant digits (`1e+05`),
 * integers (`2L`) as their digits, every NA constant as `NA`.
 *
 * @example deparseR(parseR(fail, 'I( x*2 )')) // 'I(x * 2)'
 */
export function deparseR(expr: Expr): string {
  switch (expr.type) {
    case 'number':
      // Term labels print an integer as its digits, without the L (R: I(2L * x) is the term "I(2 * x)", 100000L "100000").
      return expr.integer ? String(expr.value) : formatRNumber(expr.value);
    case 'na':
      return 'NA';
    case 'string':
      return JSON.stringify(expr.value);
    case 'logical':
      return expr.value ? 'TRUE' : 'FALSE';
    case 'name':
      return /^(?:[A-Za-z]|\.(?![0-9]))[A-Za-z0-9._]*$/.test(expr.name) && !RESERVED.has(expr.name) ? expr.name : `\`${expr.name}\``;
    case 'call': {
      const { fn, args } = expr;
      const text = args.map((a) => deparseR(a.value));
      if (fn === '(') return `(${text[0]})`;
      if (fn === '[') return `${text[0]}[, ${text[1]}]`;
      if (fn === '$') return `${text[0]}$${text[1]}`;
      if (fn === '[[') return `${text[0]}[[${text[1]}]]`;
      const operator = !/^[A-Za-z.]/.test(fn);
      if (operator && args.length === 1) return `${fn}${text[0]}`;
      if (operator && args.length === 2) {
        const spaced = SPACED.has(fn) || (fn.startsWith('%') && fn !== '%%' && fn !== '%/%');
        return spaced ? `${text[0]} ${fn} ${text[1]}` : `${text[0]}${fn}${text[1]}`;
      }
      return `${expr.ns === undefined ? '' : `${expr.ns}::`}${fn}(${args.map((a, k) => (a.name === undefined ? text[k] : `${a.name} = ${text[k]}`)).join(', ')})`;
    }
  }
}
