// tolower, toupper, trimws, nchar, paste and paste0 in a formula, which R computes and vlab refused until 2026-12-05
// ('unknown function "paste"', R trial 24). Expected values: R 4.2.2's model.matrix on analystTable (design-support.ts;
// x is NA in row 7), printed by tests/analysis/r/text-functions.R (the R formula of each assertion is the one tested).
// The differential suite stores estimatr's fits of them (trial24-designs.ts, analyst-text-24).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lmRobust, tableFromCsv } from '../../analysis/index.ts';
import { analystTable, modelDesign } from './design-support.ts';

const design = (formula: string): ReturnType<typeof modelDesign> => modelDesign(analystTable, formula);
const all = [1, 2, 3, 4, 5, 6, 7, 8];
const v = [0, 1, 0, 1, 0, 1, 0, 0];

test('case and spaces: levels that become equal are one level; nchar counts characters of numbers as R prints them', () => {
  assert.deepEqual(design('y ~ toupper(a)'), { names: ['(Intercept)', 'toupper(a)V'], rows: all, columns: [v] });
  assert.deepEqual(design('y ~ trimws(paste0(" ", a))').columns, [v]);
  assert.deepEqual(design('y ~ tolower(paste0(a, toupper(a)))').names, ['(Intercept)', 'tolower(paste0(a, toupper(a)))vv']);
  assert.deepEqual(design('y ~ nchar(x)'), { names: ['(Intercept)', 'nchar(x)'], rows: [1, 2, 3, 4, 5, 6, 8], columns: [[4, 3, 3, 5, 4, 1, 7]] });
});

test('paste of text, numbers and TRUE/FALSE, with sep; a missing value is pasted as "NA" and its row stays', () => {
  assert.deepEqual(design('y ~ paste(a, x > 2)'), {
    names: ['(Intercept)', 'paste(a, x > 2)u NA', 'paste(a, x > 2)u TRUE', 'paste(a, x > 2)v FALSE', 'paste(a, x > 2)v TRUE'],
    rows: all,
    columns: [[0, 0, 0, 0, 0, 0, 1, 0], [0, 0, 1, 0, 1, 0, 0, 1], [0, 1, 0, 1, 0, 0, 0, 0], [0, 0, 0, 0, 0, 1, 0, 0]],
  });
  assert.deepEqual(design('y ~ paste0(a, "-", k)').names.slice(1), ['u-10', 'u-2', 'v-1', 'v-10', 'v-2'].map((l) => `paste0(a, "-", k)${l}`));
  assert.deepEqual(design('y ~ paste(a, b, sep = "")').columns[0], [0, 0, 1, 0, 0, 0, 0, 1]);
  // R: variable lengths differ (found for 'paste0("a", "b")'), and for collapse.
  for (const formula of ['y ~ paste0("a", "b")', 'y ~ paste(a, collapse = "")']) {
    assert.throws(() => lmRobust({ formula, rows: analystTable }), /is one value, not one per row \(R: "variable lengths differ"\)/, formula);
  }
});

// R 4.2.2 in C.UTF-8 on Debian 12 (glibc 2.36), the last lines of tests/analysis/r/text-functions.R: one character at a
// time by Unicode's simple case mapping (İ lowers to i, ᾳ and ᾀ raise to ᾼ and ᾈ, where JavaScript's full mapping gives
// two characters), and the case pairs Unicode 16 added (ɤ and Ɤ, U+0264 and U+A7CB) left as they are, as glibc 2.36.
test('toupper and tolower beyond ASCII map as R in a UTF-8 locale', () => {
  const s = ['\u0130z', '\u1fb3', '\u1f80', '\u0264', '\u00df', '\u03a3a', '\ua7cb', '\u1f88'];
  const table = tableFromCsv(Buffer.from(['y,s', ...s.map((t, i) => `${i},${t}`)].join('\n')));
  const levels = (formula: string): string[] => modelDesign(table, formula).names.slice(1).map((name) => name.slice(formula.length - 4));
  const sorted = (codes: string[]): string[] => codes.map((c) => String.fromCodePoint(...c.split(' ').map((h) => parseInt(h, 16)))).sort().slice(1);
  const distinct = (codes: string[]): string[] => sorted([...new Set(codes)]);
  assert.deepEqual(levels('y ~ toupper(s)'), distinct(['0130 005A', '1FBC', '1F88', '0264', '00DF', '03A3 0041', 'A7CB', '1F88']));
  assert.deepEqual(levels('y ~ tolower(s)'), distinct(['0069 007A', '1FB3', '1F80', '0264', '00DF', '03C3 0061', 'A7CB', '1F80']));
});
