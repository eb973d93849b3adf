// Trigonometric and hyperbolic functions, seq_along(), cumsum(), weighted.mean() and xor() in a formula, which R computes and
// vlab refused until 2026-12-05 ('unknown function "sin"', R trial 24). Expected values: R 4.2.2's model.matrix on
// analystTable (design-support.ts; x is NA in row 7), printed by tests/analysis/r/math-row-functions.R (the R formula of
// each assertion is the one tested).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lmRobust } from '../../analysis/index.ts';
import { analystTable, modelDesign } from './design-support.ts';
import { assertCloseToR } from './support.ts';

const all = [1, 2, 3, 4, 5, 6, 7, 8];
const design = (formula: string): ReturnType<typeof modelDesign> => modelDesign(analystTable, formula);
/** The design's rows and columns (intercept left out) equal R's to its printed digits. */
const matchesR = (formula: string, rows: number[], columns: number[][]): void => {
  const design = modelDesign(analystTable, formula);
  assert.deepEqual(design.rows, rows, formula);
  assert.equal(design.columns.length, columns.length, formula);
  columns.forEach((want, j) => want.forEach((v, i) => assertCloseToR(design.columns[j][i], v, `${formula}: column ${j + 1}, row ${rows[i]}`)));
};

test('sin, cos, tan, their inverses and the hyperbolic functions as R; asin outside [-1, 1] is NaN and its row dropped', () => {
  matchesR('y ~ sin(2 * pi * k/12) + cos(2 * pi * k/12)', all, [
    [0.5, 0.866025403784439, -0.866025403784439, 0.5, 0.866025403784439, -0.866025403784439, 0.5, 0.866025403784439],
    [0.866025403784439, 0.5, 0.5, 0.866025403784439, 0.5, 0.5, 0.866025403784439, 0.5],
  ]);
  matchesR('y ~ tan(z) + atan(z)', all, [
    [0.74702229723866, 0.54630248984379, 14.101419947171719, -0.74702229723866, -0.54630248984379, 0.374585640158595, -14.101419947171719, 4.637332054551185],
    [-1.190289949682532, 0.463647609000806, 0.982793723247329, 1.190289949682532, -0.463647609000806, 1.292496667789785, -0.982793723247329, 1.352127380920955],
  ]);
  matchesR('y ~ asin(z/5) + acos(z/5)', all, [
    [-0.523598775598299, 0.10016742116156, 0.304692654015398, 0.523598775598299, -0.10016742116156, 0.775397496610753, -0.304692654015398, 1.119769514998634],
    [2.094395102393196, 1.470628905633337, 1.266103672779499, 1.047197551196598, 1.670963747956457, 0.795398830184144, 1.875488980810294, 0.451026811796262],
  ]);
  matchesR('y ~ asin(z/2)', [2, 3, 5, 7], [[0.252680255142079, 0.848062078981481, -0.252680255142079, -0.848062078981481]]);
  assert.match(lmRobust({ formula: 'y ~ asin(z/2)', rows: analystTable }).warnings[0], /asin\(z\/2\) gives NaN for 4 rows \(R: "NaNs produced"\); they are missing/);
  matchesR('y ~ sinh(z) + cosh(z) + tanh(z)', all, [
    [-6.050204481039787, 0.521095305493747, 2.129279455094817, 6.050204481039787, -0.521095305493747, 16.542627287634996, -2.129279455094817, 45.003011151991785],
    [6.13228947966369, 1.12762596520638, 2.35240961524325, 6.13228947966369, 1.12762596520638, 16.57282467105732, 2.35240961524325, 45.01412014853003],
    [-0.98661429815143, 0.46211715726001, 0.905148253644866, 0.98661429815143, -0.46211715726001, 0.998177897611199, -0.905148253644866, 0.999753210848027],
  ]);
  matchesR('y ~ asinh(z) + acosh(age/10) + atanh(z/5)', all, [
    [-1.647231146371096, 0.481211825059603, 1.194763217287109, 1.647231146371096, -0.481211825059603, 1.965720471649651, -1.194763217287109, 2.209347708615334],
    [1.47504478124143, 1.9826969446812, 2.08891887336156, 2.44348923001945, 2.51112845162199, 1.25719582660038, 1.76274717403909, 2.18464379160511],
    [-0.549306144334055, 0.100335347731076, 0.309519604203112, 0.549306144334055, -0.100335347731076, 0.867300527694053, -0.309519604203112, 1.47221948958322],
  ]);
});

test('seq_along(x) is the row number over every row; cumsum(x) is missing from the first NA on, as R', () => {
  matchesR('y ~ seq_along(x)', all, [all]);
  matchesR('y ~ seq_along(x) * a', all, [all, [0, 1, 0, 1, 0, 1, 0, 0], [0, 2, 0, 4, 0, 6, 0, 0]]);
  matchesR('y ~ cumsum(z)', all, [[-2.5, -2, -0.5, 2, 1.5, 5, 3.5, 8]]);
  matchesR('y ~ cumsum(x)', [1, 2, 3, 4, 5, 6], [[0.25, 1.75, 4.25, 2.9, 7.65, 12.65]]);
  matchesR('y ~ cumsum(a == "u")', all, [[1, 1, 2, 2, 3, 3, 4, 5]]);
  // R: variable lengths differ (found for 'seq_along(3)')
  assert.throws(() => lmRobust({ formula: 'y ~ seq_along(3)', rows: analystTable }), /seq_along\(3\) does not give one number per row \(R: "variable lengths differ"\)/);
});

test('weighted.mean(x, w, na.rm) over every row; a missing x without na.rm is refused (R: NA on every row)', () => {
  matchesR('y ~ I(age - weighted.mean(age, z + 3))', all, [[-17.796875, -3.796875, 0.203125, 17.203125, 21.203125, -21.796875, -10.796875, 4.203125]]);
  matchesR('y ~ I(x - weighted.mean(x, age, na.rm = TRUE))', [1, 2, 3, 4, 5, 6, 8], [
    [-1.912531754385965, -0.662531754385965, 0.337468245614035, -3.512531754385965, 2.587468245614035, 2.837468245614035, 0.979058245614035],
  ]);
  matchesR('y ~ I(z - weighted.mean(z))', all, [[-3.5, -0.5, 0.5, 1.5, -1.5, 2.5, -2.5, 3.5]]);
  // R: model.matrix keeps no row.
  assert.throws(() => lmRobust({ formula: 'y ~ I(x - weighted.mean(x, age))', rows: analystTable }), /weighted\.mean\(x, age\) is NA in R because x or age has missing values.*write na\.rm = TRUE/);
});

test('xor(x, y) is (x | y) & !(x & y) row by row, NA where either is NA (its row dropped)', () => {
  assert.deepEqual(design('y ~ xor(x > 2, k == 1)'), { names: ['(Intercept)', 'xor(x > 2, k == 1)TRUE'], rows: [1, 2, 3, 4, 5, 6, 8], columns: [[1, 0, 1, 1, 1, 1, 1]] });
  assert.deepEqual(design('y ~ I(xor(a == "u", z > 0))').columns, [[1, 1, 0, 1, 1, 1, 1, 0]]);
});
