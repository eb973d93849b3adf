// A text outcome (R trial 36): estimatr does not stop on one. lm_robust and difference_in_means return NA for every
// estimate, with only R's warning "NAs introduced by coercion" — for "yes"/"no" and for numbers with "." marking the
// missing ones alike. vlab refuses, and since this trial its words name the conversion R's formula takes (before, they
// said only 'outcome column "y" is not numeric (row 1: "yes")', nothing of what to do). R 4.2.2, estimatr 1.0.0:
//   d <- data.frame(y = c("yes","no","yes","no","yes","no"), v = c("1.5",".","2.5","0.5","3","1"), z = c(1,0,1,0,1,0))
//   tidy(lm_robust(y ~ z, data = d))                 # every estimate and SE NA
//   tidy(lm_robust(v ~ z, data = d))                 # every estimate and SE NA
//   tidy(difference_in_means(y ~ z, data = d))       # NA
//   tidy(lm_robust(as.numeric(v) ~ z, data = d))     # (Intercept) 0.75 SE 0.25; z 1.58333333333333 SE 0.506896877524852
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { differenceInMeans, lmRobust } from '../../analysis/index.ts';
import { assertCloseToR } from './support.ts';

const rows = [['yes', '1.5', 1], ['no', '.', 0], ['yes', '2.5', 1], ['no', '0.5', 0], ['yes', '3', 1], ['no', '1', 0]].map(([y, v, z]) => ({ y, v, z }));

test('a text outcome of words: refused, naming a comparison that makes it 0/1', () => {
  assert.throws(() => lmRobust({ formula: 'y ~ z', rows }), {
    message: 'lmRobust: outcome column "y" is not numeric (row 1: "yes"; estimatr gives NA for every estimate of a text outcome: write the conversion into the formula, a comparison such as I(y == "yes") for a 0/1 outcome, or as.numeric(y) where the other cells are numbers (this one then missing))',
  });
});

test('numbers with a missing-value marker: refused, naming as.numeric(), which equals R', () => {
  assert.throws(() => lmRobust({ formula: 'v ~ z', rows }), /row 2: "\."; estimatr gives NA for every estimate of a text outcome: write the conversion into the formula, as\.numeric\(v\) \(a cell such as "\." then missing\)/);
  const [intercept, z] = lmRobust({ formula: 'as.numeric(v) ~ z', rows }).estimates;
  assertCloseToR(intercept.estimate, 0.75, 'intercept');
  assertCloseToR(intercept.std_error, 0.25, 'intercept SE');
  assertCloseToR(z.estimate, 1.58333333333333, 'z');
  assertCloseToR(z.std_error, 0.506896877524852, 'z SE');
});

test('difference_in_means of a text outcome: refused, saying to make the column numbers', () => {
  assert.throws(() => differenceInMeans({ rows, outcome: 'y', treatment: 'z' }), /differenceInMeans: outcome column "y" is not numeric \(row 1: "yes"; estimatr gives NA for every estimate of a text outcome: make the column numbers/);
});
