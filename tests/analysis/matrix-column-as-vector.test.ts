// What analysts type around scale() on survey data, found by the fortieth R trial (tests/reference/differential/
// trial40-designs.ts, analyst-idioms-40): scale(age)[, 1], as.vector(scale(age)) and c(scale(age)) — a matrix's column
// and a vector without attributes, which lm_robust fits as the column itself. vlab refused all three until this trial
// ('unexpected "["', 'unknown function "as.vector"', 'unknown function "c"'). R's values by
// tests/analysis/r/matrix-column-as-vector.R (R 4.2.2, estimatr 1.0.0); the data are written out below, no draw.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lmRobust, type Row } from '../../analysis/index.ts';

const Y = [3.1, 4.2, 2.9, 5.8, 6.1, 4.4, 7.3, 5.0, 6.6, 3.7];
const X = [1, 2, 2, 4, 5, 3, 7, 4, 6, 2];
const Z = [0, 1, 0, 1, 1, 0, 1, 0, 1, 0];
const G = ['b', 'a', 'b', 'c', 'a', 'c', 'b', 'a', 'c', 'a'];
const rows: Row[] = Y.map((y, i) => ({ y, x: X[i], z: Z[i], g: G[i] }));

/** Each row's term, estimate and HC2 SE, as R's tidy() prints them (15 significant digits). */
function agrees(formula: string, expected: [string, number, number][]): void {
  const fit = lmRobust({ formula, rows });
  assert.deepEqual(fit.estimates.map((row) => row.term), expected.map(([term]) => term), formula);
  fit.estimates.forEach((row, k) => {
    const [, estimate, se] = expected[k];
    assert.ok(Math.abs((row.estimate as number) - estimate) <= 1e-12 * Math.max(1, Math.abs(estimate)), `${formula} ${row.term}: ${row.estimate} against ${estimate}`);
    assert.ok(Math.abs((row.std_error as number) - se) <= 1e-11 * se, `${formula} ${row.term}: SE ${row.std_error} against ${se}`);
  });
}

const refused = (formula: string, words: RegExp): void => {
  assert.throws(() => lmRobust({ formula, rows }), (error: Error) => error.name === 'AnalysisError' && words.test(error.message), formula);
};

test('scale(x)[, 1] and poly(x, 2)[, 2] are the matrix\'s column, named as R names it', () => {
  agrees('y ~ z * scale(x)[, 1]', [
    ['(Intercept)', 4.66461538461539, 0.126540080849428],
    ['z', 0.621871101871101, 0.18864584532287],
    ['scale(x)[, 1]', 1.37605473263927, 0.253011320718047],
    ['z:scale(x)[, 1]', -0.213592308965277, 0.273592401247603],
  ]);
  agrees('y ~ z + poly(x, 2)[, 2]', [
    ['(Intercept)', 3.81859153193681, 0.391775303986619],
    ['z', 2.18281693612638, 0.703714484593394],
    ['poly(x, 2)[, 2]', -0.250228907198682, 1.32730668192561],
  ]);
});

test('as.vector() and c() of one column are that column (a factor: text under as.vector, itself under c)', () => {
  agrees('y ~ z * as.vector(scale(x))', [
    ['(Intercept)', 4.66461538461539, 0.126540080849428],
    ['z', 0.621871101871101, 0.18864584532287],
    ['as.vector(scale(x))', 1.37605473263927, 0.253011320718047],
    ['z:as.vector(scale(x))', -0.213592308965277, 0.273592401247603],
  ]);
  agrees('y ~ z + c(scale(x, scale = FALSE))', [
    ['(Intercept)', 4.5676, 0.163987288357577],
    ['z', 0.6848, 0.194508088660875],
    ['c(scale(x, scale = FALSE))', 0.623, 0.0362747754711544],
  ]);
  agrees('y ~ as.vector(g) + x', [
    ['(Intercept)', 2.37792207792208, 0.288455212959801],
    ['as.vector(g)b', -0.377489177489177, 0.355680619397634],
    ['as.vector(g)c', 0.0593073593073597, 0.278572183994604],
    ['x', 0.72987012987013, 0.0711726867585],
  ]);
  // R >= 4.1's c() of a factor is the factor, its declared levels kept (the reference "c").
  agrees('y ~ c(factor(g, levels = c("c", "b", "a"))) + x', [
    ['(Intercept)', 2.43722943722944, 0.391469631459577],
    ['c(factor(g, levels = c("c", "b", "a")))b', -0.436796536796538, 0.381295608896733],
    ['c(factor(g, levels = c("c", "b", "a")))a', -0.0593073593073603, 0.278572183994604],
    ['x', 0.72987012987013, 0.0711726867585],
  ]);
});

test('where R stops on these, vlab refuses in words', () => {
  // R: "incorrect number of dimensions", "subscript out of bounds", and "variable lengths differ" for the others.
  refused('y ~ x[, 1]', /x\[, 1\]: x is a column, not a matrix .*write x/);
  refused('y ~ poly(x, 2)[, 3]', /poly\(x, 2\)\[, 3\]: poly\(x, 2\) has 2 columns/);
  refused('y ~ poly(x, 2)[1, 1]', /only a whole column, \[, k\], is one value per row/);
  refused('y ~ c(x, z)', /c\(x, z\) joins its arguments end to end into 2 values a row .*variable lengths differ/);
  refused('y ~ as.vector(poly(x, 2))', /as.vector\(poly\(x, 2\)\): poly\(x, 2\) has 2 columns, which (as.vector|c)\(\) joins end to end.*variable lengths differ/);
  refused('y ~ c(poly(x, 2))', /c\(poly\(x, 2\)\): poly\(x, 2\) has 2 columns, which (as.vector|c)\(\) joins end to end.*variable lengths differ/);
  // R fits as.vector(x, mode = "character") (text levels); vlab names the function that does it.
  refused("y ~ as.vector(x, mode = 'character')", /as.vector\(\)'s mode is not supported: write as.character\(x\)/);
});
