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
import { assertCloseToR } from './support.ts';

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

test('in backticks NA, Inf and TRUE are column names, written in backticks as R writes them (until 2026-12-04: constants)', () => {
  const columns = tableFromCsv(Buffer.from('y,NA,Inf,TRUE\n1,2,3,1\n2,5,1,0\n3,1,4,1\n4,7,2,0\n'));
  assert.deepEqual(modelDesign(columns, 'y ~ `NA` + `Inf` + `TRUE`'), {
    names: ['(Intercept)', '`NA`', '`Inf`', '`TRUE`'],
    rows: [1, 2, 3, 4],
    columns: [[2, 5, 1, 7], [3, 1, 4, 2], [1, 0, 1, 0]],
  });
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

test('mean(trim =), median, min, max, sd, var and rev as R computes them; NA in x is refused in words', () => {
  assert.deepEqual(design('y ~ I(z - mean(z, trim = 0.2)) + I(z - median(z)) + I(z - min(z)) + I(z - max(z, age))').columns, [
    [-3.5, -0.5, 0.5, 1.5, -1.5, 2.5, -2.5, 3.5],
    [-3.5, -0.5, 0.5, 1.5, -1.5, 2.5, -2.5, 3.5],
    [0, 3, 4, 5, 2, 6, 1, 7],
    [-64.5, -61.5, -60.5, -59.5, -62.5, -58.5, -63.5, -57.5],
  ]);
  const [bySd, byVar] = design('y ~ I(z / sd(z)) + I(z / var(z))').columns;
  [-1.020620726159658, 0.204124145231932, 0.612372435695795, 1.020620726159658, -0.204124145231932, 1.428869016623521, -0.612372435695795, 1.837117307087384]
    .forEach((want, i) => assertCloseToR(bySd[i], want, `z / sd(z) row ${i + 1}`));
  z.forEach((v, i) => assertCloseToR(byVar[i], v / 6, `z / var(z) row ${i + 1}`));
  assert.deepEqual(design('y ~ rev(z)').columns, [[4.5, -1.5, 3.5, -0.5, 2.5, 1.5, 0.5, -2.5]]);
  // R: min(x) is NA, so is every row (model.matrix keeps none).
  assert.throws(() => lmRobust({ formula: 'y ~ I(x - min(x))', rows: table }), /lmRobust: min\(x\) is NA in R because x has 1 missing value.*write min\(x, na\.rm = TRUE\)/);
  // R: variable lengths differ (found for 'range(z)')
  assert.throws(() => lmRobust({ formula: 'y ~ range(z)', rows: table }), /lmRobust: range\(z\) gives 2 numbers, not one per row \(R: "variable lengths differ"\)/);
  assert.throws(() => lmRobust({ formula: 'y ~ quantile(z)', rows: table }), /quantile\(z\) gives 5 numbers/);
});

test('interaction(lex.order = TRUE) varies the last factor fastest; labels that print alike are one level', () => {
  assert.deepEqual(design('y ~ interaction(a, b, lex.order = TRUE)').names.slice(1), ['u.q', 'u.r', 'v.p', 'v.q', 'v.r'].map((l) => `interaction(a, b, lex.order = TRUE)${l}`));
  assert.deepEqual(design('y ~ interaction(a, b, lex.order = TRUE)').columns[2], [0, 1, 0, 0, 0, 0, 0, 0]);
  const label = 'interaction(k, b, sep = "", drop = TRUE)';
  assert.deepEqual(design(`y ~ ${label}`).names.slice(1), ['2p', '1q', '2q', '10q', '2r', '10r'].map((l) => `${label}${l}`));
  // "a" + "bc" and "ab" + "c" are both "abc": one level, at the first one's place (R's interaction()).
  const merged = tableFromCsv(Buffer.from('y,p1,p2\n1,a,bc\n2,ab,c\n3,ab,bc\n4,a,c\n5,a,bc\n'));
  assert.deepEqual(modelDesign(merged, 'y ~ interaction(p1, p2, sep = "")'), {
    names: ['(Intercept)', 'interaction(p1, p2, sep = "")abbc', 'interaction(p1, p2, sep = "")ac'],
    rows: [1, 2, 3, 4, 5],
    columns: [[0, 0, 1, 0, 0], [0, 0, 0, 1, 0]],
  });
});

test('cut() takes quantile() and seq() breaks; a label given twice is one level, as R\'s cut()', () => {
  const quartiles = design('y ~ cut(z, quantile(z), include.lowest = TRUE)');
  assert.deepEqual(quartiles.names.slice(1), ['(-0.75,1]', '(1,2.75]', '(2.75,4.5]'].map((l) => `cut(z, quantile(z), include.lowest = TRUE)${l}`));
  assert.deepEqual(quartiles.columns, [[0, 1, 0, 0, 1, 0, 0, 0], [0, 0, 1, 1, 0, 0, 0, 0], [0, 0, 0, 0, 0, 1, 0, 1]]);
  assert.deepEqual(design('y ~ cut(z, seq(-3, 5, by = 2))').names.slice(1), ['(-1,1]', '(1,3]', '(3,5]'].map((l) => `cut(z, seq(-3, 5, by = 2))${l}`));
  assert.deepEqual(design('y ~ cut(z, seq(-3, 5, length.out = 4))').names.slice(1), ['(-0.333,2.33]', '(2.33,5]'].map((l) => `cut(z, seq(-3, 5, length.out = 4))${l}`));
  // R: missing values and NaN's not allowed if 'na.rm' is FALSE
  assert.throws(() => lmRobust({ formula: 'y ~ cut(x, quantile(x))', rows: table }), /quantile\(x\): missing values and NaN's not allowed if 'na.rm' is FALSE/);
  assert.deepEqual(design('y ~ cut(z, c(-3, 0, 2, 5), labels = c("a", "a", "b"))'), {
    names: ['(Intercept)', 'cut(z, c(-3, 0, 2, 5), labels = c("a", "a", "b"))b'],
    rows: all,
    columns: [[0, 0, 0, 1, 0, 1, 0, 1]],
  });
});

test('sign, as.logical, scale(x, center = number) and droplevels as R', () => {
  const d = design('y ~ sign(z) + as.logical(id %% 3) + scale(z, center = 1)');
  assert.deepEqual(d.names, ['(Intercept)', 'sign(z)', 'as.logical(id%%3)TRUE', 'scale(z, center = 1)']);
  assert.deepEqual(d.columns.slice(0, 2), [[-1, 1, 1, 1, -1, 1, -1, 1], [1, 1, 0, 1, 1, 0, 1, 1]]);
  [-1.428869016623521, -0.204124145231932, 0.204124145231932, 0.612372435695795, -0.612372435695795, 1.020620726159658, -1.020620726159658, 1.428869016623521]
    .forEach((want, i) => assertCloseToR(d.columns[2][i], want, `scale(z, center = 1) row ${i + 1}`));
  // R: "length of 'center' must equal the number of columns of 'x'" — a column is not one number.
  assert.throws(() => lmRobust({ formula: 'y ~ scale(z, center = id)', rows: table }), /scale\(z, center = id\): "center" must be TRUE, FALSE or one number/);
  const label = 'droplevels(factor(k, levels = c(1, 2, 5, 10)))';
  assert.deepEqual(design(`y ~ ${label}`).names, ['(Intercept)', `${label}2`, `${label}10`]);
});

test('se_type = "none" is refused in words: vlab always computes standard errors', () => {
  // estimatr's se_type = "none" (the R script's last call) gives the estimates with std.error, p and interval NA.
  assert.throws(
    () => lmRobust({ formula: 'y ~ z', rows: table, seType: 'none' as 'HC2' }),
    /lmRobust: se type "none" is not supported: vlab always computes standard errors/,
  );
});
