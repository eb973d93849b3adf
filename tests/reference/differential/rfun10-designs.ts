// R's functions an analyst types (2026-12-04, task rfun10), each drawn from a stated seed (Draw(seed), seeds
// 10_200_000 + k), fitted by estimatr and stored in expected.json.gz (refit: write-inputs.ts, then differential.R).
// What the class stresses, where vlab refused or differed from R until then:
// - ifelse of text columns, of factors (R gives their codes 1..L: as numbers, or as text beside a string), with NA,
//   NA_real_, NA_character_ and NaN branches, and a branch no row takes (it does not set the type);
// - literal NA, Inf, -Inf and NaN in formulas (I(x == Inf), pmin(z, Inf)); integer literals 2L, 10L, 100000L (term
//   names without the L, as R prints them);
// - mean(x, trim = ), median(), min()/max() (one and two arguments), sd(), var(), rev(), with and without na.rm
//   (a missing value makes R's answer NA and every row missing: vlab refuses in words);
// - interaction(…, lex.order = TRUE), drop, and combinations that print alike merged (sep = "", "a.b" + "c");
// - cut() with quantile(), seq(by = ), seq(length.out = ) breaks, quantile() of a column with NA (R stops), ties in
//   quantile breaks (R stops: not unique), a label given twice (one level, as R's factor());
// - se_type = "none" (refused in words: vlab always computes SEs);
// - sign, as.logical, droplevels, relevel(factor()), scale(x, center = number), log1p, %in%, as.numeric(factor);
// and 20 random formulas of these terms under every se type with and without clusters and weights.
import type { SeType } from '../../../analysis/index.ts';
import type { DataSet, FitCase } from './case-types.ts';
import { fit, strings } from './case-builders.ts';
import { Draw, type Column } from './random-data.ts';
import { analystRows, SE_TYPES, SETTINGS } from './trial9-designs.ts';

const SEED = 10_200_000;

const FORMULAS: [string, string, Partial<FitCase>?][] = [
  ['ifelse-text-columns', 'y ~ ifelse(z > 0, a, b) + t'],
  ['ifelse-factor-codes', 'y ~ ifelse(z > 0, factor(a), factor(b)) + t'],
  ['ifelse-factor-beside-text', 'y ~ ifelse(t == 1, factor(b), "none") + x'],
  ['ifelse-declared-factor', 'y ~ ifelse(t == 1, b, "none") + x', { levels: { b: ['r', 'q', 'p'] } }],
  ['ifelse-unused-branch', 'y ~ ifelse(z > 100, "big", z) + t'],
  ['ifelse-na', 'y ~ I(ifelse(x > 1, NA, x)) + t'],
  ['ifelse-na-text', 'y ~ ifelse(z > 2, NA, b) + t'],
  ['ifelse-na-character', 'y ~ ifelse(k == 12, NA_character_, b) + t'],
  ['ifelse-na-real', 'y ~ I(ifelse(k == 12, NA_real_, k)) + t'],
  ['ifelse-nan', 'y ~ I(ifelse(z > 3, NaN, z)) + t'],
  ['inf-comparisons', 'y ~ I(x == Inf) + I(-Inf < z) + t'],
  ['inf-pmin-pmax', 'y ~ pmin(z, Inf) + pmax(x, -Inf) + t'],
  ['integer-literals', 'y ~ I(2L * x) + poly(z, 2L) + I(age %/% 10L) + t'],
  ['integer-large', 'y ~ I(100000L * x) + I(k == 10L) + t'],
  ['mean-trim', 'y ~ t * I(age - mean(age, trim = 0.1))'],
  ['mean-trim-half', 'y ~ t + I(z - mean(z, trim = 0.5))'],
  ['mean-trim-na-rm', 'y ~ t + I(xm - mean(xm, trim = 0.2, na.rm = TRUE))'],
  ['median', 'y ~ t + I(x - median(x))'],
  ['median-na-rm', 'y ~ t + I(xm - median(xm, na.rm = TRUE))'],
  ['min-max', 'y ~ t + I((age - min(age)) / (max(age) - min(age)))'],
  ['max-two-arguments', 'y ~ t + I(z - max(z, x))'],
  ['sd-standardise', 'y ~ t + I((x - mean(x)) / sd(x))'],
  ['var', 'y ~ t + I(z / var(z))'],
  ['rev', 'y ~ t + rev(x)'],
  ['interaction-lex-order', 'y ~ interaction(a, b, lex.order = TRUE) + x'],
  ['interaction-lex-three-drop', 'y ~ interaction(b, a, t, lex.order = TRUE, drop = TRUE) + x'],
  ['interaction-merge-no-sep', 'y ~ interaction(p1, p2, sep = "") + t'],
  ['interaction-merge-dots', 'y ~ interaction(m1, m2) + t'],
  ['interaction-merge-lex', 'y ~ interaction(m1, m2, lex.order = TRUE) + x'],
  ['cut-quantile', 'y ~ cut(z, quantile(z), include.lowest = TRUE) + t'],
  ['cut-quantile-probs', 'y ~ cut(age, quantile(age, probs = c(0, 0.33, 0.67, 1)), include.lowest = TRUE) * t'],
  ['cut-quantile-missing', 'y ~ cut(xm, quantile(xm)) + t'],
  ['cut-quantile-na-rm', 'y ~ cut(xm, quantile(xm, na.rm = TRUE)) + t'],
  ['cut-quantile-ties', 'y ~ cut(t, quantile(t)) + x'],
  ['cut-seq-by', 'y ~ cut(age, seq(10, 90, by = 20)) + t'],
  ['cut-seq-length-out', 'y ~ cut(z, seq(-3, 3.5, length.out = 5)) + t'],
  ['cut-labels-twice', 'y ~ cut(age, c(17, 30, 50, 90), labels = c("young", "other", "other")) + t'],
  ['sign', 'y ~ sign(z) + t'],
  ['as-logical', 'y ~ as.logical(id %% 3) + t'],
  ['droplevels', 'y ~ droplevels(factor(k, levels = c(1, 2, 5, 10, 12, 99))) + t'],
  ['relevel-factor', 'y ~ relevel(factor(k), ref = "5") + t'],
  ['scale-number', 'y ~ scale(age, center = 40) + scale(z, center = FALSE, scale = 2) + t'],
  ['log1p-scale', 'y ~ log1p(age) + scale(x) + t'],
  ['as-numeric-factor-in', 'y ~ as.numeric(factor(b)) + I(a %in% c("north")) + t'],
];

const TERMS = [
  'ifelse(z > 0, a, b)', 'ifelse(t == 1, factor(b), "none")', 'I(ifelse(x > 1, NA, x))', 'I(age - mean(age, trim = 0.1))',
  'I(x - median(x))', 'I((age - min(age)) / (max(age) - min(age)))', 'I((x - mean(x)) / sd(x))', 'interaction(a, b, lex.order = TRUE)',
  'cut(z, quantile(z), include.lowest = TRUE)', 'cut(age, seq(10, 90, by = 20))', 'I(2L * x)', 'sign(z)', 't', 'x', 'a',
];

/**
 * The ninth trial's analyst rows (y, t, x, xm, age, id, z, k, text a and b, clusters cl, weights w), then text pairs whose
 * combinations print alike: "a" + "bc" and "ab" + "c" are both "abc" with sep = ""; "a.b" + "c" and "a" + "b.c" are
 * both "a.b.c" with the default sep.
 */
function rows(draw: Draw, n: number): Column[] {
  const columns = analystRows(draw, n);
  const pairs = (name: string, values: string[]): Column => strings(name, Array.from({ length: n }, () => draw.pick(values)));
  return [...columns, pairs('p1', ['a', 'ab']), pairs('p2', ['bc', 'c']), pairs('m1', ['a', 'a.b']), pairs('m2', ['b.c', 'c'])];
}

/** The stored cases: the named formulas under four settings in turn, min() of a column with NA, se_type "none", and 20 random formulas. */
export function rfun10Designs(): { data: DataSet[]; cases: FitCase[] } {
  const id = 'rfun10-analyst';
  const draw = new Draw(SEED);
  const columns = rows(draw, 180);
  const data: DataSet[] = [{ id, columns }];
  const cases = FORMULAS.map(([name, formula, extra], c) => {
    const setting = c % SETTINGS.length;
    return fit('r-functions', `rfun10-${name}`, id, formula, SE_TYPES[setting][c % 3], { ...SETTINGS[setting], ...extra });
  });
  // min(xm) of a column with missing values is NA: no row is left, and lm_robust returns every estimate NA.
  const missing = (columns.find((column) => column.name === 'xm') as Column).values.filter((v) => v === null).length;
  cases.push(fit('r-functions', 'rfun10-min-missing', id, 'y ~ t + I(xm - min(xm))', 'HC2', { refusal: `min(xm) is NA in R because xm has ${missing} missing values` }));
  // estimatr's se_type = "none": the estimates with every SE NA; vlab has no SE-free fit and says so.
  cases.push(fit('r-functions', 'rfun10-se-type-none', id, 'y ~ t + x', 'none' as SeType, { refusal: 'se type "none" is not supported' }));
  const random = new Draw(SEED + 1);
  for (let c = 0; c < 20; c++) {
    const terms = [...new Set(Array.from({ length: 1 + random.int(3) }, () => random.pick(TERMS)))];
    const setting = random.int(SETTINGS.length);
    const formula = `y ~ ${random.chance(0.3) && terms.length > 1 ? `${terms[0]} * ${terms.slice(1).join(' + ')}` : terms.join(' + ')}`;
    cases.push(fit('r-functions', `rfun10-random-${c}`, id, formula, SE_TYPES[setting][random.int(3)], SETTINGS[setting]));
  }
  return { data, cases };
}
