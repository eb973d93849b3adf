// Ordered factors (ordered(x), as.ordered(x), factor(x, ordered = TRUE)): R's model.matrix codes them by polynomial
// contrasts (options("contrasts")[2], contr.poly: columns .L, .Q, .C, ^4, …) where an unordered factor gets treatment
// contrasts, and by one indicator per level where the formula asks for all levels (0 + o, o:x alone). vlab refused
// them ("unknown function \"ordered\"", "unsupported argument \"ordered\""); the eighth R trial (2026-12-03) stored
// lm_robust on them (tests/reference/differential: t8-ordered-*). R 4.2.2, estimatr 1.0.0, on the data below:
//   tidy(lm_robust(y ~ ordered(k) + x, data = d))   # HC2; the rows of `want`
//   contr.poly(6)                                   # the rows of `poly6`
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lmRobust } from '../../analysis/index.ts';
import { assertEstimateSeDfAsR, type EstimateSeDf } from './support.ts';

const y = [1.2, 2.3, 0.7, 3.1, 2.2, 1.9, 2.8, 0.4, 1.1, 2.0, 1.7, 2.6];
const x = [0.5, 1.5, 2.5, 0.1, 1.1, 1.7, 0.9, 2.2, 1.3, 0.3, 0.8, 1.9];
const k = [1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4];
const rows = y.map((v, i) => ({ y: v, x: x[i], k: k[i], o: ['low', 'mid', 'high'][i % 3] }));

const want: EstimateSeDf[] = [
  ['(Intercept)', 2.65230015082956, 0.392344591493487, 7],
  ['ordered(k).L', 0.510906120017429, 0.468711389895234, 7],
  ['ordered(k).Q', -0.19973604826546, 0.480740153410327, 7],
  ['ordered(k).C', 0.303268827355627, 0.396974528830391, 7],
  ['x', -0.664027149321267, 0.305661457363988, 7],
];

test('ordered(k) + x: polynomial contrasts, as lm_robust', () => {
  assertEstimateSeDfAsR(lmRobust({ formula: 'y ~ ordered(k) + x', rows }).estimates, want);
});

test('the three spellings give the same fit, and a factor of an ordered factor stays ordered', () => {
  const numbers = (formula: string) => lmRobust({ formula, rows }).estimates.map((row) => [row.estimate, row.std_error]);
  const reference = numbers('y ~ ordered(k) + x');
  for (const formula of ['y ~ as.ordered(k) + x', 'y ~ factor(k, ordered = TRUE) + x', 'y ~ factor(ordered(k)) + x']) assert.deepEqual(numbers(formula), reference, formula);
});

test('contr.poly(6): the .L … ^5 columns at each level, as R prints them', () => {
  const poly6 = [
    [-0.5976143, 0.5455447, -0.372678, 0.1889822, -0.06299408],
    [-0.3585686, -0.1091089, 0.5217492, -0.5669467, 0.31497039],
    [-0.1195229, -0.4364358, 0.2981424, 0.3779645, -0.62994079],
    [0.1195229, -0.4364358, -0.2981424, 0.3779645, 0.62994079],
    [0.3585686, -0.1091089, -0.5217492, -0.5669467, -0.31497039],
    [0.5976143, 0.5455447, 0.372678, 0.1889822, 0.06299408],
  ];
  // With y equal to one contr.poly column and no intercept noise, the fit recovers the column: regress each column on
  // the ordered factor of six levels and read the model matrix through the coefficients.
  const six = Array.from({ length: 12 }, (_, i) => ({ level: (i % 6) + 1 }));
  for (let j = 0; j < 5; j++) {
    const fit = lmRobust({ formula: 'y ~ ordered(level)', rows: six.map((row) => ({ ...row, y: poly6[row.level - 1][j] })), seType: 'classical' });
    assert.deepEqual(fit.estimates.map((row) => row.term).slice(1), ['ordered(level).L', 'ordered(level).Q', 'ordered(level).C', 'ordered(level)^4', 'ordered(level)^5']);
    fit.estimates.slice(1).forEach((row, c) => assert.ok(Math.abs((row.estimate as number) - (c === j ? 1 : 0)) < 1e-6, `column ${j + 1}, coefficient ${c + 1}`));
  }
});

// factor()'s labels = is computed since the fifteenth R trial (tests/reference/differential/trial15-designs.ts); exclude = is not.
test('relevel on an ordered factor and exclude = are refused in words', () => {
  assert.throws(() => lmRobust({ formula: 'y ~ relevel(ordered(k), ref = "2")', rows }), /'relevel' only for \(unordered\) factors/);
  assert.throws(() => lmRobust({ formula: 'y ~ factor(o, exclude = "mid")', rows }), /unsupported argument "exclude"/);
});

test('an ordered factor of more than 95 levels is refused, as R\'s contr.poly refuses it', () => {
  // R: lm_robust(y ~ ordered(k), data.frame(y = rnorm(200), k = rep(1:100, 2))) stops: "orthogonal polynomials cannot be
  // represented accurately enough for 99 degrees of freedom".
  const many = Array.from({ length: 200 }, (_, i) => ({ y: (i * 37) % 11, k: (i % 100) + 1 }));
  assert.throws(() => lmRobust({ formula: 'y ~ ordered(k)', rows: many }), /cannot be represented accurately enough for 99 degrees of freedom/);
  assert.doesNotThrow(() => lmRobust({ formula: 'y ~ ordered(k)', rows: many.filter((row) => row.k <= 95) }));
});
