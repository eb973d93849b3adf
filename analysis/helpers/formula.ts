import { AnalysisError } from '../errors.ts';

/** A parsed model formula: the response, the variables in order of appearance and the terms in R's order. */
export interface Formula {
  response: string;
  /** Right-hand-side variables in order of first appearance (the order R uses inside interaction labels). */
  variables: string[];
  /** Each term is a set of indices into `variables`, sorted; terms are ordered by degree, then appearance. */
  terms: number[][];
  intercept: boolean;
}

type Token = { kind: 'name' | 'number' | 'op'; text: string };

function tokenize(fn: string, source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (/\s/.test(ch)) {
      i++;
    } else if ('~+-*:()'.includes(ch)) {
      tokens.push({ kind: 'op', text: ch });
      i++;
    } else if (ch === '`') {
      const end = source.indexOf('`', i + 1);
      if (end < 0) throw malformed(fn, source, 'an unclosed backtick');
      tokens.push({ kind: 'name', text: source.slice(i + 1, end) });
      i = end + 1;
    } else {
      const match = /^(?:[A-Za-z.][A-Za-z0-9._]*|[0-9]+(?:\.[0-9]*)?)/.exec(source.slice(i));
      if (!match) throw malformed(fn, source, `unexpected "${ch}"`);
      tokens.push({ kind: /^[0-9]/.test(match[0]) ? 'number' : 'name', text: match[0] });
      i += match[0].length;
    }
  }
  return tokens;
}

function malformed(fn: string, source: string, problem: string): AnalysisError {
  return new AnalysisError(fn, `malformed formula "${source}": ${problem}`);
}

// A term set under construction: terms as bitmask keys over variable indices, plus the intercept state.
interface TermSet {
  terms: bigint[];
  intercept: boolean | undefined; // undefined: this operand says nothing about the intercept
}

/**
 * Parses an R model formula: `y ~ a + b`, `a * b` (= a + b + a:b), `a:b`, `(a + b) * c`, `- a`,
 * `0 + a`, `a - 1`, `1 + a`. Terms come out in R's order: by degree, then by first appearance.
 *
 * @example parseFormula('lmRobust', 'y ~ regime * capability').terms // [[0], [1], [0, 1]]
 */
export function parseFormula(fn: string, source: string): Formula {
  const tokens = tokenize(fn, source);
  let pos = 0;
  const variables: string[] = [];
  const peek = (): Token | undefined => tokens[pos];
  const isOp = (text: string): boolean => peek()?.kind === 'op' && peek()?.text === text;

  if (tokens.length < 3 || tokens[0].kind !== 'name' || !(tokens[1].kind === 'op' && tokens[1].text === '~')) {
    throw malformed(fn, source, 'expected "outcome ~ terms"');
  }
  const response = tokens[0].text;
  pos = 2;

  const variableBit = (name: string): bigint => {
    let k = variables.indexOf(name);
    if (k < 0) k = variables.push(name) - 1;
    return 1n << BigInt(k);
  };
  const union = (a: bigint[], b: bigint[]): bigint[] => [...a, ...b.filter((t) => !a.includes(t))];
  const crossed = (a: bigint[], b: bigint[]): bigint[] => {
    const out: bigint[] = [];
    for (const x of a) for (const y of b) if (!out.includes(x | y)) out.push(x | y);
    return out;
  };

  function atom(): TermSet {
    const token = peek();
    if (!token) throw malformed(fn, source, 'it ends where a term was expected');
    pos++;
    if (token.kind === 'name') return { terms: [variableBit(token.text)], intercept: undefined };
    if (token.kind === 'number') {
      if (token.text === '0') return { terms: [], intercept: false };
      if (token.text === '1') return { terms: [], intercept: true };
      throw malformed(fn, source, `the number ${token.text} is not a term (only 0 and 1 are)`);
    }
    if (token.text === '(') {
      const inner = sum();
      if (!isOp(')')) throw malformed(fn, source, 'a "(" is not closed');
      pos++;
      return inner;
    }
    throw malformed(fn, source, `unexpected "${token.text}"`);
  }

  function interaction(): TermSet {
    let left = atom();
    while (isOp(':')) {
      pos++;
      left = { terms: crossed(left.terms, atom().terms), intercept: undefined };
    }
    return left;
  }

  function product(): TermSet {
    let left = interaction();
    while (isOp('*')) {
      pos++;
      const right = interaction();
      left = { terms: union(union(left.terms, right.terms), crossed(left.terms, right.terms)), intercept: undefined };
    }
    return left;
  }

  function sum(): TermSet {
    let result: TermSet = { terms: [], intercept: undefined };
    let sign = 1;
    if (isOp('-')) {
      pos++;
      sign = -1;
    }
    for (;;) {
      const operand = product();
      if (sign > 0) {
        result.terms = union(result.terms, operand.terms);
        if (operand.intercept !== undefined) result.intercept = operand.intercept;
      } else {
        result.terms = result.terms.filter((t) => !operand.terms.includes(t));
        if (operand.intercept === true) result.intercept = false;
        if (operand.intercept === false) result.intercept = true;
      }
      if (isOp('+')) sign = 1;
      else if (isOp('-')) sign = -1;
      else return result;
      pos++;
    }
  }

  const rhs = sum();
  if (pos !== tokens.length) throw malformed(fn, source, `unexpected "${tokens[pos].text}"`);
  if (rhs.terms.length === 0 && rhs.intercept === false) throw malformed(fn, source, 'the model has no terms');
  if (variables.includes(response)) throw malformed(fn, source, `the outcome "${response}" also appears on the right`);

  const bitsOf = (mask: bigint): number[] => variables.map((_, k) => k).filter((k) => (mask >> BigInt(k)) & 1n);
  const terms = rhs.terms
    .map((mask, order) => ({ vars: bitsOf(mask), order }))
    .sort((a, b) => a.vars.length - b.vars.length || a.order - b.order)
    .map((t) => t.vars);
  return { response, variables, terms, intercept: rhs.intercept !== false };
}
