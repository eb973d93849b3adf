// Spellings R accepts in a formula that vlab refused (found by the eighth R trial, 2026-12-03): T and F for TRUE and
// FALSE (poly(x, 2, raw = T), scale(x, center = F), I(x > 0 & T); R finds a data column named T first, and then
// refuses raw = T as not TRUE or FALSE, so does vlab), ** for ^ (R's lexer reads I(x**2) as I(x^2), named so), and
// from:to in factor levels (factor(k, levels = 5:1)). Each must give what the spelling vlab had gives, under R's
// names. R 4.2.2: names(coef(lm(y ~ poly(x, 2, raw = T) + scale(x, center = F) + I(x**2) + I(x > 1 & T), data = d)))
//   # "(Intercept)" "poly(x, 2, raw = T)1" "poly(x, 2, raw = T)2" "scale(x, center = F)" "I(x^2)" "I(x > 1 & T)TRUE"
// and levels(factor(k, levels = c(2, 10:9))) # "2" "10" "9". The stored differential cases t8-spellings-* hold
// lm_robust's numbers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lmRobust, type TidyRow } from '../../analysis/index.ts';

const x = [0.5, 1.5, 2.5, 0.1, 1.1, 1.7, 0.9, 2.2, 1.3, 0.3, 2.9, 0.7];
const rows = x.map((v, i) => ({ y: Number((1 + 0.4 * v - 0.2 * v * v + ((i * 7) % 5) / 10).toFixed(3)), x: v, k: [10, 9, 2][i % 3] }));
const fit = (formula: string, data: Record<string, number>[] = rows): TidyRow[] => lmRobust({ formula, rows: data }).estimates;
const numbers = (estimates: TidyRow[]) => estimates.map(({ estimate, std_error, df }) => [estimate, std_error, df]);

const same: [string, string, string[]][] = [
  ['y ~ poly(x, 2, raw = T)', 'y ~ poly(x, 2, raw = TRUE)', ['(Intercept)', 'poly(x, 2, raw = T)1', 'poly(x, 2, raw = T)2']],
  ['y ~ scale(x, center = F)', 'y ~ scale(x, center = FALSE)', ['(Intercept)', 'scale(x, center = F)']],
  ['y ~ I(x**2) + x', 'y ~ I(x^2) + x', ['(Intercept)', 'I(x^2)', 'x']],
  ['y ~ I(x > 1 & T)', 'y ~ I(x > 1 & TRUE)', ['(Intercept)', 'I(x > 1 & T)TRUE']],
  ['y ~ factor(k, levels = c(2, 10:9))', 'y ~ factor(k, levels = c(2, 10, 9))', ['(Intercept)', 'factor(k, levels = c(2, 10:9))10', 'factor(k, levels = c(2, 10:9))9']],
];

for (const [spelling, known, terms] of same) {
  test(`${spelling} is ${known}, under R's names`, () => {
    const got = fit(spelling);
    assert.deepEqual(got.map((row) => row.term), terms);
    assert.deepEqual(numbers(got), numbers(fit(known)));
  });
}

test('a data column named T is what T means, as in R: raw = T is then refused', () => {
  const withT = rows.map((row) => ({ ...row, T: row.x }));
  assert.throws(() => fit('y ~ poly(x, 2, raw = T)', withT), /"raw" must be TRUE or FALSE/);
  assert.deepEqual(fit('y ~ T', withT).map((row) => row.term), ['(Intercept)', 'T']);
});
