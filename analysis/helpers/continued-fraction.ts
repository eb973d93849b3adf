/** Guard of the modified Lentz method: a denominator that reaches 0 is replaced by this (Numerical Recipes §5.2). */
const TINY = 1e-300;

/** The next term of b_0 + a_1/(b_1 + a_2/(b_2 + …)), written into `term` by the caller's `next(i, term)`. */
export interface FractionTerm {
  a: number;
  b: number;
}

/**
 * A continued fraction by the modified Lentz method (Thompson & Barnett 1986; Numerical Recipes §5.2), run to
 * machine precision: the erfc, incomplete beta and incomplete gamma tails each evaluate theirs through it. Starts
 * from the caller's f, C and D (each fraction's own first steps: f = C = b_0, D = 0 in the textbook form), then for
 * i = 1, 2, … takes a_i, b_i from `next` and updates D = 1/(b_i + a_i D), C = b_i + a_i/C, f ← f · C D, until
 * C D = 1 to the last bit (checked every `checkEvery` terms: the incomplete beta's terms come in pairs) or after
 * `maxTerms` terms.
 *
 * @example continuedFraction(x, x, 0, (i, t) => { t.a = i / 2; t.b = x; }, 5000) // x + (1/2)/(x + 1/(x + …)), erfc's
 */
export function continuedFraction(f: number, c: number, d: number, next: (i: number, term: FractionTerm) => void, maxTerms: number, checkEvery = 1): number {
  const term: FractionTerm = { a: 0, b: 0 };
  for (let i = 1; i <= maxTerms; i++) {
    next(i, term);
    d = term.b + term.a * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = term.b + term.a / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (i % checkEvery === 0 && Math.abs(delta - 1) < 1e-16) break;
  }
  return f;
}

/** The starting D of a fraction whose first step the caller takes by hand: 1/d, with d = 0 guarded as every later one. */
export function guardedInverse(d: number): number {
  return 1 / (Math.abs(d) < TINY ? TINY : d);
}
