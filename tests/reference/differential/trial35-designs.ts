// The thirty-fifth R trial's classes (task rtrial35, 2026-12-06): combinations no earlier trial stored, drawn from stated
// seeds (Draw(35_100_000) for the data, Draw(35_100_001) for the p-values, Draw(35_100_002) for the drawn fits,
// Draw(35_100_003) for the drawn fits of fe-together-35), fitted
// by R and stored in expected.json.gz (refit: write-inputs.ts, then differential.R; only new cases are refitted). What
// each class stresses:
// - ordered-fe-35: ordered factors (polynomial contrasts) beside fixed effects, weights and clusters, an ordered factor ×
//   numeric and × factor with an empty cell, under HC, CR0, CR2, stata and cregg.
// - rake-fe-35: survey::rake's weights followed by a fit with fixed effects (HC1, HC2, HC3, CR0, stata), from base
//   weights with and without zeros, with an ordered moderator.
// - cluster-rows-35: clusters equal to rows (one row a cluster) under CR0, CR2, stata and cregg, weighted, with fixed
//   effects, a missing outcome and an empty cell.
// - tiny-n-35: n = p + 1 and p + 2 rows (by subset) under classical, HC0, HC1, CR0 and stata with three clusters.
// - equal-weights-fe-35: every weight 2.5 with fixed effects and clusters (estimatr still refuses weighted CR2 there).
// - missing-all-35: NA in the outcome, a covariate, the weights, the clusters and the fixed effect at once.
// - dim-35: difference_in_means with blocks equal to clusters' pairs, equal weights, reversed conditions on text arms
//   and a missing arm label.
// - fe-together-35: terms collinear with the fixed effects only together where the demeaned norms decide (a column
//   beside a rescaling of it, poly(x, 2) beside I(x^2)) under every se type, weighted, clustered, with two fixed
//   effects: vlab follows estimatr's pivoted QR since this trial. Where two norms tie it declines: x beside I(x - 5), and
//   the cells of a two-factor interaction without main effects, which sum to the constant with coefficients 1, so that
//   the last two cells the QR meets always have equal norms and rounding picks the one left out.
//   24 drawn fits of such pairs (seed 35_100_003) beside other terms, fixed effects, weights and clusters.
// - p-adjust-35: hommel, hochberg and BY at ties among drawn values, with n above the count.
// - trial35-random: 30 drawn fits of these columns (seed 35_100_002).
import { dim, drawnFits, drawnTogetherFits, fitRows, numbers, strings, type FitRow } from './case-builders.ts';
import type { DataSet, DimCase, FitCase, PAdjustCase } from './case-types.ts';
import { Draw, type Column } from './random-data.ts';

interface Built {
  data: DataSet[];
  cases: (FitCase | DimCase | PAdjustCase)[];
}

const SEED = 35_100_000;
const P_SEED = 35_100_001;
const RANDOM_SEED = 35_100_002;
const TOGETHER_SEED = 35_100_003;
const ID = 't35';
const N = 240;

/**
 * 240 rows: id; x (0–10, one decimal), xna (x with ~5 % NA), u (normal), z (0/1); m (a/b/c); o (low/mid/high/top, read
 * as ordered), e (e1–e5, never e5 with m = "c": an empty cell); arm (A/B/C, ~3 % NA); w (0.2–3), w0 (w with ~15 %
 * zeros), weq (2.5 everywhere), wna (w, ~4 % NA); fe (6 groups of 40), fena (fe with ~4 % NA); cl (40 clusters of 6),
 * cl3 (3 clusters of 60, 80, 100), clna (cl, ~4 % NA); pr (pairs of consecutive rows); sex, age (rake margins); y, yna.
 */
function trialData(draw: Draw): Column[] {
  const rows = Array.from({ length: N }, (_, i) => i);
  const x = rows.map(() => Number(draw.uniform(0, 10).toFixed(1)));
  const xna = x.map((v, i) => (i > 6 && draw.chance(0.05) ? null : v));
  const u = rows.map(() => Number(draw.normal().toFixed(2)));
  const z = rows.map((i) => (i < 2 ? i : draw.chance(0.5) ? 1 : 0));
  const m = rows.map((i) => ['a', 'b', 'c'][i < 3 ? i : draw.int(3)]);
  const o = rows.map((i) => ['low', 'mid', 'high', 'top'][i < 4 ? i : draw.int(4)]);
  const e = rows.map((i) => {
    const level = i < 5 ? i : draw.int(5);
    return `e${m[i] === 'c' && level === 4 ? 1 + draw.int(4) : level + 1}`;
  });
  const arm = rows.map((i) => (i > 8 && draw.chance(0.03) ? null : ['A', 'B', 'C'][i < 3 ? i : draw.int(3)]));
  const w = rows.map(() => Number(draw.uniform(0.2, 3).toFixed(3)));
  const w0 = w.map((v, i) => (i > 3 && draw.chance(0.15) ? 0 : v));
  const weq = rows.map(() => 2.5);
  const wna = w.map((v, i) => (i > 6 && draw.chance(0.04) ? null : v));
  const fe = rows.map((i) => `g${1 + Math.floor(i / 40)}`);
  const fena = fe.map((v, i) => (i > 6 && draw.chance(0.04) ? null : v));
  const cl = rows.map((i) => 1 + Math.floor(i / 6));
  const cl3 = rows.map((i) => (i < 60 ? 1 : i < 140 ? 2 : 3));
  const clna = cl.map((v, i) => (i > 6 && draw.chance(0.04) ? null : v));
  const pr = rows.map((i) => 1 + Math.floor(i / 2));
  const sex = rows.map(() => (draw.chance(0.45) ? 'male' : 'female'));
  const age = rows.map(() => draw.pick(['18-34', '35-54', '55+', '55+']));
  const mEffect: Record<string, number> = { a: 0, b: 0.3, c: -0.2 };
  const oEffect: Record<string, number> = { low: 0, mid: 0.2, high: 0.5, top: 0.6 };
  const eEffect: Record<string, number> = { e1: 0, e2: 0.1, e3: -0.3, e4: 0.2, e5: 0.4 };
  const feEffect = Array.from({ length: 6 }, () => draw.normal());
  const shock = Array.from({ length: 40 }, () => 0.4 * draw.normal());
  const y = rows.map((i) =>
    Number((1 + 0.1 * x[i] + 0.4 * z[i] + mEffect[m[i]] + oEffect[o[i]] + eEffect[e[i]] + 0.05 * x[i] * oEffect[o[i]] + (sex[i] === 'male' ? 0.2 : 0) +
      0.2 * u[i] + feEffect[Math.floor(i / 40)] + shock[cl[i] - 1] + draw.normal()).toFixed(4)));
  const yna = y.map((v, i) => (i > 6 && draw.chance(0.05) ? null : v));
  return [
    numbers('id', rows.map((i) => i + 1), 0), numbers('x', x, 1), numbers('xna', xna, 1), numbers('u', u, 2), numbers('z', z, 0),
    strings('m', m), strings('o', o), strings('e', e), strings('arm', arm),
    numbers('w', w, 3), numbers('w0', w0, 3), numbers('weq', weq, 1), numbers('wna', wna, 3),
    strings('fe', fe), strings('fena', fena), numbers('cl', cl, 0), numbers('cl3', cl3, 0), numbers('clna', clna, 0), numbers('pr', pr, 0),
    strings('sex', sex), strings('age', age), numbers('y', y, 4), numbers('yna', yna, 4),
  ];
}

const ORD = 'ordered(o, levels = c("low", "mid", "high", "top"))';

const ORDERED_FE: FitRow[] = [
  ['hc2', `y ~ ${ORD} + x`, 'HC2', { fixed_effects: '~ fe' }],
  ['weighted-hc1', `y ~ ${ORD} + z`, 'HC1', { fixed_effects: '~ fe', weights: 'w' }],
  ['by-numeric-hc3', `y ~ ${ORD} * x`, 'HC3', { fixed_effects: '~ fe' }],
  ['by-numeric-cr2', `y ~ ${ORD} * x`, 'CR2', { fixed_effects: '~ fe', clusters: 'cl' }],
  ['by-factor-cr0-weighted', `y ~ ${ORD} * m`, 'CR0', { fixed_effects: '~ fe', clusters: 'cl', weights: 'w0' }],
  ['by-factor-stata', `y ~ ${ORD} * m`, 'stata', { fixed_effects: '~ fe', clusters: 'cl3' }],
  ['empty-cell-hc2', `y ~ ${ORD} + e * m`, 'HC2', { fixed_effects: '~ fe' }],
  ['empty-cell-cr2', 'y ~ as.ordered(e) * m', 'CR2', { clusters: 'cl' }],
  ['empty-cell-fe-cr2', 'y ~ as.ordered(e) * m', 'CR2', { clusters: 'cl', fixed_effects: '~ fe' }],
  ['ordered-fe-column', 'y ~ x + z', 'HC2', { fixed_effects: `~ ${ORD}` }],
  ['cregg', `y ~ ${ORD} * z`, 'cregg', { clusters: 'cl', weights: 'w' }],
  ['cregg-empty-cell', 'y ~ as.ordered(e) * m', 'cregg', { clusters: 'cl' }],
  ['two-fe', `y ~ ${ORD} * z`, 'HC2', { fixed_effects: '~ fe + m' }],
  ['subset-drops-level', `y ~ ${ORD} + x`, 'HC2', { fixed_effects: '~ fe', subset: 'o != "top"' }],
];

const SEX = { male: 0.49, female: 0.51 };
const AGE = { '18-34': 0.3, '35-54': 0.34, '55+': 0.36 };
const RAKE = { rake_margins: { sex: SEX, age: AGE } };

const RAKE_FE: FitRow[] = [
  ['hc2', 'y ~ z * x', 'HC2', { ...RAKE, fixed_effects: '~ fe' }],
  ['hc1', 'y ~ z + m', 'HC1', { ...RAKE, fixed_effects: '~ fe' }],
  ['hc3-two', 'y ~ z * x', 'HC3', { ...RAKE, fixed_effects: '~ fe + m' }],
  ['cr0', 'y ~ z * m', 'CR0', { ...RAKE, fixed_effects: '~ fe', clusters: 'cl' }],
  ['stata', 'y ~ z + x', 'stata', { ...RAKE, fixed_effects: '~ fe', clusters: 'cl3' }],
  ['base-weights-hc2', 'y ~ z * m', 'HC2', { ...RAKE, fixed_effects: '~ fe', weights: 'w' }],
  ['base-zeros-cr0', 'y ~ z * x', 'CR0', { ...RAKE, fixed_effects: '~ fe', weights: 'w0', clusters: 'cl' }],
  ['ordered-moderator', `y ~ z * ${ORD}`, 'HC2', { ...RAKE, fixed_effects: '~ fe' }],
  ['missing-outcome', 'yna ~ z * x', 'stata', { ...RAKE, fixed_effects: '~ fe', clusters: 'cl' }],
  ['sex-fe', 'y ~ z * x', 'HC2', { ...RAKE, fixed_effects: '~ sex' }],
];

const CLUSTER_ROWS: FitRow[] = [
  ['cr0', 'y ~ z * m', 'CR0', { clusters: 'id' }],
  ['cr2', 'y ~ z * m', 'CR2', { clusters: 'id' }],
  ['stata', 'y ~ z * x', 'stata', { clusters: 'id' }],
  ['cr2-weighted', 'y ~ z + x + m', 'CR2', { clusters: 'id', weights: 'w' }],
  ['cr2-zeros', 'y ~ z + x + m', 'CR2', { clusters: 'id', weights: 'w0' }],
  ['cr0-fe-weighted', 'y ~ z * x', 'CR0', { clusters: 'id', weights: 'w', fixed_effects: '~ fe' }],
  ['cr2-fe', 'y ~ z * x', 'CR2', { clusters: 'id', fixed_effects: '~ fe', fe_reference: true }],
  ['stata-fe', 'y ~ z + m', 'stata', { clusters: 'id', fixed_effects: '~ fe' }],
  ['cr2-missing', 'yna ~ z * m', 'CR2', { clusters: 'id' }],
  ['cr2-empty-cell', 'y ~ e * m', 'CR2', { clusters: 'id' }],
  ['cregg', 'y ~ z * m', 'cregg', { clusters: 'id' }],
  ['cregg-weighted', 'y ~ z * x', 'cregg', { clusters: 'id', weights: 'w' }],
  ['pairs-cr2', 'y ~ z * x', 'CR2', { clusters: 'pr' }],
  ['pairs-cr2-fe', 'y ~ z * x', 'CR2', { clusters: 'pr', fixed_effects: '~ fe', fe_reference: true }],
];

/** n = p + 1 and p + 2 rows by subset (p coefficients), and three clusters. */
const TINY_N: FitRow[] = [
  ['p1-classical', 'y ~ x + u + z', 'classical', { subset: 'id <= 5' }],
  ['p1-hc0', 'y ~ x + u + z', 'HC0', { subset: 'id <= 5' }],
  ['p1-hc1', 'y ~ x + u + z', 'HC1', { subset: 'id <= 5' }],
  ['p2-hc2', 'y ~ x + u + z', 'HC2', { subset: 'id <= 6' }],
  ['p2-hc3', 'y ~ x + u', 'HC3', { subset: 'id <= 5' }],
  ['p1-weighted-hc1', 'y ~ x + u', 'HC1', { subset: 'id <= 4', weights: 'w' }],
  // The five rows are all in cl3's first cluster: R's SEs are roundoff (1e-16), vlab refuses one cluster in words.
  ['one-cluster-cr0', 'y ~ x + u + z', 'CR0', { subset: 'id <= 5', clusters: 'cl3', refusal: 'at least two clusters' }],
  ['p1-cr0', 'y ~ x + u + z', 'CR0', { subset: 'id <= 5', clusters: 'pr' }],
  ['p2-stata', 'y ~ x + z', 'stata', { subset: 'id <= 5', clusters: 'id' }],
  ['p2-factor-hc1', 'y ~ m + x', 'HC1', { subset: 'id <= 5' }],
  ['p2-fe-hc1', 'y ~ x', 'HC1', { subset: 'id <= 83 & id >= 78', fixed_effects: '~ fe' }],
];

const EQUAL_WEIGHTS_FE: FitRow[] = [
  ['hc2', 'y ~ z * x', 'HC2', { weights: 'weq', fixed_effects: '~ fe' }],
  // Not y ~ z + m with ~ fe + m: m in the formula and in the fixed effects, estimatr's two-way sweeps stop at 1e-8 and
  // keep mb (-6.6e9, SE 1.3e26; z's SE 7.2e6 where lm with the dummies and sandwich give 0.161, as vlab), weighted or
  // not: the residue docs/analysis.md describes under Fixed effects.
  ['hc3', 'y ~ z + x', 'HC3', { weights: 'weq', fixed_effects: '~ fe + m' }],
  ['cr0', 'y ~ z * m', 'CR0', { weights: 'weq', fixed_effects: '~ fe', clusters: 'cl' }],
  ['stata', 'y ~ z * x', 'stata', { weights: 'weq', fixed_effects: '~ fe', clusters: 'cl' }],
  ['cr2-dummies', 'y ~ z * x + fe', 'CR2', { weights: 'weq', clusters: 'cl' }],
  ['cregg', `y ~ z * ${ORD}`, 'cregg', { weights: 'weq', clusters: 'cl' }],
];

const MISSING_ALL: FitRow[] = [
  ['hc2', 'yna ~ xna + z', 'HC2', { weights: 'wna', fixed_effects: '~ fena' }],
  ['cr0', 'yna ~ xna * z', 'CR0', { weights: 'wna', fixed_effects: '~ fena', clusters: 'clna' }],
  ['stata', 'yna ~ xna + m', 'stata', { weights: 'wna', fixed_effects: '~ fena', clusters: 'clna' }],
  ['cr2', 'yna ~ xna * m', 'CR2', { fixed_effects: '~ fena', clusters: 'clna' }],
  ['cr2-weighted-dummies', 'yna ~ xna * m + fena', 'CR2', { weights: 'wna', clusters: 'clna' }],
  ['cregg', 'yna ~ xna * m', 'cregg', { weights: 'wna', clusters: 'clna' }],
  ['arm-na-hc2', 'yna ~ arm * xna', 'HC2', { weights: 'wna' }],
  ['subset', 'yna ~ xna * m', 'CR2', { clusters: 'clna', subset: 'u > -1' }],
];

const TIE = 'collinear with the fixed effects together';
const TIE_NOTE = 'the columns are dependent only with the constant the fixed effects absorb with coefficients of equal size (cells summing to it, x and x - 5), so two demeaned norms tie: estimatr leaves out the one rounding picks, which vlab does not reproduce and declines in words';
const tie: Partial<FitCase> = { declined: TIE, note: TIE_NOTE };

const FE_TOGETHER: FitRow[] = [
  ['affine-hc0', 'y ~ x + I(2 * x + 3)', 'HC0', { fixed_effects: '~ fe' }],
  ['affine-hc3-weighted', 'y ~ z + I(x / 3 + 1) + x', 'HC3', { fixed_effects: '~ fe', weights: 'w' }],
  ['affine-cr2', 'y ~ x + I(2 * x + 3) + z', 'CR2', { fixed_effects: '~ fe', clusters: 'cl' }],
  ['affine-stata-zeros', 'y ~ x + I(2 * x + 3)', 'stata', { fixed_effects: '~ fe', clusters: 'cl', weights: 'w0' }],
  ['affine-two-fe', 'y ~ x + I(0.5 * x - 1) + z', 'HC1', { fixed_effects: '~ fe + m' }],
  ['scale-first-hc2', 'y ~ scale(x) + x + z', 'HC2', { fixed_effects: '~ fe' }],
  ['scale-classical-missing', 'yna ~ xna + scale(xna, center = FALSE) + z', 'classical', { fixed_effects: '~ fe' }],
  ['log-affine-cr0', 'y ~ log1p(x) + I(3 * log1p(x) - 2) + m', 'CR0', { fixed_effects: '~ fe', clusters: 'cl3' }],
  ['poly-square-hc2', 'y ~ I(x^2) + poly(x, 2) + z', 'HC2', { fixed_effects: '~ fe' }],
  ['poly-first-cr2', 'y ~ poly(x, 2) + I(x^2)', 'CR2', { fixed_effects: '~ fe', clusters: 'cl' }],
  ['poly-weighted-hc1', 'y ~ z + poly(x, 2) + I(x^2) + x', 'HC1', { fixed_effects: '~ fe', weights: 'w' }],
  ['cells-m-o-hc2', 'y ~ m:o + x', 'HC2', { fixed_effects: '~ fe' , ...tie }],
  ['cells-m-z-hc1-weighted', 'y ~ m:z + x', 'HC1', { fixed_effects: '~ fe', weights: 'w' }],
  ['cells-m-o-cr2', 'y ~ x + m:o', 'CR2', { fixed_effects: '~ fe', clusters: 'cl' , ...tie }],
  ['cells-m-sex-stata', 'y ~ m:sex + u', 'stata', { fixed_effects: '~ fe', clusters: 'cl3', weights: 'w' , ...tie }],
  ['cells-two-fe', 'y ~ m:o + x', 'HC3', { fixed_effects: '~ fe + sex' , ...tie }],
  ['cells-missing-fe', 'yna ~ m:z + xna', 'HC2', { fixed_effects: '~ fena', weights: 'wna' }],
  ['cells-e-m', 'y ~ e:m + x', 'HC2', { fixed_effects: '~ fe', ...tie }],
  ['shift-cr0', 'y ~ x + I(x - 5) + z', 'CR0', { fixed_effects: '~ fe', clusters: 'cl', ...tie }],
];

/**
 * `count` drawn fits (seed 35_100_003) of a column beside an affine transform of it (a slope of size other than 1, so
 * that the demeaned norms differ), scale(x) or poly(x, 2) beside I(x^2), with zero to two other terms, fixed effects
 * (one, two, or one with NA), an se type, weights on some (never with CR2, which estimatr refuses with fixed effects):
 * every one collinear with the fixed effects only together and decided by the norms.
 */
/**
 * Drawn fit 4 has two fixed effects (fe + sex) and sex in the formula too: estimatr keeps sexmale (collinear with sex
 * alone, a residue of the sweeps with a huge SE): vlab declines in words. Drawn fit 11 (fe + sex) was declined until R
 * trial 36: vlab swept each column to its own stop, which left the demeaned columns dependent only up to a residue, and
 * its QR kept every column where estimatr's left out poly(x, 2)1; estimatr sweeps all the columns together (the same
 * number of sweeps each), as vlab now does, and 11 equals it.
 */
const RESIDUE_DRAWN = new Set([4]);
const residue: Partial<FitCase> = { declined: TIE, note: 'two fixed effects: the demeaned columns are dependent only up to the sweeps\' 1e-8 residue, so rounding decides what estimatr leaves out; vlab declines in words' };

function drawnTogether(draw: Draw, count: number): FitCase[] {
  return drawnTogetherFits(draw, count, 'fe-together-35', (k) => `${ID}-fe-together-drawn-${k}`, `${ID}-data`, {
    pairs: ['x + I(2 * x + 1)', 'I(-1.5 * x + 4) + x', 'x + I(0.25 * x - 3)', 'scale(x) + x', 'x + scale(x)', 'I(x^2) + poly(x, 2)', 'log1p(x) + I(3 * log1p(x) + 2)', 'u + I(-3 * u + 1)'],
    others: ['z', 'm', 'u', 'z:x', 'sex', ORD],
    types: ['classical', 'HC0', 'HC1', 'HC2', 'HC3', 'CR0', 'stata', 'CR2'],
    fixedEffects: ['~ fe', '~ fe + sex', '~ fena'],
    weights: [undefined, 'w', 'w0'],
    clusterings: ['cl', 'cl3', 'id'],
  }, (k) => (RESIDUE_DRAWN.has(k) ? residue : {}));
}

function dimCases(): DimCase[] {
  const d = (name: string, extra: Partial<DimCase>) => dim('dim-35', `${ID}-dim-${name}`, `${ID}-data`, extra);
  return [
    d('equal-weights', { weights: 'weq' }),
    d('equal-weights-clusters', { weights: 'weq', clusters: 'cl' }),
    d('equal-weights-blocks', { weights: 'weq', blocks: 'fe' }),
    d('arms-ba', { treatment: 'arm', condition1: 'B', condition2: 'A' }),
    d('arms-ca-weights', { treatment: 'arm', condition1: 'C', condition2: 'A', weights: 'w' }),
    d('arms-bc-blocks', { treatment: 'arm', condition1: 'B', condition2: 'C', blocks: 'fe' }),
    d('arms-ab-missing', { treatment: 'arm', outcome: 'yna', condition1: 'A', condition2: 'B', blocks: 'fe', weights: 'w0' }),
    d('cluster-rows', { clusters: 'id' }),
    d('cluster-rows-weights', { clusters: 'id', weights: 'w' }),
    d('blocks-m-missing', { outcome: 'yna', blocks: 'm' }),
    d('subset-ordered', { blocks: 'fe', subset: 'o != "low"' }),
  ];
}

/** hommel, hochberg and BY (and holm, BH) at ties among drawn values, with n above the count. */
function pAdjustCases(draw: Draw): PAdjustCase[] {
  const pa = (name: string, values: number[], method: PAdjustCase['method'], n?: number): PAdjustCase => ({
    kind: 'p_adjust', id: `${ID}-p-adjust-${name}`, group: 'p-adjust-35', p: values, method, ...(n === undefined ? {} : { n }),
  });
  const pool = Array.from({ length: 5 }, () => Number(draw.uniform(0, 0.2).toFixed(3)));
  const tied = Array.from({ length: 15 }, () => draw.pick(pool));
  const methods: PAdjustCase['method'][] = ['hommel', 'hochberg', 'BY', 'holm', 'BH'];
  return [
    ...methods.map((m) => pa(`tied-${m}`, tied, m)),
    ...methods.map((m) => pa(`tied-n-40-${m}`, tied, m, 40)),
    pa('pairs-hommel', [0.01, 0.01, 0.04, 0.04, 0.05, 0.05], 'hommel'),
    pa('pairs-hochberg', [0.01, 0.01, 0.04, 0.04, 0.05, 0.05], 'hochberg'),
    pa('pairs-by', [0.01, 0.01, 0.04, 0.04, 0.05, 0.05], 'BY', 9),
  ];
}

/** The stored cases of the thirty-fifth trial. */
export function trial35Designs(): Built {
  const data = `${ID}-data`;
  const fits = (group: FitCase['group'], prefix: string, list: FitRow[]) => fitRows(group, `${ID}-${prefix}`, data, list);
  return {
    data: [{ id: data, columns: trialData(new Draw(SEED)) }],
    cases: [
      ...fits('ordered-fe-35', 'ordered-fe', ORDERED_FE),
      ...fits('rake-fe-35', 'rake-fe', RAKE_FE),
      ...fits('cluster-rows-35', 'cluster-rows', CLUSTER_ROWS),
      ...fits('tiny-n-35', 'tiny-n', TINY_N),
      ...fits('equal-weights-fe-35', 'equal-weights-fe', EQUAL_WEIGHTS_FE),
      ...fits('missing-all-35', 'missing-all', MISSING_ALL),
      ...fits('fe-together-35', 'fe-together', FE_TOGETHER),
      ...drawnTogether(new Draw(TOGETHER_SEED), 24),
      ...dimCases(),
      ...pAdjustCases(new Draw(P_SEED)),
      ...drawnCases(new Draw(RANDOM_SEED), 30),
    ],
  };
}

/**
 * Drawn fits 15 and 20 have e:m without main effects beside a fixed effect: the fourteen non-empty cells' dummies sum to
 * the constant the fixed effect absorbs, so the last two cells the pivoted QR meets have equal norms and rounding picks
 * the cell estimatr leaves out (vlab's QR matched it on 15 and not on 20 when let through): declined in words.
 */
const DECLINED_DRAWN = new Set([15, 20]);
const TOGETHER = 'collinear with the fixed effects together';
const TOGETHER_NOTE = 'the e:m cells sum to the constant the fixed effect absorbs, so the last two cells the QR meets tie: estimatr leaves out the cell rounding picks, which vlab does not reproduce and declines in words';

/**
 * `count` drawn fits of these columns (seed 35_100_002): an outcome (plain or with NA), two to four terms, weights (plain,
 * zeros, equal, with NA, or none), an se type with clusters among rows, pairs, 3, 40 or 40 with NA, fixed effects on
 * some (never with weighted CR2, which estimatr refuses, nor with cregg), a subset on some (never with cregg).
 */
function drawnCases(draw: Draw, count: number): FitCase[] {
  const declined = (k: number): Partial<FitCase> => (DECLINED_DRAWN.has(k) ? { declined: TOGETHER, note: TOGETHER_NOTE } : {});
  return drawnFits(draw, count, 'trial35-random', (k) => `${ID}-random-${k}`, `${ID}-data`, {
    outcomes: ['y', 'yna'],
    terms: ['x', 'z', 'm', ORD, 'e', 'u', 'm:x', `${ORD}:z`, 'e:m', 'xna', 'arm'],
    weights: [undefined, 'w', 'w0', 'weq', 'wna'],
    types: ['classical', 'HC0', 'HC1', 'HC2', 'HC3', 'CR0', 'stata', 'CR2', 'cregg'],
    clusterings: ['id', 'pr', 'cl3', 'cl', 'clna'],
    fixedEffects: ['~ fe', '~ fena'],
    subsets: ['x > 1', 'm != "b"', 'u < 1.5', 'id > 20'],
  }, declined);
}
