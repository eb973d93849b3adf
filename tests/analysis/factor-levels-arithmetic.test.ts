// factor(k, levels = c(...)) with negative numbers or other arithmetic on numbers: R evaluates the vector, vlab
// refused anything but a plain number or string ("levels must be strings or numbers"). Found by the eighth R trial
// (2026-12-03; tests/reference/differential: t8-numeric-factor-0-declared, t8-numeric-factor-2-declared).
// R 4.2.2, estimatr 1.0.0:
//   e <- data.frame(y = c(1.2, 2.3, 0.7, 3.1, 2.2, 1.9, 2.8, 0.4, 1.5, 2.6), k = c(-1, 2, -10, -1, 2, -10, 0.5, -1, 2, 0.5))
//   tidy(lm_robust(y ~ factor(k, levels = c(2, -1, -10, 1/2)), data = e, se_type = "HC1"))
//   # (Intercept) 2 (SE 0.265274141918074); …-1 -0.433333333333333 (0.884712410550862);
//   # …-10 -0.7 (0.608580619450184); …0.5 0.7 (0.280541803843391)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lmRobust } from '../../analysis/index.ts';

const y = [1.2, 2.3, 0.7, 3.1, 2.2, 1.9, 2.8, 0.4, 1.5, 2.6];
const k = [-1, 2, -10, -1, 2, -10, 0.5, -1, 2, 0.5];
const rows = y.map((v, i) => ({ y: v, k: k[i] }));

test('levels = c(2, -1, -10, 1/2): negative numbers and arithmetic, as R evaluates them', () => {
  const f = 'factor(k, levels = c(2, -1, -10, 1/2))';
  const fit = lmRobust({ formula: `y ~ ${f}`, rows, seType: 'HC1' });
  const se = fit.estimates.map((row) => [row.term, row.estimate, row.std_error]);
  assert.deepEqual(se.map(([term]) => term), ['(Intercept)', `${f}-1`, `${f}-10`, `${f}0.5`]);
  const want: [number, number][] = [[2, 0.265274141918074], [-0.433333333333333, 0.884712410550862], [-0.7, 0.608580619450184], [0.7, 0.280541803843391]];
  want.forEach(([estimate, stdError], i) => {
    assert.ok(Math.abs((se[i][1] as number) - estimate) < 1e-12, `estimate ${i}`);
    assert.ok(Math.abs((se[i][2] as number) - stdError) / stdError < 1e-9, `SE ${i}`);
  });
});

test('TRUE/FALSE as levels, and a column name is refused in words', () => {
  const flags = y.map((v, i) => ({ y: v, g: i % 3 === 0 ? 'TRUE' : 'FALSE' }));
  const terms = lmRobust({ formula: 'y ~ factor(g, levels = c(TRUE, FALSE))', rows: flags }).estimates.map((row) => row.term);
  assert.deepEqual(terms, ['(Intercept)', 'factor(g, levels = c(TRUE, FALSE))FALSE']);
  assert.throws(() => lmRobust({ formula: 'y ~ factor(k, levels = c(2, k))', rows }), /levels must be strings or numbers/);
});

test('a level given twice is refused, as R refuses it (vlab coded the factor by the last place of the level)', () => {
  // R: lm(y ~ factor(k, levels = c(10, 9, 10, 2)), d) stops: "factor level [3] is duplicated".
  assert.throws(() => lmRobust({ formula: 'y ~ factor(k, levels = c(2, -1, 2, -10))', rows }), /factor level \[3\] is duplicated/);
  assert.throws(() => lmRobust({ formula: 'y ~ factor(k, levels = c(2, 1:3))', rows }), /factor level \[3\] is duplicated/);
});
