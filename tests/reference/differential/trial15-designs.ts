// The fifteenth R trial's classes (2026-12-04): the BREADTH of what a political scientist types into estimatr, stats
// and survey, rather than numeric edges (trial 14 found those sound). Every case is drawn from a stated seed (Draw(seed),
// seeds 15_100_000 + k), fitted by R and stored in expected.json.gz (refit: write-inputs.ts, then differential.R).
// - analyst-formulas-15: transformations inside formulas (log(x + 1), log1p, I(x^2), poly(x, 2) orthogonal and raw,
//   scale(x) with and without centring, as.numeric(f == "v"), factor(x, levels =), relevel(factor(), ref =),
//   interaction(), x %in% c(…), ifelse, cut with breaks and quantile(), pmin/pmax, abs, sqrt, exp, round, `- 1`, `+ 0`,
//   `.` and `. - cl - w`, `(a + b + c)^2`, `a*b - a:b`, `a/b`, `b %in% a`, offset(), a transformed outcome, mean() centring),
//   under se_type spelled as R users spell it (estimatr's names, "stata"), with clusters, weights or both, at alpha
//   0.05, 0.1 and 0.01. Where estimatr stops (se_type "CR2" without clusters, "HC2" with them), vlab must stop too.
// - analyst-dim-15: difference_in_means plain, blocked, clustered, blocked and clustered, weighted, and condition1 /
//   condition2 of a three-arm treatment, at several alphas.
// - p-adjust-15: p.adjust's methods by their R names ("holm", "BH", "fdr", "hochberg", "bonferroni", "BY", "hommel").
// - power-15: power.t.test solved for power, n and delta as R's arguments name them (n, delta, sd, sig.level, power).
// - factor(x, labels =) (one label each, one label pasted with the codes, repeated labels merged, the wrong number) and
//   the base:: and stats:: prefixes (stats::poly, base::log): vlab refused both until this trial.
// What R takes and vlab refuses in words (splines::ns(), dplyr's if_else(), C() …) cannot be a stored case (R fits
// them); tests/analysis/analyst-spellings.test.ts holds those refusals' words.
import type { SeType } from '../../../analysis/index.ts';
import type { DataSet, DimCase, FitCase, PAdjustCase, PowerCase } from './case-types.ts';
import { dim, fit, numbers, strings } from './case-builders.ts';
import { Draw, type Column } from './random-data.ts';

const SEED = 15_100_000;

/** [name, formula, se type, setting]: setting 0 none, 1 clusters, 2 weights, 3 both. */
const FORMULAS: [string, string, SeType, number][] = [
  ['log-plus-one', 'y ~ t + log(income + 1)', 'HC2', 0],
  ['log1p', 'y ~ t + log1p(income)', 'HC1', 2],
  ['log-base-10', 'y ~ t + log(income, 10)', 'CR2', 1],
  ['log2-log10', 'y ~ t + log2(income) + log10(age)', 'classical', 0],
  ['square', 'y ~ t + age + I(age^2)', 'HC2', 0],
  ['square-clusters', 'y ~ t * age + I(age^2)', 'CR2', 1],
  ['poly-orthogonal', 'y ~ t + poly(age, 2)', 'HC2', 0],
  ['poly-interaction', 'y ~ t * poly(age, 2)', 'stata', 1],
  ['poly-raw', 'y ~ t + poly(age, 3, raw = TRUE)', 'HC3', 2],
  ['poly-named-degree', 'y ~ t + poly(x, degree = 2)', 'CR0', 3],
  ['scale', 'y ~ t * scale(age)', 'HC2', 0],
  ['scale-center-only', 'y ~ t + scale(income, center = TRUE, scale = FALSE)', 'HC1', 0],
  ['scale-weighted', 'y ~ t + scale(x)', 'CR2', 3],
  ['as-numeric-comparison', 'y ~ t + as.numeric(b == "v")', 'HC2', 2],
  ['as-numeric-factor', 'y ~ t + as.numeric(factor(b))', 'HC0', 0],
  ['factor-levels', 'y ~ t + factor(educ, levels = c(3, 1, 2, 4, 5))', 'HC2', 0],
  ['factor-text-levels', 'y ~ t * factor(party, levels = c("Rep", "Dem", "Ind"))', 'CR2', 1],
  ['relevel-ref', 'y ~ t * relevel(factor(party), ref = "Rep")', 'HC2', 0],
  ['relevel-positional', 'y ~ t + relevel(as.factor(b), "w")', 'stata', 1],
  ['relevel-number-level', 'y ~ t + relevel(factor(educ), ref = "3")', 'HC1', 2],
  ['interaction', 'y ~ t + interaction(a, b)', 'HC2', 0],
  ['interaction-sep', 'y ~ t * interaction(a, party, sep = "_")', 'CR2', 3],
  ['in-numbers', 'y ~ t + I(educ %in% c(4, 5))', 'HC2', 0],
  ['in-text', 'y ~ t * I(party %in% c("Dem", "Ind"))', 'CR0', 1],
  ['ifelse-text', 'y ~ t + ifelse(age >= 65, "senior", "under65")', 'HC2', 2],
  ['ifelse-number', 'y ~ t * ifelse(income > 100, 1, 0)', 'classical', 0],
  ['cut-breaks', 'y ~ t + cut(age, c(17, 29, 44, 64, 99))', 'HC2', 0],
  ['cut-labels', 'y ~ t + cut(age, breaks = c(17, 40, 99), labels = c("young", "old"))', 'CR2', 1],
  ['cut-quantile', 'y ~ t + cut(income, quantile(income, c(0, 0.25, 0.5, 0.75, 1)), include.lowest = TRUE)', 'HC2', 2],
  ['cut-intervals', 'y ~ t + cut(x, 4)', 'HC3', 0],
  ['pmin-pmax', 'y ~ t + pmin(income, 100) + pmax(age, 25)', 'HC2', 0],
  ['abs', 'y ~ t + abs(x)', 'HC1', 2],
  ['sqrt', 'y ~ t + sqrt(income)', 'CR2', 1],
  ['exp', 'y ~ t + exp(x / 2)', 'HC2', 0],
  ['round', 'y ~ t + round(age / 10)', 'HC0', 0],
  ['minus-one', 'y ~ t + x - 1', 'HC2', 0],
  ['plus-zero', 'y ~ 0 + factor(t) + x', 'CR2', 1],
  ['minus-one-factor', 'y ~ party - 1', 'HC2', 2],
  ['dot', 'y ~ .', 'HC2', 0],
  ['dot-minus', 'y ~ . - cl - w - xm', 'CR2', 3],
  ['cube-of-sum', 'y ~ (t + a + x)^2', 'HC2', 0],
  ['three-way-minus', 'y ~ t * a * b - t:a:b', 'CR2', 1],
  ['star-minus-colon', 'y ~ t * b - t:b', 'HC1', 0],
  ['nesting-slash', 'y ~ t / b', 'HC2', 2],
  ['nesting-in', 'y ~ b %in% t', 'HC2', 0],
  ['offset', 'y ~ t + x + offset(age)', 'HC2', 0],
  ['log-outcome', 'log(income) ~ t + a', 'HC2', 0],
  ['scaled-outcome', 'I(y * 10) ~ t + x', 'CR2', 3],
  ['factor-numbers', 'y ~ t + factor(educ)', 'stata', 1],
  ['as-factor', 'y ~ t * as.factor(educ) + x', 'HC2', 2],
  ['ordered', 'y ~ t + ordered(educ)', 'HC2', 0],
  ['comparison', 'y ~ t + I(x > 0)', 'CR0', 1],
  ['centred-scaled', 'y ~ t + I((age - 40) / 10)', 'HC2', 0],
  ['mean-centred', 'y ~ t * I(age - mean(age))', 'HC2', 2],
  ['reciprocal', 'y ~ t + I(1 / income)', 'HC3', 0],
  ['kitchen-sink', 'y ~ t + x + a + b + party + age + educ', 'CR2', 3],
  ['interaction-with-sums', 'y ~ t * (a + b)', 'HC2', 0],
  ['log-by-factor', 'y ~ t + log(income + 1) * a', 'CR2', 1],
  ['factor-of-comparison', 'y ~ t + factor(educ > 3)', 'HC2', 0],
  ['missing-replaced', 'y ~ t + ifelse(is.na(xm), 0, xm) + is.na(xm)', 'HC2', 2],
  ['colon-only', 'y ~ a:b', 'HC2', 0],
  ['treatment-by-slope', 'y ~ t:a + a', 'HC1', 0],
  // Refused by vlab until this trial (factor()'s labels; a package prefix was "malformed formula: unexpected ':'").
  ['factor-labels', 'y ~ t + factor(educ, levels = 1:5, labels = c("none", "primary", "secondary", "college", "graduate"))', 'HC2', 0],
  ['factor-labels-interaction', 'y ~ t + factor(t, labels = c("control", "treated")):x', 'CR2', 1],
  ['factor-labels-merged', 'y ~ t * factor(educ, labels = c("low", "low", "mid", "high", "high"))', 'HC1', 2],
  ['factor-labels-one', 'y ~ t + factor(party, labels = "p")', 'HC2', 0],
  ['factor-labels-reordered', 'y ~ t + factor(a, levels = c("q", "p"), labels = c("Q", "P"))', 'stata', 3],
  ['factor-labels-wrong-length', 'y ~ t + factor(a, labels = c("Q", "P", "R"))', 'HC2', 0],
  ['stats-poly', 'y ~ t + stats::poly(age, 2)', 'HC2', 0],
  ['base-log', 'y ~ t * base::log(income + 1)', 'CR2', 3],
  ['base-factor', 'y ~ t + base::factor(educ) + stats::relevel(base::factor(party), ref = "Ind")', 'HC2', 2],
];

/** Each formula once more with an alpha an analyst types (alpha = 0.1, 0.01). */
const ALPHAS: [string, string, SeType, number, number][] = [
  ['alpha-10', 'y ~ t + x', 'HC2', 0, 0.1],
  ['alpha-01-clusters', 'y ~ t + party', 'CR2', 1, 0.01],
  ['alpha-10-weights', 'y ~ t * a', 'stata', 3, 0.1],
];

/** What estimatr refuses (its check_se_type): CR2 without clusters, HC2 with them. vlab must refuse too. */
const REFUSED: [string, string, SeType, number][] = [
  ['cr2-without-clusters', 'y ~ t + x', 'CR2', 0],
  ['hc2-with-clusters', 'y ~ t + x', 'HC2', 1],
  ['cr0-without-clusters', 'y ~ t', 'CR0', 2],
];

const SETTINGS: Partial<FitCase>[] = [{}, { clusters: 'cl' }, { weights: 'w' }, { clusters: 'cl', weights: 'w' }];

/** n respondents: outcome y, treatment t, x, xm (x with missing values), age, income, educ, text a, b, party, cl, w. */
function analystData(draw: Draw, n: number): Column[] {
  const t = Array.from({ length: n }, () => (draw.chance(0.5) ? 1 : 0));
  const x = t.map(() => Number(draw.normal().toFixed(4)));
  const xm = x.map((v) => (draw.chance(0.1) ? null : v));
  const age = t.map(() => 18 + draw.int(72));
  const income = t.map(() => Number(draw.uniform(5, 200).toFixed(2)));
  const educ = t.map(() => 1 + draw.int(5));
  const a = t.map(() => draw.pick(['p', 'q']));
  const b = t.map(() => draw.pick(['u', 'v', 'w']));
  const party = t.map(() => draw.pick(['Dem', 'Ind', 'Rep']));
  const cl = t.map((_, i) => `c${1 + (i % 18)}`);
  const w = t.map(() => Number(draw.uniform(0.3, 3).toFixed(3)));
  const y = t.map((ti, i) => Number((0.5 * ti + 0.3 * x[i] + 0.01 * age[i] + 0.004 * income[i] + (party[i] === 'Rep' ? -0.4 : 0) + 0.1 * educ[i] + draw.normal()).toFixed(5)));
  return [numbers('y', y, 5), numbers('t', t, 0), numbers('x', x, 4), numbers('xm', xm, 4), numbers('age', age, 0), numbers('income', income, 2),
    numbers('educ', educ, 0), strings('a', a), strings('b', b), strings('party', party), strings('cl', cl), numbers('w', w, 3)];
}

/** Clusters of 5 assigned whole within 4 blocks (z: 0/1; arm: three arms), outcome y, weights w. */
function dimData(draw: Draw): Column[] {
  const rows: { blk: string; cl: string; z: number; arm: string }[] = [];
  for (let b = 0; b < 4; b++) {
    const arms = draw.shuffle(['ctrl', 'ctrl', 'ctrl', 'A', 'A', 'B', 'B', 'B']);
    const treated = draw.shuffle([0, 0, 0, 0, 1, 1, 1, 1]);
    for (let c = 0; c < 8; c++) for (let k = 0; k < 5; k++) rows.push({ blk: `B${b + 1}`, cl: `k${b * 8 + c + 1}`, z: treated[c], arm: arms[c] });
  }
  const y = rows.map((r) => Number((0.4 * r.z + (r.arm === 'A' ? 0.3 : r.arm === 'B' ? -0.2 : 0) + 0.2 * Number(r.blk.slice(1)) + draw.normal()).toFixed(5)));
  const w = rows.map(() => Number(draw.uniform(0.5, 2).toFixed(3)));
  return [numbers('y', y, 5), numbers('z', rows.map((r) => r.z), 0), strings('arm', rows.map((r) => r.arm)), strings('blk', rows.map((r) => r.blk)),
    strings('cl', rows.map((r) => r.cl)), numbers('w', w, 3)];
}

function dimCases(id: string): DimCase[] {
  const g = 'analyst-dim-15';
  return [
    dim(g, `${id}-plain`, id),
    dim(g, `${id}-alpha-10`, id, { alpha: 0.1 }),
    dim(g, `${id}-blocks`, id, { blocks: 'blk' }),
    dim(g, `${id}-clusters`, id, { clusters: 'cl' }),
    dim(g, `${id}-blocks-clusters`, id, { blocks: 'blk', clusters: 'cl', alpha: 0.01 }),
    dim(g, `${id}-weights`, id, { weights: 'w' }),
    dim(g, `${id}-blocks-weights`, id, { blocks: 'blk', weights: 'w' }),
    dim(g, `${id}-clusters-weights`, id, { clusters: 'cl', weights: 'w' }),
    dim(g, `${id}-conditions`, id, { treatment: 'arm', condition1: 'ctrl', condition2: 'A' }),
    dim(g, `${id}-conditions-reversed`, id, { treatment: 'arm', condition1: 'B', condition2: 'ctrl' }),
    dim(g, `${id}-conditions-clusters`, id, { treatment: 'arm', condition1: 'ctrl', condition2: 'B', clusters: 'cl' }),
  ];
}

function pAdjustCases(): PAdjustCase[] {
  const draw = new Draw(SEED + 3);
  const p = Array.from({ length: 9 }, () => Number(draw.uniform(0, 0.12).toFixed(5)));
  return (['holm', 'BH', 'fdr', 'hochberg', 'bonferroni', 'BY', 'hommel'] as const).map((method) => ({ kind: 'p_adjust', id: `t15-p-adjust-${method}`, group: 'p-adjust-15', p, method }));
}

function powerCases(): PowerCase[] {
  const base = { kind: 'power', group: 'power-15', sd: 1, alpha: 0.05, strict: false } as const;
  return [
    { ...base, id: 't15-power-n-delta', solve: 'power', n: 200, effect: 0.25 },
    { ...base, id: 't15-power-n-for-delta', solve: 'n', effect: 0.2, power: 0.8 },
    { ...base, id: 't15-power-mde', solve: 'effect', n: 500, power: 0.8 },
    { ...base, id: 't15-power-sig-level', solve: 'n', effect: 5, sd: 12, power: 0.9, alpha: 0.01 },
  ];
}

/** The fifteenth trial's stored cases. */
export function trial15Designs(): { data: DataSet[]; cases: (FitCase | DimCase | PAdjustCase | PowerCase)[] } {
  const id = 't15-analyst';
  const dimId = 't15-dim';
  const data: DataSet[] = [{ id, columns: analystData(new Draw(SEED), 180) }, { id: dimId, columns: dimData(new Draw(SEED + 1)) }];
  const group = 'analyst-formulas-15';
  const cases: (FitCase | DimCase | PAdjustCase | PowerCase)[] = FORMULAS.map(([name, formula, se, setting]) => fit(group, `t15-${name}`, id, formula, se, SETTINGS[setting]));
  for (const [name, formula, se, setting, alpha] of ALPHAS) cases.push(fit(group, `t15-${name}`, id, formula, se, { ...SETTINGS[setting], alpha }));
  for (const [name, formula, se, setting] of REFUSED) cases.push(fit(group, `t15-${name}`, id, formula, se, SETTINGS[setting]));
  cases.push(...dimCases(dimId), ...pAdjustCases(), ...powerCases());
  return { data, cases };
}
