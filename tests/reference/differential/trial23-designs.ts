// R trial 22's leftovers (task rank, 2026-12-05): functions in formulas that R computes over every row of the data, with
// missing values, each drawn from a stated seed (Draw(seed), seeds 23_100_000 + k), fitted by estimatr / survey and stored
// in expected.json.gz (refit: write-inputs.ts, then differential.R; only new cases are refitted). What each class stresses:
// - rank-23: rank(), which vlab refused ('unknown function "rank"') where lm and lm_robust compute it. na.last = TRUE
//   (R's default) gives a missing x the last ranks, so `y ~ rank(xq)` keeps the rows where xq is NA and `y ~ xq +
//   rank(xq)` drops them for xq; rows dropped for a missing outcome still count in the ranks (yq ~ rank(x)); na.last =
//   FALSE, "keep" and NA (R stops: "variable lengths differ" when x has a missing value, fits when it has none); ties
//   "average", "min", "max", "first", "last" and an abbreviation; text (C order), a factor with declared levels, TRUE/FALSE,
//   a NaN made by log(); under HC, CR2, CR0, stata with fixed effects, and cregg; "random" declined (R's runif).
// - analyst-functions-na-23: the base functions analysts type most (exp, sqrt, abs, log1p, log2, log10, as.numeric,
//   as.factor, relevel(factor()), I(x > 3), ifelse, is.na, pmin/pmax, %in%) on columns with missing values: which of them
//   turn a missing value into one (ifelse(is.na(x), 0, x), pmin(na.rm = TRUE), %in%: the row stays) and which keep it
//   missing (the row goes), with `I(xq > 3)TRUE`-style names and %in% of a table holding NA (R matches NA to NA).
// - trial23-random: 20 drawn fits of these formulas, weights and se types (Draw(SEED + 9)).
import type { SeType } from '../../../analysis/index.ts';
import type { DataSet, FitCase } from './case-types.ts';
import { fit, numbers, strings } from './case-builders.ts';
import { Draw, type Column } from './random-data.ts';

interface Built {
  data: DataSet[];
  cases: FitCase[];
}

const SEED = 23_100_000;
const ID = 't23';
const ROWS = 120;

/**
 * 120 rows in 24 clusters of 5 (cl); y and yq (NA in rows i % 5 = 3); x (0.1–5 to one decimal, so with ties) and xq (NA
 * in rows i % 6 = 1); k (1–5) and kq (NA in rows i % 7 = 2); text f (lo, mid, hi) and fq (NA in rows i % 8 = 5); s (text
 * whose C order differs from a dictionary's: "Beta" < "alpha"); z (0/1), u (N(0, 1)), weights w (0.2–3).
 */
function trialData(draw: Draw): Column[] {
  const rows = Array.from({ length: ROWS }, (_, i) => i);
  const cl = rows.map((i) => 1 + Math.floor(i / 5));
  const x = rows.map(() => Number(draw.uniform(0.1, 5).toFixed(1)));
  const k = rows.map(() => 1 + draw.int(5));
  const f = rows.map((i) => ['lo', 'mid', 'hi'][i < 3 ? i : draw.int(3)]);
  const s = rows.map((i) => ['alpha', 'Beta', 'gamma', 'delta'][i < 4 ? i : draw.int(4)]);
  const z = rows.map(() => (draw.chance(0.5) ? 1 : 0));
  const u = rows.map(() => Number(draw.normal().toFixed(3)));
  const w = rows.map(() => Number(draw.uniform(0.2, 3).toFixed(3)));
  const shock = Array.from({ length: 25 }, () => 0.4 * draw.normal());
  const effect: Record<string, number> = { lo: 0, mid: 0.3, hi: -0.4 };
  const y = rows.map((i) => Number((1 + 0.4 * x[i] + 0.3 * z[i] - 0.2 * u[i] + 0.1 * k[i] + effect[f[i]] + shock[cl[i]] + draw.normal()).toFixed(5)));
  const missingWhere = <T>(values: T[], every: number, at: number): (T | null)[] => values.map((v, i) => (i % every === at ? null : v));
  return [numbers('y', y, 5), numbers('yq', missingWhere(y, 5, 3), 5), numbers('x', x, 1), numbers('xq', missingWhere(x, 6, 1), 1),
    numbers('k', k, 0), numbers('kq', missingWhere(k, 7, 2), 0), strings('f', f), strings('fq', missingWhere(f, 8, 5)), strings('s', s),
    numbers('z', z, 0), numbers('u', u, 3), numbers('w', w, 3), numbers('cl', cl, 0)];
}

const RANK_FORMULAS: [string, string, SeType, Partial<FitCase>?][] = [
  ['x', 'y ~ rank(x)', 'HC2'],
  ['xq', 'y ~ rank(xq)', 'HC2'],
  ['xq-beside', 'y ~ xq + rank(xq)', 'classical'],
  ['outcome-missing', 'yq ~ rank(x)', 'CR2', { clusters: 'cl' }],
  ['both-missing', 'yq ~ rank(xq) + f', 'CR2', { clusters: 'cl', weights: 'w' }],
  ['na-first', 'y ~ rank(xq, na.last = FALSE)', 'HC1'],
  ['na-keep', 'y ~ rank(xq, na.last = "keep") * z', 'HC2'],
  // R: variable lengths differ (found for 'rank(xq, na.last = NA)'); without a missing x R fits it.
  ['na-remove', 'y ~ rank(xq, na.last = NA)', 'HC2'],
  ['na-remove-complete', 'y ~ rank(x, na.last = NA)', 'HC2'],
  ['min', 'y ~ rank(k, ties.method = "min")', 'HC3'],
  ['max-first', 'y ~ rank(k, ties.method = "max") + rank(x, ties.method = "first")', 'classical'],
  ['last', 'y ~ rank(kq, ties.method = "last")', 'HC2'],
  ['abbreviated', 'y ~ rank(x, ties.method = "av") + z', 'HC2'],
  ['text', 'y ~ rank(s)', 'HC2'],
  ['factor', 'y ~ rank(factor(fq, levels = c("hi", "mid", "lo")))', 'HC2'],
  ['logical', 'y ~ rank(xq > 2)', 'HC2'],
  ['scaled', 'y ~ I(rank(-x)/120) + f', 'HC2'],
  ['by-factor', 'y ~ rank(x) * f', 'CR0', { clusters: 'cl', weights: 'w' }],
  ['cregg', 'yq ~ rank(xq) + f', 'cregg', { clusters: 'cl' }],
  ['fixed-effects', 'y ~ rank(xq)', 'stata', { clusters: 'cl', fixed_effects: '~ f' }],
  ['log-nan', 'y ~ rank(log(u))', 'HC2'],
];

const NA_FORMULAS: [string, string, SeType, Partial<FitCase>?][] = [
  ['exp-sqrt-abs', 'y ~ exp(xq/5) + sqrt(x) + abs(u)', 'HC2'],
  ['logs', 'yq ~ log1p(xq) + log2(x) + log10(k)', 'classical'],
  ['as-numeric-comparison', 'y ~ as.numeric(fq == "hi") + u', 'HC2'],
  ['as-numeric-factor', 'y ~ as.numeric(factor(fq)) + x', 'HC1'],
  ['as-factor', 'y ~ as.factor(kq) + x', 'HC2'],
  ['relevel', 'yq ~ relevel(factor(f), ref = "mid") * z', 'CR2', { clusters: 'cl' }],
  ['relevel-missing', 'y ~ relevel(factor(fq), ref = "lo") + xq', 'CR2', { clusters: 'cl', weights: 'w' }],
  ['comparison', 'y ~ I(xq > 3)', 'HC2'],
  ['comparison-by-factor', 'yq ~ I(x > 3) * f', 'classical'],
  ['ifelse-is-na', 'y ~ ifelse(is.na(xq), 0, xq) + is.na(xq)', 'HC2'],
  ['ifelse-text', 'y ~ ifelse(xq > 2.5, "high", "low") + z', 'HC2'],
  ['pmin-na-rm', 'y ~ pmin(xq, 3, na.rm = TRUE) + pmax(u, 0)', 'HC3'],
  ['pmax-missing', 'y ~ pmax(xq, kq)', 'HC2'],
  ['in-numbers', 'y ~ I(kq %in% c(1, 2)) + x', 'HC2'],
  ['in-text', 'y ~ I(fq %in% c("lo", "mid")) * z', 'CR2', { clusters: 'cl' }],
  ['in-numbers-na', 'yq ~ I(kq %in% c(1, NA))', 'HC2'],
  ['in-text-na', 'y ~ I(fq %in% c(NA, "hi"))', 'HC2'],
  ['as-numeric-as-factor', 'y ~ as.numeric(kq) + as.factor(f)', 'stata', { clusters: 'cl' }],
  ['exp-by-z', 'yq ~ exp(u) * z', 'CR2', { clusters: 'cl', weights: 'w' }],
  ['sqrt-square', 'y ~ sqrt(xq) + I(xq^2)', 'classical'],
];

/** 20 drawn fits (Draw(SEED + 9)): a formula of the classes above (not the ones R stops on), weights or none, an se type. */
function randomCases(draw: Draw, data: string): FitCase[] {
  const formulas = [...RANK_FORMULAS, ...NA_FORMULAS].filter(([name]) => name !== 'na-remove').map(([, formula]) => formula);
  const types: SeType[] = ['classical', 'HC0', 'HC1', 'HC2', 'HC3', 'CR0', 'stata', 'CR2'];
  return Array.from({ length: 20 }, (_, k) => {
    const se = draw.pick(types);
    const weighted = draw.chance(0.5);
    const clustered = se.startsWith('CR') || se === 'stata';
    return fit('trial23-random', `${ID}-random-${k}`, data, draw.pick(formulas), se, { ...(weighted ? { weights: 'w' } : {}), ...(clustered ? { clusters: 'cl' } : {}) });
  });
}

/** The stored cases of R trial 22's leftovers. */
export function trial23Designs(): Built {
  const data = `${ID}-data`;
  const rank = RANK_FORMULAS.map(([name, formula, se, extra]) => fit('rank-23', `${ID}-rank-${name}`, data, formula, se, extra));
  // R's ties.method = "random" breaks ties by runif: another seed, another fit; vlab refuses it in words.
  const random = fit('rank-23', `${ID}-rank-random`, data, 'y ~ rank(x, ties.method = "random")', 'HC2', {
    declined: 'ties.method "random" breaks ties by R\'s random numbers',
    note: 'R draws the order of tied values from runif, so its fit depends on the seed',
  });
  const na = NA_FORMULAS.map(([name, formula, se, extra]) => fit('analyst-functions-na-23', `${ID}-na-${name}`, data, formula, se, extra));
  return { data: [{ id: data, columns: trialData(new Draw(SEED)) }], cases: [...rank, random, ...na, ...randomCases(new Draw(SEED + 9), data)] };
}
