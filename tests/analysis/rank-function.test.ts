// rank() in a formula, which R's lm and estimatr's lm_robust compute and vlab refused until 2026-12-05 ('unknown
// function "rank"', R trial 22): ties.method "average" and na.last = TRUE by default, so a missing x takes the last
// ranks and its row is KEPT unless x is in the model too. Expected values: R 4.2.2's model.matrix on analystTable
// (design-support.ts; x is NA in row 7, k has ties), printed by tests/analysis/r/rank-function.R. The differential
// suite stores estimatr's fits of rank() terms (tests/reference/differential/trial23-designs.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lmRobust } from '../../analysis/index.ts';
import { analystTable, modelDesign } from './design-support.ts';

const design = (formula: string): ReturnType<typeof modelDesign> => modelDesign(analystTable, formula);
const all = [1, 2, 3, 4, 5, 6, 7, 8];
const refused = (formula: string, words: RegExp): void => {
  assert.throws(() => lmRobust({ formula, rows: analystTable }), (error: Error) => error.name === 'AnalysisError' && words.test(error.message), formula);
};

test('rank(x) ranks a missing x last and keeps its row; beside x the row goes for x (R: rank(c(2, NA, 1)) is 2 3 1)', () => {
  assert.deepEqual(design('y ~ rank(x)'), { names: ['(Intercept)', 'rank(x)'], rows: all, columns: [[2, 3, 4, 1, 6, 7, 8, 5]] });
  assert.deepEqual(design('y ~ x + rank(x)'), {
    names: ['(Intercept)', 'x', 'rank(x)'],
    rows: [1, 2, 3, 4, 5, 6, 8],
    columns: [[0.25, 1.5, 2.5, -1.35, 4.75, 5, 3.14159], [2, 3, 4, 1, 6, 7, 5]],
  });
  // A NaN (log of -1.35, row 4) is missing to rank() as NA is (is.na): ranked last, in row order.
  assert.deepEqual(design('y ~ rank(log(x))').columns, [[1, 2, 3, 7, 5, 6, 8, 4]]);
  assert.deepEqual(design('y ~ I(rank(-x)/8)').columns, [[0.75, 0.625, 0.5, 0.875, 0.25, 0.125, 1, 0.375]]);
});

test('the "NaNs produced" warning says what became of the rows: kept by rank() and is.na(), dropped by log() alone', () => {
  // R keeps row 4 in y ~ rank(log(x)) and is.na(log(x)) (nobs 8) and drops it in y ~ log(x) (nobs 6, with row 7's NA),
  // tests/analysis/r/sum-length.R; until 2026-12-05 every such warning said "they are missing and dropped".
  const warnings = (formula: string): string[] => lmRobust({ formula, rows: analystTable }).warnings;
  const kept = 'lmRobust: log(x) gives NaN for 1 row (R: "NaNs produced"); its row is kept: the formula makes a value of the NaN, as rank() and is.na() do in R';
  assert.deepEqual(warnings('y ~ rank(log(x))'), [kept]);
  assert.deepEqual(warnings('y ~ is.na(log(x))'), [kept]);
  assert.equal(lmRobust({ formula: 'y ~ rank(log(x))', rows: analystTable }).nobs, 8);
  const dropped = 'lmRobust: log(x) gives NaN for 1 row (R: "NaNs produced"); it is missing and its row is dropped';
  assert.deepEqual(warnings('y ~ log(x)'), [dropped]);
  // The same call twice: one warning, and the row goes for the bare log(x).
  assert.deepEqual(warnings('y ~ log(x) + rank(log(x))'), [dropped]);
  // The call in factor() too: refused as factor(log(x)) alone is (R keeps row 4 as a level "NaN": nobs 7), also where
  // the same call elsewhere has warned already.
  assert.throws(() => lmRobust({ formula: 'y ~ rank(log(x)) + factor(round(log(x)))', rows: analystTable }), /factor\(round\(log\(x\)\)\): log\(x\) gives NaN for 1 row: R's factor\(\) keeps NaN as a level "NaN"/);
  // z < 0 in rows 1, 5 and 7; row 7 goes for x's NA (R's model.frame keeps rows 1–6 and 8).
  assert.deepEqual(warnings('y ~ as.numeric(is.na(log(z))) + x'), [
    'lmRobust: log(z) gives NaN for 3 rows (R: "NaNs produced"); 2 of those rows are kept (the formula makes a value of the NaN, as rank() and is.na() do in R) and 1 dropped for a missing value',
  ]);
});

test('na.last = FALSE ranks the missing first, "keep" leaves it missing (row dropped), NA stops as R stops', () => {
  assert.deepEqual(design('y ~ rank(x, na.last = FALSE)').columns, [[3, 4, 5, 2, 7, 8, 1, 6]]);
  assert.deepEqual(design('y ~ rank(x, na.last = "keep")'), { names: ['(Intercept)', 'rank(x, na.last = "keep")'], rows: [1, 2, 3, 4, 5, 6, 8], columns: [[2, 3, 4, 1, 6, 7, 5]] });
  // R: variable lengths differ (found for 'rank(x, na.last = NA)')
  refused('y ~ rank(x, na.last = NA)', /lmRobust: rank\(x, na\.last = NA\) leaves out the 1 missing value of x.*\(R: "variable lengths differ"\)/);
});

test('ties: average by default; min, max, first, last and an abbreviation as match.arg reads it; random refused', () => {
  assert.deepEqual(design('y ~ rank(k)').columns, [[2, 5, 7.5, 2, 5, 7.5, 2, 5]]);
  assert.deepEqual(design('y ~ rank(k, ties.method = "min") + rank(k, ties.method = "max")').columns, [[1, 4, 7, 1, 4, 7, 1, 4], [3, 6, 8, 3, 6, 8, 3, 6]]);
  assert.deepEqual(design('y ~ rank(k, ties.method = "first") + rank(k, ties.method = "last")').columns, [[1, 4, 7, 2, 5, 8, 3, 6], [3, 6, 8, 2, 5, 7, 1, 4]]);
  assert.deepEqual(design('y ~ rank(k, ties.method = "mi")'), { names: ['(Intercept)', 'rank(k, ties.method = "mi")'], rows: all, columns: [[1, 4, 7, 1, 4, 7, 1, 4]] });
  refused('y ~ rank(k, ties.method = "random")', /ties\.method "random" breaks ties by R's random numbers/);
  refused('y ~ rank(k, ties.method = "mean")', /"ties\.method" should be one of "average", "first", "last", "random", "max", "min"/);
});

test('text is ranked by its sorted levels (C locale), a factor by its codes, TRUE/FALSE as 1/0', () => {
  assert.deepEqual(design('y ~ rank(a)').columns, [[3, 7, 3, 7, 3, 7, 3, 3]]);
  assert.deepEqual(design('y ~ rank(factor(b, levels = c("r", "q", "p")))').columns, [[7, 7, 4, 4, 1.5, 1.5, 7, 4]]);
  assert.deepEqual(design('y ~ rank(z > 0)').columns, [[2, 6, 6, 6, 2, 6, 2, 6]]);
});

test("dplyr's ranks are refused naming the rank() that equals them, not the list of functions", () => {
  refused('y ~ min_rank(x)', /min_rank\(\) is not supported: write rank\(x, ties\.method = "min", na\.last = "keep"\)/);
  refused('y ~ row_number(x)', /row_number\(\) is not supported: write rank\(x, ties\.method = "first", na\.last = "keep"\)/);
  refused('y ~ dense_rank(x)', /dense_rank\(\) is not supported: write as\.numeric\(factor\(x\)\)/);
  refused('y ~ percent_rank(x)', /percent_rank\(\) is not supported: write rank\(x, ties\.method = "min", na\.last = "keep"\)/);
});
