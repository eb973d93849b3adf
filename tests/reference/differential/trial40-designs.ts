// The fortieth R trial's classes (task rtrial40, 2026-12-07): the shapes of the flagship studies an analyst fits, which
// no earlier trial stored, drawn from stated seeds (Draw(40_100_000) for the data, Draw(40_100_002) for the drawn fits),
// fitted by R and stored in expected.json.gz (refit: write-inputs.ts, then differential.R; only new cases are refitted).
// What each class stresses:
// - factorial-40: a 2x2x2x2 factorial (as Kiratli's alliance study: four binary vignette factors, 20 respondents a
//   cell) with every interaction up to the four-way, as 0/1 numbers, as factor() of them and as text labels, the
//   four-way dropped, (a + b + c + d)^2 and ^3, by a three-level party moderator (48 cells, some nearly empty), with a
//   country fixed effect, under classical, HC1–HC3, CR0, CR2, stata and cregg.
// - factorial-moderators-40: the four factors by a pre-treatment moderator centred in the formula (I(age - mean(age)),
//   scale(age, scale = FALSE), scale(age)) or not, by relevel(factor(pid), ref = "Ind"), weighted and clustered.
// - few-clusters-40: CR2, CR0 and stata with 2, 3 and 4 clusters of very unequal sizes (10 to 250 rows), a treatment
//   assigned by cluster (two of four sites), weighted, with an interaction; difference_in_means of the site treatment.
// - frequency-weights-40: integer weights 1–4 (frequency-like) on the compact data beside the same rows replicated
//   that many times (t40-replicated) and fitted unweighted (classical, HC1, HC2, CR2 by the original respondent,
//   stata), difference_in_means both ways, and rake from the integer weights.
// - likert-outcome-40: a Likert item stored as labels ("Strongly disagree" … "Strongly agree", "Don't know", NA) coded
//   by as.numeric(factor(levels =)) in the formula or by declared levels, top-two-box by %in% (a missing answer is
//   FALSE there, the row kept) and ==, a 1–7 item reverse-coded (8 - x), dichotomised (>= 5) and averaged with a second.
// - analyst-idioms-40: what an analyst types on such data without thinking of R's formula algebra: a bare comparison
//   (`a * (age >= 50)`, `(pid == "Dem")`), scale(age)[, 1], as.vector() and c() of scale(), `(age - mean(age))` without
//   I() (R's algebra: age), `(a + b + c + d)^4`, interaction() and paste() of the four factors, `0 +` cell means,
//   age groups by cut(), factor(levels = 1:7, labels =), 7:1, cut() of a Likert item, as.integer(==), the top box by
//   %in% as a number, a percent of the scale, a subset leaving out "Don't know", the factorial's cells as 8 clusters;
//   scale(age)[, 1] squared, unspaced ([,1]) and with 1L, poly(age, 2)[, 1], c(age) under cregg, as.factor() cells,
//   factor(a, levels = c(1, 0)), relevel() by position, a subset by %in%, interaction(sep = "_").
// - dim-factorial-40: difference_in_means of one factor blocked by the cells of the other three (8 blocks), weighted,
//   with condition1/condition2 on text labels.
// - power-40: power.t.test at the flagship's sizes (a main effect of the 2x2x2x2 with 160 an arm, a cell contrast with
//   20, the MDE at 80 % and 90 %).
// - trial40-random: 30 drawn fits of these columns (seed 40_100_002); and 20 drawn fits of the idioms vlab computes
//   since this trial, scale(age)[, 1], poly(age, 2)[, 2], c() and as.vector() among other terms (seed 40_100_003, in
//   analyst-idioms-40).
import { dim, drawnFits, fitRows, numbers, strings, type FitRow } from './case-builders.ts';
import type { DataSet, DimCase, FitCase, PowerCase, RakeCase } from './case-types.ts';
import { Draw, type Column } from './random-data.ts';

interface Built {
  data: DataSet[];
  cases: (FitCase | DimCase | PowerCase | RakeCase)[];
}

const SEED = 40_100_000;
const RANDOM_SEED = 40_100_002;
const IDIOM_SEED = 40_100_003;
const ID = 't40';
const CELL = 20;
const N = 16 * CELL;
const LIKERT = ['Strongly disagree', 'Disagree', 'Somewhat disagree', 'Neither', 'Somewhat agree', 'Agree', 'Strongly agree'];
const DECLARED = `c(${LIKERT.map((l) => `"${l}"`).join(', ')})`;

/** Cluster sizes of the few-cluster columns: 2, 3 and 4 sites of very unequal sizes (each sums to N). */
const SITES: Record<string, number[]> = { cl2: [40, 280], cl3: [12, 68, 240], cl4: [10, 30, 30, 250] };

function sitesOf(order: number[], sizes: number[]): number[] {
  const site = new Array<number>(N);
  let at = 0;
  sizes.forEach((size, s) => order.slice(at, (at += size)).forEach((i) => (site[i] = s + 1)));
  return site;
}

/**
 * 320 rows: id; a, b, c, d (0/1, 20 rows in each of the 16 cells), regime and trade (a and b as text labels), bcd (the
 * cell of b, c, d: dim's blocks); age (18–80), pid (Dem/Rep/Ind), country (4, the fixed effect), psu (20 clusters of
 * 16); cl2, cl3, cl4 (few unequal clusters) and zs (1 in sites 2 and 4 of cl4); w (0.3–3), fw (integers 1–4); y, lik7
 * and lik7b (1–7), likl (the labels, ~6 % "Don't know", ~3 % NA).
 */
function trialData(draw: Draw): { columns: Column[]; fw: number[] } {
  const cells = draw.shuffle(Array.from({ length: N }, (_, i) => i % 16));
  const bit = (k: number) => cells.map((cell) => (cell >> k) & 1);
  const [a, b, c, d] = [bit(0), bit(1), bit(2), bit(3)];
  const rows = cells.map((_, i) => i);
  const age = rows.map(() => 18 + draw.int(63));
  const pid = rows.map((i) => (i < 3 ? ['Dem', 'Rep', 'Ind'][i] : draw.pick(['Dem', 'Dem', 'Rep', 'Rep', 'Ind'])));
  const country = rows.map(() => draw.pick(['DE', 'FR', 'PL', 'TR']));
  const psu = rows.map((i) => 1 + Math.floor(i / 16));
  const siteCols = Object.fromEntries(Object.entries(SITES).map(([name, sizes]) => [name, sitesOf(draw.shuffle(rows), sizes)]));
  const zs = siteCols.cl4.map((s) => (s === 2 || s === 4 ? 1 : 0));
  const w = rows.map(() => Number(draw.uniform(0.3, 3).toFixed(3)));
  const fw = rows.map(() => 1 + draw.int(4));
  const pidEffect: Record<string, number> = { Dem: 0.3, Rep: -0.4, Ind: 0 };
  const siteShock = [0, 0.5, -0.3, 0.8];
  const latent = rows.map((i) => 0.4 * a[i] - 0.3 * b[i] + 0.2 * c[i] + 0.1 * d[i] + 0.3 * a[i] * b[i] - 0.25 * a[i] * b[i] * c[i] * d[i]
    + pidEffect[pid[i]] * a[i] + 0.01 * (age[i] - 45) + 0.3 * zs[i] + siteShock[siteCols.cl4[i] - 1] + draw.normal());
  const y = latent.map((v) => Number((50 + 10 * v).toFixed(2)));
  const lik7 = latent.map((v) => Math.min(7, Math.max(1, Math.round(4 + 1.2 * v))));
  const lik7b = latent.map((v) => Math.min(7, Math.max(1, Math.round(4 + v + 0.8 * draw.normal()))));
  const likl = lik7.map((v, i) => (i > 7 && draw.chance(0.03) ? null : i > 7 && draw.chance(0.06) ? "Don't know" : LIKERT[v - 1]));
  const label = (v: number[], zero: string, one: string) => v.map((x) => (x === 1 ? one : zero));
  const columns: Column[] = [
    numbers('id', rows.map((i) => i + 1), 0), numbers('a', a, 0), numbers('b', b, 0), numbers('c', c, 0), numbers('d', d, 0),
    strings('regime', label(a, 'autocracy', 'democracy')), strings('trade', label(b, 'low trade', 'high trade')),
    strings('bcd', rows.map((i) => `b${b[i]}c${c[i]}d${d[i]}`)), numbers('age', age, 0), strings('pid', pid), strings('country', country),
    numbers('psu', psu, 0), numbers('cl2', siteCols.cl2, 0), numbers('cl3', siteCols.cl3, 0), numbers('cl4', siteCols.cl4, 0), numbers('zs', zs, 0),
    numbers('w', w, 3), numbers('fw', fw, 0), numbers('y', y, 2), numbers('lik7', lik7, 0), numbers('lik7b', lik7b, 0), strings('likl', likl),
  ];
  return { columns, fw };
}

/** The compact data's rows, each repeated fw times (what a frequency weight stands for), fw itself left out. */
function replicated(columns: Column[], fw: number[]): Column[] {
  const repeat = <T>(values: T[]) => values.flatMap((v, i) => Array.from({ length: fw[i] }, () => v));
  return columns.filter((col) => col.name !== 'fw').map((col) => ({ ...col, values: repeat(col.values as unknown[]) }) as Column);
}

const FACTORIAL: FitRow[] = [
  ['full-hc2', 'y ~ a * b * c * d', 'HC2'],
  ['full-classical', 'y ~ a * b * c * d', 'classical'],
  ['factor-hc1-weighted', 'y ~ factor(a) * factor(b) * factor(c) * factor(d)', 'HC1', { weights: 'w' }],
  ['labels-cr2', 'y ~ regime * trade * c * d', 'CR2', { clusters: 'psu' }],
  ['no-four-way-cr0', 'y ~ a * b * c * d - a:b:c:d', 'CR0', { clusters: 'psu' }],
  ['two-way-stata', 'y ~ (a + b + c + d)^2', 'stata', { clusters: 'psu', weights: 'w' }],
  ['three-way-cregg', 'y ~ (a + b + c + d)^3', 'cregg', { clusters: 'psu', weights: 'w' }],
  ['by-pid-hc2', 'y ~ a * b * c * d * pid', 'HC2'],
  ['by-pid-cr2', 'y ~ a * b * c * d * pid', 'CR2', { clusters: 'psu' }],
  ['fe-hc3', 'y ~ a * b * c * d', 'HC3', { fixed_effects: '~ country' }],
  ['fe-cr2', 'y ~ a * b * c * d + age', 'CR2', { clusters: 'psu', fixed_effects: '~ country' }],
  ['likert-hc3', 'lik7 ~ a * b * c * d + age', 'HC3'],
];

const MODERATORS: FitRow[] = [
  ['centred-hc2', 'y ~ (a + b + c + d) * I(age - mean(age))', 'HC2'],
  ['scale-center-cr2', 'y ~ a * b * scale(age, scale = FALSE)', 'CR2', { clusters: 'psu' }],
  ['scale-stata-weighted', 'y ~ a * scale(age) + b + c + d', 'stata', { clusters: 'psu', weights: 'w' }],
  ['uncentred-hc2', 'y ~ (a + b + c + d) * age', 'HC2'],
  ['pid-relevel-hc2', 'y ~ a * relevel(factor(pid), ref = "Ind") + b + c + d', 'HC2'],
  ['pid-relevel-cregg', 'y ~ regime * relevel(factor(pid), ref = "Ind")', 'cregg', { clusters: 'psu', weights: 'w' }],
  ['pid-centred-age-cr2', 'y ~ a * pid + a * I(age - mean(age))', 'CR2', { clusters: 'psu', weights: 'w' }],
  ['centred-fe-hc1', 'y ~ a * I(age - 45) + b', 'HC1', { fixed_effects: '~ country', weights: 'w' }],
];

const FEW_CLUSTERS: FitRow[] = [
  ['two-cr2', 'y ~ a', 'CR2', { clusters: 'cl2' }],
  ['two-stata', 'y ~ a + age', 'stata', { clusters: 'cl2' }],
  ['two-cr0-weighted', 'y ~ a', 'CR0', { clusters: 'cl2', weights: 'w' }],
  ['three-cr2', 'y ~ a + age', 'CR2', { clusters: 'cl3' }],
  ['three-cr2-weighted', 'y ~ a * b', 'CR2', { clusters: 'cl3', weights: 'w' }],
  ['three-stata', 'y ~ a * b', 'stata', { clusters: 'cl3' }],
  ['three-cregg', 'y ~ a + b', 'cregg', { clusters: 'cl3', weights: 'w' }],
  ['four-cr2', 'y ~ a * b', 'CR2', { clusters: 'cl4' }],
  ['four-site-treatment-cr2', 'y ~ zs', 'CR2', { clusters: 'cl4' }],
  ['four-site-treatment-covariate', 'y ~ zs + a + age', 'CR2', { clusters: 'cl4', weights: 'w' }],
  ['four-site-treatment-stata', 'y ~ zs * a', 'stata', { clusters: 'cl4' }],
];

const FREQUENCY: FitRow[] = [
  ['compact-classical', 'y ~ a * b + age', 'classical', { weights: 'fw' }],
  ['compact-hc1', 'y ~ a * b + age', 'HC1', { weights: 'fw' }],
  ['compact-hc2', 'y ~ a * b + age', 'HC2', { weights: 'fw' }],
  ['compact-cr2-id', 'y ~ a * b + age', 'CR2', { weights: 'fw', clusters: 'id' }],
  ['compact-cr2-psu', 'y ~ a + b + c + d', 'CR2', { weights: 'fw', clusters: 'psu' }],
  ['compact-stata', 'y ~ a + b + c + d', 'stata', { weights: 'fw', clusters: 'psu' }],
];

const REPLICATED: FitRow[] = [
  ['replicated-classical', 'y ~ a * b + age', 'classical'],
  ['replicated-hc1', 'y ~ a * b + age', 'HC1'],
  ['replicated-hc2', 'y ~ a * b + age', 'HC2'],
  ['replicated-cr2-id', 'y ~ a * b + age', 'CR2', { clusters: 'id' }],
  ['replicated-cr2-psu', 'y ~ a + b + c + d', 'CR2', { clusters: 'psu' }],
  ['replicated-stata', 'y ~ a + b + c + d', 'stata', { clusters: 'psu' }],
];

const LIKERT_OUTCOME: FitRow[] = [
  ['coded-hc2', `as.numeric(factor(likl, levels = ${DECLARED})) ~ a * b`, 'HC2'],
  ['coded-cr2', `as.numeric(factor(likl, levels = ${DECLARED})) ~ a + b + c + d`, 'CR2', { clusters: 'psu', weights: 'w' }],
  ['declared-hc2', 'as.numeric(likl) ~ a * b', 'HC2', { levels: { likl: LIKERT } }],
  ['top-two-box', 'I(likl %in% c("Agree", "Strongly agree")) ~ a + b', 'HC2'],
  ['top-box-equals-cregg', 'as.numeric(likl == "Strongly agree") ~ regime', 'cregg', { clusters: 'psu' }],
  ['reverse-stata', 'I(8 - lik7) ~ a * b', 'stata', { clusters: 'psu', weights: 'w' }],
  ['dichotomised-cr2', 'I(lik7 >= 5) ~ a * pid', 'CR2', { clusters: 'psu' }],
  ['index-hc1', 'I((lik7 + lik7b)/2) ~ a + b + c + d', 'HC1'],
  ['index-rowmeans-hc2', 'rowMeans(cbind(lik7, lik7b)) ~ a * b', 'HC2', { fixed_effects: '~ country' }],
];

const IDIOMS: FitRow[] = [
  ['bare-comparison', 'y ~ a * (age >= 50)', 'HC2'],
  ['bare-equality', 'y ~ a + (pid == "Dem")', 'HC2'],
  ['scale-column', 'y ~ a * scale(age)[, 1]', 'HC2'],
  ['as-vector-scale', 'y ~ a * as.vector(scale(age))', 'HC2'],
  ['c-scale', 'y ~ a * c(scale(age))', 'CR2', { clusters: 'psu' }],
  ['unwrapped-centring', 'y ~ a * (age - mean(age))', 'HC2'],
  ['power-four', 'y ~ (a + b + c + d)^4', 'HC1'],
  ['interaction-cells', 'y ~ interaction(a, b, c, d)', 'HC2'],
  ['cell-means', 'y ~ 0 + interaction(regime, trade)', 'HC2', { weights: 'w' }],
  ['paste-cells', 'y ~ factor(paste(a, b, c, d))', 'stata', { clusters: 'psu' }],
  ['age-groups', 'y ~ a * cut(age, c(17, 29, 44, 64, 80))', 'HC2'],
  // One row answered 1: under HC2 or HC3 its leverage is 1, a deliberate difference (docs/analysis.md): CR2 and HC1 here.
  // Its level "sd" is the reference, so the intercept is that row's outcome: 0 by construction clustered (R: SE 2.7e-7
  // noise; vlab printed 4.7e-14 without a word until this trial, now NA and a warning: cluster-one-row-coefficient.test.ts).
  ['likert-labels', 'y ~ a * factor(lik7, levels = 1:7, labels = c("sd", "d", "swd", "n", "swa", "ag", "sa"))', 'CR2', { clusters: 'psu', zero_by_construction: ['(Intercept)'] }],
  ['likert-reversed', 'y ~ factor(lik7, levels = 7:1)', 'HC1'],
  ['likert-cut', 'y ~ a * cut(lik7, breaks = c(0, 3, 4, 7), labels = c("disagree", "neutral", "agree"))', 'HC2'],
  ['integer-top-box', 'as.integer(likl == "Agree") ~ a * b', 'HC2'],
  ['top-box-in-numeric', 'as.numeric(likl %in% c("Agree", "Strongly agree")) ~ a * b', 'CR2', { clusters: 'psu' }],
  ['coded-dichotomised', `I(as.numeric(factor(likl, levels = ${DECLARED})) >= 5) ~ a`, 'HC2'],
  ['percent', 'I(100 * (lik7 - 1)/6) ~ a + b', 'HC3', { weights: 'w' }],
  ['subset-known', 'lik7 ~ a * b', 'HC2', { subset: 'likl != "Don\'t know"' }],
  // Clustered by the cells of b, c, d, every column of a * b * c * d is a cluster's own (a and a's interactions too):
  // estimatr prints SEs of 1e-16, vlab refuses in words (R trial 37).
  ['cells-as-clusters', 'y ~ a * b * c * d', 'CR2', { clusters: 'bcd', refusal: 'every cluster of "bcd" has coefficients of its own' }],
  ['cells-as-clusters-stata', 'y ~ a + b + c + d', 'stata', { clusters: 'bcd' }],
  ['fe-two', 'y ~ a * age', 'HC2', { fixed_effects: '~ country + bcd' }],
  ['subset-in', 'y ~ a * b', 'HC2', { subset: 'pid %in% c("Dem", "Rep")' }],
  ['relevel-positional', 'y ~ relevel(factor(regime), "democracy") * trade', 'HC2'],
  ['scale-column-squared', 'y ~ a * scale(age)[, 1] + I(scale(age)[, 1]^2)', 'CR2', { clusters: 'psu' }],
  ['scale-column-unspaced', 'y ~ a*b + scale(age)[,1]', 'HC1', { weights: 'w' }],
  ['scale-column-integer', 'y ~ a + scale(age, center = TRUE, scale = TRUE)[, 1L]', 'stata', { clusters: 'psu' }],
  ['poly-column', 'y ~ a * poly(age, 2)[, 1]', 'HC2'],
  ['c-column', 'y ~ a * c(age)', 'cregg', { clusters: 'psu', weights: 'w' }],
  ['as-factor-cells', 'y ~ as.factor(a) * as.factor(b)', 'HC2'],
  ['numeric-levels-reversed', 'y ~ factor(a, levels = c(1, 0)) * b', 'HC2'],
  ['equality-number', 'y ~ a * as.numeric(pid == "Dem")', 'HC2'],
  ['four-way-only-main', 'y ~ a + b + c + d + a:b:c:d', 'HC2'],
  ['interaction-sep', 'y ~ interaction(a, b, sep = "_") + age', 'HC2'],
];

function dimCases(data: string, copies: string): DimCase[] {
  const d = (name: string, extra: Partial<DimCase>, on = data) => dim('dim-factorial-40', `${ID}-dim-${name}`, on, { treatment: 'a', ...extra });
  return [
    d('cells-blocks', { blocks: 'bcd' }),
    d('cells-blocks-weighted', { blocks: 'bcd', weights: 'w' }),
    d('cells-blocks-likert', { blocks: 'bcd', outcome: 'lik7' }),
    d('labels-reversed', { treatment: 'regime', condition1: 'democracy', condition2: 'autocracy', blocks: 'bcd' }),
    d('site-clusters', { treatment: 'zs', clusters: 'cl4' }),
    d('site-clusters-weighted', { treatment: 'zs', clusters: 'cl4', weights: 'w' }),
    d('frequency-weights', { weights: 'fw' }),
    d('frequency-replicated', {}, copies),
    d('frequency-weights-blocks', { blocks: 'bcd', weights: 'fw' }),
    d('frequency-replicated-blocks', { blocks: 'bcd' }, copies),
  ];
}

const power = (name: string, input: Omit<PowerCase, 'kind' | 'id' | 'group'>): PowerCase => ({ kind: 'power', id: `${ID}-power-${name}`, group: 'power-40', ...input });

const POWER: PowerCase[] = [
  power('main-effect-power', { solve: 'power', effect: 2.5, sd: 10, n: 160, alpha: 0.05 }),
  power('main-effect-mde-80', { solve: 'effect', sd: 10, n: 160, power: 0.8, alpha: 0.05 }),
  power('main-effect-mde-90', { solve: 'effect', sd: 10, n: 160, power: 0.9, alpha: 0.05 }),
  power('cell-contrast-power', { solve: 'power', effect: 5, sd: 10, n: 20, alpha: 0.05 }),
  power('cell-contrast-n', { solve: 'n', effect: 5, sd: 10, power: 0.8, alpha: 0.05 }),
  power('unequal-arms', { solve: 'power', effect: 0.3, sd: 1, n: 80, n2: 240, alpha: 0.05, strict: true }),
];

function rakeCases(data: string): RakeCase[] {
  const rake = (name: string, margins: RakeCase['margins'], base?: string): RakeCase => ({
    kind: 'rake', id: `${ID}-rake-${name}`, group: 'frequency-weights-40', data, margins, ...(base ? { base_weights: base } : {}),
  });
  const margins = { pid: { Dem: 0.35, Rep: 0.35, Ind: 0.3 }, country: { DE: 0.3, FR: 0.25, PL: 0.2, TR: 0.25 } };
  return [rake('frequency-base', margins, 'fw')];
}

/** The stored cases of the fortieth trial. */
export function trial40Designs(): Built {
  const data = `${ID}-data`;
  const copies = `${ID}-replicated`;
  const { columns, fw } = trialData(new Draw(SEED));
  const fits = (group: FitCase['group'], prefix: string, list: FitRow[], on = data) => fitRows(group, `${ID}-${prefix}`, on, list);
  return {
    data: [{ id: data, columns }, { id: copies, columns: replicated(columns, fw) }],
    cases: [
      ...fits('factorial-40', 'factorial', FACTORIAL),
      ...fits('factorial-moderators-40', 'moderators', MODERATORS),
      ...fits('few-clusters-40', 'few-clusters', FEW_CLUSTERS),
      ...fits('frequency-weights-40', 'frequency', FREQUENCY),
      ...fits('frequency-weights-40', 'frequency', REPLICATED, copies),
      ...fits('likert-outcome-40', 'likert', LIKERT_OUTCOME),
      ...fits('analyst-idioms-40', 'idioms', IDIOMS),
      ...dimCases(data, copies),
      ...POWER,
      ...rakeCases(data),
      ...drawnCases(new Draw(RANDOM_SEED), 30),
      ...drawnIdioms(new Draw(IDIOM_SEED), 20),
    ],
  };
}

/** `count` drawn fits of these columns (seed 40_100_002): the factorial's terms, moderators, few clusters, integer weights. */
function drawnCases(draw: Draw, count: number): FitCase[] {
  return drawnFits(draw, count, 'trial40-random', (k) => `${ID}-random-${k}`, `${ID}-data`, {
    outcomes: ['y', 'lik7', 'I(lik7 >= 5)', `as.numeric(factor(likl, levels = ${DECLARED}))`],
    terms: ['a', 'b', 'c:d', 'a:b:c', 'regime', 'pid', 'age', 'I(age - mean(age))', 'a:pid', 'zs'],
    weights: [undefined, 'w', 'fw'],
    types: ['classical', 'HC0', 'HC1', 'HC2', 'HC3', 'CR0', 'stata', 'CR2', 'cregg'],
    clusterings: ['psu', 'cl2', 'cl3', 'cl4'],
    fixedEffects: ['~ country', '~ bcd'],
    subsets: ['age > 30', 'pid != "Ind"', 'country != "TR"', 'id > 20'],
  });
}

/** `count` drawn fits of the idioms vlab computes since this trial (seed 40_100_003), with weights, clusters, fixed effects and subsets. */
function drawnIdioms(draw: Draw, count: number): FitCase[] {
  return drawnFits(draw, count, 'analyst-idioms-40', (k) => `${ID}-idioms-random-${k}`, `${ID}-data`, {
    outcomes: ['y', 'lik7', 'c(y)', 'as.vector(lik7)'],
    terms: ['a', 'b:c', 'scale(age)[, 1]', 'a:scale(age)[, 1]', 'poly(age, 2)[, 2]', 'c(scale(age))', 'as.vector(pid)', 'a:c(factor(pid))', 'as.vector(scale(age, scale = FALSE))'],
    weights: [undefined, 'w', 'fw'],
    types: ['classical', 'HC1', 'HC2', 'HC3', 'CR0', 'stata', 'CR2', 'cregg'],
    clusterings: ['psu', 'cl3', 'cl4'],
    fixedEffects: ['~ country', '~ bcd'],
    subsets: ['age > 30', 'pid != "Ind"', 'likl != "Don\'t know"'],
  });
}
