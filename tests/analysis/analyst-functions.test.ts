// The functions an analyst types into a formula beyond math and factor(): %% and %/%, the round family, pmin/pmax,
// ifelse, as.numeric/as.integer/as.character, interaction(), cut() and pi, each as R computes and names it. Until
// 2026-12-03 (ninth R trial) every one was refused ('unknown function "round"', 'unexpected "%%"'); the differential
// suite stores estimatr's fits of them (t9-analyst-functions-*). R 4.2.2, on analystTable (design-support.ts):
//   d <- read.csv("d.csv", stringsAsFactors = FALSE); m <- model.matrix(f, d); colnames(m); rownames(m); m[, j]
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lmRobust, tableFromCsv } from '../../analysis/index.ts';
import { analystTable, modelDesign } from './design-support.ts';

const table = analystTable;

const design = (formula: string): ReturnType<typeof modelDesign> => modelDesign(table, formula);
const all = [1, 2, 3, 4, 5, 6, 7, 8];
const withX = [1, 2, 3, 4, 5, 6, 8];

test('%/% and %% are R\'s floored division and modulus, named without spaces as R deparses them', () => {
  // R: I(age%/%10) 2 3 4 5 6 1 3 4; I(id%%2) 1 0 1 0 1 0 1 0
  assert.deepEqual(design('y ~ I(age %/% 10)'), { names: ['(Intercept)', 'I(age%/%10)'], rows: all, columns: [[2, 3, 4, 5, 6, 1, 3, 4]] });
  assert.deepEqual(design('y ~ I(id %% 2)'), { names: ['(Intercept)', 'I(id%%2)'], rows: all, columns: [[1, 0, 1, 0, 1, 0, 1, 0]] });
  // R: I(z%%2) 1.5 0.5 1.5 0.5 1.5 1.5 0.5 0.5; I(z%/%2) -2 0 0 1 -1 1 -1 2 (the sign of the divisor, floored)
  assert.deepEqual(design('y ~ I(z %% 2) + I(z %/% 2)').columns, [[1.5, 0.5, 1.5, 0.5, 1.5, 1.5, 0.5, 0.5], [-2, 0, 0, 1, -1, 1, -1, 2]]);
  // R: I(x%%-1.5) -1.25 0 -0.5 -1.3500000000000001 -1.25 -1 -1.3584100000000001
  assert.deepEqual(design('y ~ I(x %% -1.5)').columns, [[-1.25, 0, -0.5, -1.3500000000000001, -1.25, -1, -1.3584100000000001]]);
});

test('round (half to even), round(x, digits), signif, floor, ceiling and trunc as R computes them', () => {
  // R: round(z) -2 0 2 2 0 4 4; round(x, 1) 0.2 1.5 2.5 -1.4 4.8 5 3.1 (0.25 → 0.2: the double below 0.25 is nearer)
  assert.deepEqual(design('y ~ round(z) + round(x, 1)'), {
    names: ['(Intercept)', 'round(z)', 'round(x, 1)'],
    rows: withX,
    columns: [[-2, 0, 2, 2, 0, 4, 4], [0.2, 1.5, 2.5, -1.4, 4.8, 5, 3.1]],
  });
  assert.deepEqual(design('y ~ round(x, digits = 2)').names, ['(Intercept)', 'round(x, digits = 2)']);
  assert.deepEqual(design('y ~ round(x, digits = 2)').columns, [[0.25, 1.5, 2.5, -1.35, 4.75, 5, 3.14]]);
  // R: floor(z) -3 0 1 2 -1 3 -2 4; ceiling(z) -2 1 2 3 0 4 -1 5; trunc(z) -2 0 1 2 0 3 -1 4
  assert.deepEqual(design('y ~ floor(z) + ceiling(z) + trunc(z)').columns, [
    [-3, 0, 1, 2, -1, 3, -2, 4],
    [-2, 1, 2, 3, 0, 4, -1, 5],
    [-2, 0, 1, 2, 0, 3, -1, 4],
  ]);
  // R: signif(x, 2) 0.25 1.5 2.5 -1.4 4.8 5 3.1
  assert.deepEqual(design('y ~ signif(x, 2)').columns, [[0.25, 1.5, 2.5, -1.4, 4.8, 5, 3.1]]);
});

test('pmin, pmax and ifelse row by row; ifelse of strings is a text variable, coded as a factor', () => {
  // R: pmin(x, 2) 0.25 1.5 2 -1.35 2 2 2; pmax(x, z) 0.25 1.5 2.5 2.5 4.75 5 4.5
  assert.deepEqual(design('y ~ pmin(x, 2) + pmax(x, z)'), {
    names: ['(Intercept)', 'pmin(x, 2)', 'pmax(x, z)'],
    rows: withX,
    columns: [[0.25, 1.5, 2, -1.35, 2, 2, 2], [0.25, 1.5, 2.5, 2.5, 4.75, 5, 4.5]],
  });
  // R: ifelse(x > 2, 1, 0) 0 0 1 0 1 1 1 (row 7's x is NA: dropped)
  assert.deepEqual(design('y ~ ifelse(x > 2, 1, 0)'), { names: ['(Intercept)', 'ifelse(x > 2, 1, 0)'], rows: withX, columns: [[0, 0, 1, 0, 1, 1, 1]] });
  // R: ifelse(z > 0, "pos", "neg")pos 0 1 1 1 0 1 0 1
  assert.deepEqual(design('y ~ ifelse(z > 0, "pos", "neg")'), {
    names: ['(Intercept)', 'ifelse(z > 0, "pos", "neg")pos'],
    rows: all,
    columns: [[0, 1, 1, 1, 0, 1, 0, 1]],
  });
});

test('as.numeric, as.integer (toward zero), as.numeric of a factor (its codes) and as.character (text levels)', () => {
  // R: as.numeric(k) 1 2 10 1 2 10 1 2; as.integer(z) -2 0 1 2 0 3 -1 4
  assert.deepEqual(design('y ~ as.numeric(k) + as.integer(z)').columns, [[1, 2, 10, 1, 2, 10, 1, 2], [-2, 0, 1, 2, 0, 3, -1, 4]]);
  // R: as.numeric(factor(k)) 1 2 3 1 2 3 1 2
  assert.deepEqual(design('y ~ as.numeric(factor(k))').columns, [[1, 2, 3, 1, 2, 3, 1, 2]]);
  // R: as.character(k)10, as.character(k)2 — text levels "1" < "10" < "2"
  assert.deepEqual(design('y ~ as.character(k)'), {
    names: ['(Intercept)', 'as.character(k)10', 'as.character(k)2'],
    rows: all,
    columns: [[0, 0, 1, 0, 0, 1, 0, 0], [0, 1, 0, 0, 1, 0, 0, 1]],
  });
});

test('interaction(a, b): the first factor varies fastest, labels joined by sep', () => {
  // R: interaction(a, b)v.p, u.q, v.q, u.r, v.r (u.p the reference)
  const names = ['v.p', 'u.q', 'v.q', 'u.r', 'v.r'];
  const columns = [[0, 1, 0, 0, 0, 0, 0, 0], [0, 0, 1, 0, 0, 0, 0, 1], [0, 0, 0, 1, 0, 0, 0, 0], [0, 0, 0, 0, 1, 0, 0, 0], [0, 0, 0, 0, 0, 1, 0, 0]];
  assert.deepEqual(design('y ~ interaction(a, b)'), { names: ['(Intercept)', ...names.map((n) => `interaction(a, b)${n}`)], rows: all, columns });
  const label = 'interaction(a, b, sep = "_", drop = TRUE)';
  assert.deepEqual(design(`y ~ ${label}`).names, ['(Intercept)', ...names.map((n) => `${label}${n.replace('.', '_')}`)]);
});

test('cut() with breaks as R labels the intervals (formatC, 3 significant digits); outside values are missing', () => {
  // R: cut(x, c(0, 1, 5))(1,5] 0 1 1 1 1 1, rows 1 2 3 5 6 8 (x = -1.35 is outside: NA)
  assert.deepEqual(design('y ~ cut(x, c(0, 1, 5))'), { names: ['(Intercept)', 'cut(x, c(0, 1, 5))(1,5]'], rows: [1, 2, 3, 5, 6, 8], columns: [[0, 1, 1, 1, 1, 1]] });
  // R: cut(x, breaks = 3)(0.767,2.88], (2.88,5.01]
  assert.deepEqual(design('y ~ cut(x, breaks = 3)'), {
    names: ['(Intercept)', 'cut(x, breaks = 3)(0.767,2.88]', 'cut(x, breaks = 3)(2.88,5.01]'],
    rows: withX,
    columns: [[0, 1, 1, 0, 0, 0, 0], [0, 0, 0, 0, 1, 1, 1]],
  });
  // R: [0,2) 0 1 1 0 0 0 0 0; [2,5) 0 0 0 1 0 1 0 1
  assert.deepEqual(design('y ~ cut(z, c(-3, 0, 2, 5), right = FALSE)').columns, [[0, 1, 1, 0, 0, 0, 0, 0], [0, 0, 0, 1, 0, 1, 0, 1]]);
  // R: include.lowest keeps x = 0.25 in [0.25,2]: rows 1 2 3 5 6 8, (2,5] 0 0 1 1 1 1
  assert.deepEqual(design('y ~ cut(x, c(0.25, 2, 5), include.lowest = TRUE)'), {
    names: ['(Intercept)', 'cut(x, c(0.25, 2, 5), include.lowest = TRUE)(2,5]'],
    rows: [1, 2, 3, 5, 6, 8],
    columns: [[0, 0, 1, 1, 1, 1]],
  });
  // R: labels = c("lo", "hi"): column ...hi 0 1 1 1 0 1 0 1
  assert.deepEqual(design('y ~ cut(z, c(-3, 0, 5), labels = c("lo", "hi"))').columns, [[0, 1, 1, 1, 0, 1, 0, 1]]);
});

test('pi is R\'s constant where the data have no column of that name', () => {
  // R: I(pi * x) 0.78539816339744828 4.71238898038468967 … (pi * x in doubles)
  assert.deepEqual(design('y ~ I(pi * x)'), { names: ['(Intercept)', 'I(pi * x)'], rows: withX, columns: [[0.25, 1.5, 2.5, -1.35, 4.75, 5, 3.14159].map((v) => Math.PI * v)] });
});

test('mean(x) inside I(): over every row, as R evaluates it; a missing x makes it NA and leaves no row, so vlab says so', () => {
  // R: I(z - mean(z)) = z - 1 (mean of all 8 rows); I(x - mean(x)) is NA everywhere: lm stops ("0 (non-NA) cases"),
  // lm_robust returns every estimate NA
  assert.deepEqual(design('y ~ I(z - mean(z))').columns, [[-3.5, -0.5, 0.5, 1.5, -1.5, 2.5, -2.5, 3.5]]);
  assert.throws(() => lmRobust({ formula: 'y ~ I(x - mean(x))', rows: table }), /lmRobust: mean\(x\) is NA in R because x has 1 missing value/);
});

test('is.na(x) and x %in% c(…) inside a call are TRUE/FALSE variables that are never NA, as R\'s match (NA matches NA)', () => {
  // R: ifelse(is.na(x), 0, x) 0.25 1.5 2.5 -1.35 4.75 5 0 3.14159 (all 8 rows); is.na(x)TRUE 0 0 0 0 0 0 1 0
  assert.deepEqual(design('y ~ ifelse(is.na(x), 0, x)'), { names: ['(Intercept)', 'ifelse(is.na(x), 0, x)'], rows: all, columns: [[0.25, 1.5, 2.5, -1.35, 4.75, 5, 0, 3.14159]] });
  assert.deepEqual(design('y ~ is.na(x)'), { names: ['(Intercept)', 'is.na(x)TRUE'], rows: all, columns: [[0, 0, 0, 0, 0, 0, 1, 0]] });
  // R: I(k %in% c(1, 2))TRUE 1 1 0 1 1 0 1 1; I(a %in% c("u"))TRUE 1 0 1 0 1 0 1 1
  assert.deepEqual(design('y ~ I(k %in% c(1, 2))'), { names: ['(Intercept)', 'I(k %in% c(1, 2))TRUE'], rows: all, columns: [[1, 1, 0, 1, 1, 0, 1, 1]] });
  assert.deepEqual(design('y ~ I(a %in% c("u"))').columns, [[1, 0, 1, 0, 1, 0, 1, 1]]);
  // R: I(x %in% c(5, 2.5))TRUE 0 0 1 0 0 1 0 0 (the NA of row 7 is FALSE: kept); I(k %in% c("10")) 0 0 1 0 0 1 0 0
  assert.deepEqual(design('y ~ I(x %in% c(5, 2.5))'), { names: ['(Intercept)', 'I(x %in% c(5, 2.5))TRUE'], rows: all, columns: [[0, 0, 1, 0, 0, 1, 0, 0]] });
  assert.deepEqual(design('y ~ I(k %in% c("10"))').columns, [[0, 0, 1, 0, 0, 1, 0, 0]]);
  // R matches NA to NA, also as text (until 2026-12-05 vlab's text branch left row 7 FALSE): I(x %in% c(NA, "5"))TRUE and
  // I(x %in% c(NA, 5))TRUE 0 0 0 0 0 1 1 0; I(a %in% c(NA, "v")) 0 1 0 1 0 1 0 0 (a has no NA).
  assert.deepEqual(design('y ~ I(x %in% c(NA, "5"))').columns, [[0, 0, 0, 0, 0, 1, 1, 0]]);
  assert.deepEqual(design('y ~ I(x %in% c(NA, 5))').columns, [[0, 0, 0, 0, 0, 1, 1, 0]]);
  assert.deepEqual(design('y ~ I(a %in% c(NA, "v"))').columns, [[0, 1, 0, 1, 0, 1, 0, 0]]);
});

test('cut(x, k): the breaks are seq.int(min, max, length.out = k + 1) as R 4.2 makes them, from + i · by', () => {
  // R: w <- c(-22.819, 14.852, 2.2949, 2.2951); cut(w, 3): levels "(-22.9,-10.3]" "(-10.3,2.3]" "(2.3,14.9]", codes 1 3 2 3
  // (the middle break is -22.819 + 2 · by = 2.2950000000000017; max − by, 2.2949999999999999, printed "2.29").
  const w = tableFromCsv(Buffer.from('y,w\n1,-22.819\n2,14.852\n3,2.2949\n4,2.2951\n'));
  assert.deepEqual(modelDesign(w, 'y ~ cut(w, 3)').names, ['(Intercept)', 'cut(w, 3)(-10.3,2.3]', 'cut(w, 3)(2.3,14.9]']);
});
