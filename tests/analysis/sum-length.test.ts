// sum() and length() in a formula, which R computes over every row of the data (model.frame evaluates before na.omit)
// and vlab refused until 2026-12-05 ('unknown function "length"'): length(x) counts the missing values too, sum(x) with
// a missing value is NA in R on every row (lm: "0 (non-NA) cases"), refused in words naming na.rm = TRUE. Expected
// values: R 4.2.2's model.matrix on analystTable (design-support.ts; x is NA in row 7), printed by
// tests/analysis/r/sum-length.R (the R formula of each assertion is the one tested).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lmRobust } from '../../analysis/index.ts';
import { analystTable, modelDesign } from './design-support.ts';

const design = (formula: string): ReturnType<typeof modelDesign> => modelDesign(analystTable, formula);
const all = [1, 2, 3, 4, 5, 6, 7, 8];
const z = [-2.5, 0.5, 1.5, 2.5, -0.5, 3.5, -1.5, 4.5];

test('length(x) is the number of rows, missing values counted: I(rank(x)/length(x)) keeps every row', () => {
  assert.deepEqual(design('y ~ I(rank(x)/length(x))'), {
    names: ['(Intercept)', 'I(rank(x)/length(x))'],
    rows: all,
    columns: [[0.25, 0.375, 0.5, 0.125, 0.75, 0.875, 1, 0.625]],
  });
  assert.deepEqual(design('y ~ I(x/length(x))'), {
    names: ['(Intercept)', 'I(x/length(x))'],
    rows: [1, 2, 3, 4, 5, 6, 8],
    columns: [[0.03125, 0.1875, 0.3125, -0.16875, 0.59375, 0.625, 0.39269875]],
  });
  assert.deepEqual(design('y ~ I(length(a) + z)').columns, [z.map((v) => v + 8)]);
  // poly()'s matrix has 8 × 2 elements.
  assert.deepEqual(design('y ~ I(length(poly(z, 2)) + z)').columns, [z.map((v) => v + 16)]);
});

test('sum(…) of every value of its arguments (TRUE counts 1); a missing value is refused naming na.rm = TRUE', () => {
  assert.deepEqual(design('y ~ I(z/sum(z))'), { names: ['(Intercept)', 'I(z/sum(z))'], rows: all, columns: [z.map((v) => v / 8)] });
  assert.deepEqual(design('y ~ I(z/sum(z, age))').columns, [z.map((v) => v / 323)]);
  assert.deepEqual(design('y ~ I(sum(z > 0) * z)').columns, [z.map((v) => v * 5)]);
  const x = [0.25, 1.5, 2.5, -1.35, 4.75, 5, 3.14159];
  const byPresent = design('y ~ I(x/sum(x, na.rm = TRUE))');
  assert.deepEqual(byPresent.rows, [1, 2, 3, 4, 5, 6, 8]);
  byPresent.columns[0].forEach((v, i) => assert.ok(Math.abs(v - x[i] / 15.79159) < 1e-15, `row ${i}`));
  // R: model.matrix keeps no row; lm stops with "0 (non-NA) cases".
  assert.throws(
    () => lmRobust({ formula: 'y ~ I(x/sum(x))', rows: analystTable }),
    /^AnalysisError: lmRobust: sum\(x\) is NA in R because x has 1 missing value: every row is then missing .*write sum\(x, na\.rm = TRUE\)/,
  );
});

test('length(x) alone is one number, not a variable: R stops ("variable lengths differ"), vlab says to put it in I()', () => {
  for (const formula of ['y ~ length(x)', 'y ~ rank(x)/length(x)']) {
    assert.throws(
      () => lmRobust({ formula, rows: analystTable }),
      /lmRobust: length\(x\) is one number, not one per row \(R: "variable lengths differ"\); .* inside I\(\) with it: write I\(rank\(x\)\/length\(x\)\)/,
      formula,
    );
  }
});

test('a summary written without I() is refused with the I() term it stands for, not a rank example (R trial 41)', () => {
  // R: lm_robust(y ~ a * (age - mean(age)), d) and the others stop: variable lengths differ (found for 'mean(age)').
  // Outside I() the formula's - and / remove and nest terms, so an analyst centring age meant I(age - mean(age)).
  const advice: [string, RegExp][] = [
    ['y ~ a * (age - mean(age))', /mean\(age\) is one number, not one per row .*write I\(age - mean\(age\)\)/],
    ['y ~ (age - median(age))', /median\(age\) is one number.*write I\(age - median\(age\)\)/],
    ['y ~ age / sd(age)', /sd\(age\) is one number.*write I\(age\/sd\(age\)\)/],
    ['y ~ a + max(age)', /max\(age\) is one number.*write I\(age - max\(age\)\)/],
    ['y ~ a * (age - weighted.mean(age, z))', /weighted\.mean\(age, z\) is one number.*write I\(age - weighted\.mean\(age, z\)\)/],
    ['y ~ length(x)', /length\(x\) is one number.*write I\(rank\(x\)\/length\(x\)\)/],
  ];
  for (const [formula, words] of advice) {
    assert.throws(() => lmRobust({ formula, rows: analystTable }), (error: Error) => words.test(error.message) && !(/rank/.test(error.message) && !formula.includes('length')), formula);
  }
});
