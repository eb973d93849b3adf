// The ninth R trial's class (2026-12-03): the functions an analyst types into an experiment's model that vlab refused
// until then, each drawn from a stated seed (Draw(seed), seeds 9_100_000 + k). What the class stresses:
// - analyst-functions: %/% and %% (I(age %/% 10), I(id %% 2), negative operands and divisors, decimals), pi,
//   round (half to even at 0.5, 2.5; to digits on values printed with two decimals, ties below and above), signif,
//   floor, ceiling, trunc, pmin/pmax (with a missing value, na.rm), ifelse (numbers, strings, TRUE/FALSE),
//   as.numeric of numbers and of a factor (its codes), as.integer, as.character of numbers (text level order),
//   interaction(a, b) (first factor fastest, sep, drop, three factors, with x), cut with breaks c(…) (values outside:
//   rows dropped; right = FALSE, include.lowest, labels) and with a number of intervals, mean() centring (a
//   missing value: no row is left and lm_robust gives every estimate NA; vlab refuses in words), is.na() and
//   x %in% c(…) inside a call (numbers, strings, from:to; never NA), under HC2, classical, HC1, CR2/CR0/stata with clusters, weighted; and 30
//   random formulas of these terms under every se type.
import type { DataSet, FitCase } from './case-types.ts';
import { fit, numbers, strings } from './case-builders.ts';
import { clusterIds, Draw, type Column } from './random-data.ts';

const SEED = 9_100_000;

const FORMULAS: [string, string][] = [
  ['integer-divide', 'y ~ I(age %/% 10) + t'],
  ['modulus', 'y ~ I(id %% 2) + t'],
  ['modulus-negative', 'y ~ I(z %% 2) + I(z %/% 2) + t'],
  ['modulus-negative-divisor', 'y ~ I(x %% -1.5) + I(x %/% -0.7) + t'],
  ['modulus-factor', 'y ~ factor(id %% 3) * t'],
  ['pi', 'y ~ I(pi * x) + t'],
  ['round', 'y ~ round(z) + t'],
  ['round-digits', 'y ~ round(z, 1) + round(x, digits = 2) + t'],
  ['round-negative-digits', 'y ~ round(age, -1) + t'],
  ['signif', 'y ~ signif(x, 2) + t'],
  ['floor-ceiling-trunc', 'y ~ floor(z) + ceiling(x) + trunc(z * 3) + t'],
  ['pmin-pmax', 'y ~ pmin(x, 1) + pmax(z, 0) + t'],
  ['pmin-missing', 'y ~ pmin(xm, z) + t'],
  ['pmax-na-rm', 'y ~ pmax(xm, z, na.rm = TRUE) + t'],
  ['ifelse-numbers', 'y ~ ifelse(x > 0, 1, 0) + t'],
  ['ifelse-strings', 'y ~ ifelse(age >= 40, "older", "younger") * t'],
  ['ifelse-logical', 'y ~ ifelse(z > 1, TRUE, FALSE) + x'],
  ['as-numeric', 'y ~ as.numeric(k) + as.integer(z) + t'],
  ['as-numeric-factor', 'y ~ as.numeric(factor(k)) + t'],
  ['as-character', 'y ~ as.character(k) + t'],
  ['interaction', 'y ~ interaction(a, b) + x'],
  ['interaction-sep-drop', 'y ~ interaction(a, b, sep = "_", drop = TRUE) + t'],
  ['interaction-three', 'y ~ interaction(a, b, t) + x'],
  ['interaction-by-x', 'y ~ interaction(a, t) * x'],
  ['cut-breaks', 'y ~ cut(x, c(-1, 0, 1)) + t'],
  ['cut-wide', 'y ~ cut(age, c(17, 30, 45, 60, 90)) * t'],
  ['cut-right-false', 'y ~ cut(z, c(-3, -1, 0, 1, 3.5), right = FALSE) + t'],
  ['cut-include-lowest', 'y ~ cut(age, c(18, 40, 80), include.lowest = TRUE) + t'],
  ['cut-labels', 'y ~ cut(age, c(0, 40, 100), labels = c("under 40", "40 plus")) + t'],
  ['cut-count', 'y ~ cut(x, breaks = 3) + t'],
  ['cut-count-five', 'y ~ cut(z, 5) + t'],
  ['mean-centred', 'y ~ t * I(age - mean(age))'],
  ['mean-missing', 'y ~ t + I(xm - mean(xm))'],
  ['mean-na-rm', 'y ~ t + I(xm - mean(xm, na.rm = TRUE))'],
  ['is-na', 'y ~ ifelse(is.na(xm), 0, xm) + is.na(xm) + t'],
  ['in-numbers', 'y ~ I(k %in% c(1, 2)) + t'],
  ['in-strings', 'y ~ I(b %in% c("p", "r")) * t'],
  ['in-sequence', 'y ~ I(age %in% 18:30) + x'],
  ['in-missing', 'y ~ I(round(xm) %in% c(0, 1)) + t'],
];

const TERMS = [
  'I(age %/% 10)', 'I(id %% 4)', 'round(z)', 'round(x, 1)', 'floor(z)', 'pmin(x, 0.5)', 'pmax(z, -1)', 'ifelse(z > 0, 1, 0)',
  'ifelse(x > 0.5, "hi", "lo")', 'as.character(k)', 'as.numeric(k)', 'interaction(a, b)', 'cut(age, c(17, 35, 55, 90))',
  'cut(z, 3)', 'I(pi * z)', 'signif(x, 1)', 't', 'a', 'x',
];

/** n rows of y and t (the treatment), x, xm (x with missing values), age, id, z, k, text a and b, clusters and weights. */
export function analystRows(draw: Draw, n: number): Column[] {
  const t = Array.from({ length: n }, () => (draw.chance(0.5) ? 1 : 0));
  const x = t.map(() => Number(draw.normal().toFixed(4)));
  const xm = x.map((v) => (draw.chance(0.08) ? null : v));
  const age = t.map(() => 18 + draw.int(62));
  const z = t.map(() => Number(draw.uniform(-3, 3.5).toFixed(2)));
  const k = t.map(() => draw.pick([1, 2, 5, 10, 12]));
  const a = t.map(() => draw.pick(['north', 'south']));
  const b = t.map(() => draw.pick(['p', 'q', 'r']));
  const cl = clusterIds(draw, n, 16, true) as string[];
  const w = t.map(() => Number(draw.uniform(0.3, 2.5).toFixed(3)));
  const y = t.map((ti, i) => Number((0.4 * ti + 0.3 * x[i] + 0.01 * age[i] - 0.1 * z[i] + (a[i] === 'south' ? 0.2 : 0) + draw.normal()).toFixed(5)));
  return [numbers('y', y, 5), numbers('t', t, 0), numbers('x', x, 4), numbers('xm', xm, 4), numbers('age', age, 0),
    numbers('id', t.map((_, i) => i + 1), 0), numbers('z', z, 2), numbers('k', k, 0), strings('a', a), strings('b', b), strings('cl', cl), numbers('w', w, 3)];
}

export const SETTINGS: Partial<FitCase>[] = [{}, { clusters: 'cl' }, { weights: 'w' }, { clusters: 'cl', weights: 'w' }];
export const SE_TYPES = [['HC2', 'classical', 'HC1'], ['CR2', 'CR0', 'stata'], ['HC2', 'HC3', 'HC0'], ['CR2', 'CR0', 'CR2']] as const;

/** The ninth trial's stored cases: the named formulas under four settings in turn, and 30 random formulas. */
export function trial9Designs(): { data: DataSet[]; cases: FitCase[] } {
  const id = 't9-analyst';
  const draw = new Draw(SEED);
  const data: DataSet[] = [{ id, columns: analystRows(draw, 160) }];
  const cases = FORMULAS.map(([name, formula], c) => {
    const setting = c % SETTINGS.length;
    // mean(xm) of a column with missing values is NA: no row is left, and lm_robust returns every estimate NA.
    const refusal = name === 'mean-missing' ? { refusal: 'mean(xm) is NA in R because xm has 13 missing values' } : {};
    return fit('analyst-functions', `t9-analyst-functions-${name}`, id, formula, SE_TYPES[setting][c % 3], { ...SETTINGS[setting], ...refusal });
  });
  const random = new Draw(SEED + 1);
  for (let c = 0; c < 30; c++) {
    const terms = [...new Set(Array.from({ length: 1 + random.int(3) }, () => random.pick(TERMS)))];
    const setting = random.int(SETTINGS.length);
    const formula = `y ~ ${random.chance(0.3) && terms.length > 1 ? `${terms[0]} * ${terms.slice(1).join(' + ')}` : terms.join(' + ')}`;
    cases.push(fit('analyst-functions', `t9-analyst-random-${c}`, id, formula, SE_TYPES[setting][random.int(3)], SETTINGS[setting]));
  }
  return { data, cases };
}
