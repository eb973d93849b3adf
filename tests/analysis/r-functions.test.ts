// R's functions an analyst types that vlab refused or computed otherwise until 2026-12-04 (task rfun10): literal NA,
// Inf, NaN and 2L; ifelse of text and factor columns; mean(trim =), median, min, max, sd, var, rev; interaction with
// lex.order and merged labels; cut() with quantile() and seq() breaks and a label given twice; se_type = "none".
// Expected values: R 4.2.2's model.matrix on analystTable (design-support.ts), printed by
// tests/analysis/r/r-functions.R (the R formula of each assertion is the one tested). The differential suite stores
// estimatr's fits of the same functions (tests/reference/differential/rfun10-designs.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lmRobust, tableFromCsv } from '../../analysis/index.ts';
import { analystTable, modelDesign } from './design-support.ts';

const table = analystTable;
const design = (formula: string): ReturnType<typeof modelDesign> => modelDesign(table, formula);
const all = [1, 2, 3, 4, 5, 6, 7, 8];
const z = [-2.5, 0.5, 1.5, 2.5, -0.5, 3.5, -1.5, 4.5];

test('NA, Inf, -Inf and NaN are R\'s constants, never columns (until 2026-12-04: unknown column "NA")', () => {
  assert.deepEqual(design('y ~ I(ifelse(x > 1, NA, x))'), { names: ['(Intercept)', 'I(ifelse(x > 1, NA, x))'], rows: [1, 4], columns: [[0.25, -1.35]] });
  assert.deepEqual(design('y ~ I(x == Inf) + I(z > -Inf)'), {
    names: ['(Intercept)', 'I(x == Inf)TRUE', 'I(z > -Inf)TRUE'],
    rows: [1, 2, 3, 4, 5, 6, 8],
    columns: [[0, 0, 0, 0, 0, 0, 0], [1, 1, 1, 1, 1, 1, 1]],
  });
  // R keeps no row of I(z + NaN); vlab says so.
  assert.throws(() => lmRobust({ formula: 'y ~ I(z + NaN)', rows: table }), /no rows without missing values/);
});

test('integer literals are named as R prints them, without the L (until 2026-12-04: "I(1e+05L * z)")', () => {
  const d = design('y ~ I(100000L * z) + poly(z, 2L) + I(1e10L * z)');
  assert.deepEqual(d.names, ['(Intercept)', 'I(100000 * z)', 'poly(z, 2)1', 'poly(z, 2)2', 'I(1e+10 * z)']);
  assert.deepEqual(d.columns[0], z.map((v) => v * 100000));
});

test('ifelse of text columns is text; of factors their codes (numbers, or text beside a string), as R', () => {
  assert.deepEqual(design('y ~ ifelse(z > 0, a, b)'), {
    names: ['(Intercept)', 'ifelse(z > 0, a, b)r', 'ifelse(z > 0, a, b)u', 'ifelse(z > 0, a, b)v'],
    rows: all,
    columns: [[0, 0, 0, 0, 1, 0, 0, 0], [0, 0, 1, 0, 0, 0, 0, 1], [0, 1, 0, 1, 0, 1, 0, 0]],
  });
  assert.deepEqual(design('y ~ ifelse(z > 0, factor(a), factor(b))').columns, [[1, 2, 1, 2, 3, 2, 1, 1]]);
  assert.deepEqual(design('y ~ ifelse(z > 0, factor(a), "none")'), {
    names: ['(Intercept)', 'ifelse(z > 0, factor(a), "none")2', 'ifelse(z > 0, factor(a), "none")none'],
    rows: all,
    columns: [[0, 1, 0, 1, 0, 1, 0, 0], [1, 0, 0, 0, 1, 0, 1, 0]],
  });
  // A branch no row takes does not make the answer text.
  assert.deepEqual(design('y ~ ifelse(z > 100, "big", z)').columns, [z]);
  assert.deepEqual(design('y ~ ifelse(k == 10, NA_character_, b)'), {
    names: ['(Intercept)', 'ifelse(k == 10, NA, b)q', 'ifelse(k == 10, NA, b)r'],
    rows: [1, 2, 4, 5, 7, 8],
    columns: [[0, 0, 1, 0, 0, 1], [0, 0, 0, 1, 0, 0]],
  });
});
