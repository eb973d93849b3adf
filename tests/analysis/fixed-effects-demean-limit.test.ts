// Crossed fixed effects whose groups link up only in a long chain (a = ⌊i/4⌋, b = ⌊(i+2)/4⌋: each a-group shares
// two rows with the next b-group) make alternating demeaning crawl: about L² sweeps for L links, millions at a few
// thousand rows, and estimatr's loop (demeanMat2) has no limit. demeanWithin now stops after MAX_DEMEAN_WORK row
// visits and refuses in words, naming the fit that gives the same coefficients; a 200-row chain (10,000–30,000
// sweeps, ~0.1 s) still settles, and equals the fit with the fixed effects as factor() terms. The data are a formula
// of the row number (no random draw).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AnalysisError, lmRobust } from '../../analysis/index.ts';
import { demeanWithin } from '../../analysis/helpers/fixed-effects-aliasing.ts';

const chain = (n: number) => ({
  a: Int32Array.from({ length: n }, (_, i) => Math.floor(i / 4)),
  b: Int32Array.from({ length: n }, (_, i) => Math.floor((i + 2) / 4)),
  x: Float64Array.from({ length: n }, (_, i) => Math.sin(i * 1.7) * 3 + i / n),
});

test('demeaning that does not settle within its work limit is refused in words, naming factor() terms', () => {
  const { a, b, x } = chain(200);
  assert.throws(
    () => demeanWithin(x, 200, 1, { codes: [a, b], counts: [a[199]! + 1, b[199]! + 1] }, undefined, 1),
    (error: unknown) =>
      error instanceof AnalysisError &&
      error.code === 'fixed_effects_not_settling' &&
      /^lmRobust: fixedEffects: demeaning within the fixed effects did not settle after 1,000 sweeps \(the last changed a column by [0-9.e-]+; estimatr's rule stops below 1e-8\)/.test(error.message) &&
      error.message.endsWith('; write the fixed effects into the formula as factor() terms (+ factor(a) + factor(b)), which gives the same coefficients'),
  );
});

test('a 200-row chain of two fixed effects settles within the default limit, with the coefficients of its factor() fit', () => {
  const { a, b, x } = chain(200);
  const rows = Array.from(x, (value, i) => ({ y: Math.cos(i * 0.9) + i / 200, x: value, a: `a${a[i]}`, b: `b${b[i]}` }));
  const absorbed = lmRobust({ formula: 'y ~ x', rows, fixedEffects: '~ a + b', seType: 'HC1' }).estimates.find((e) => e.term === 'x')!;
  const dummies = lmRobust({ formula: 'y ~ x + factor(a) + factor(b)', rows, seType: 'HC1' }).estimates.find((e) => e.term === 'x')!;
  const [estimate, se, dummyEstimate, dummySe] = [absorbed.estimate!, absorbed.std_error!, dummies.estimate!, dummies.std_error!];
  assert.ok(Number.isFinite(estimate));
  assert.ok(Math.abs(estimate - dummyEstimate) <= 1e-9 * Math.abs(dummyEstimate), `${estimate} vs ${dummyEstimate}`);
  assert.ok(Math.abs(se - dummySe) <= 1e-8 * dummySe, `${se} vs ${dummySe}`);
});
