// The twenty-seventh R trial's classes (task rtrial27, 2026-12-05): inputs no earlier trial stored, drawn from stated
// seeds (Draw(27_100_000) for the data, Draw(27_100_001) for the p-values), fitted by estimatr and stored in
// expected.json.gz (refit: write-inputs.ts, then differential.R; only new cases are refitted). What each class stresses:
// - unused-levels-27: a factor declared with a level no row has (levels option, factor(levels =) in the formula, the
//   unused level first or as relevel()'s reference) crossed with a numeric, under HC2, CR2 weighted, stata, cregg.
// - outcome-transforms-27: the outcome transformed on the left: log() and sqrt() of an outcome with negative values
//   (R's NaN rows left out), log() of an exact 0 (-Inf: lm stops, lm_robust gives NaN, vlab refuses in words), log1p,
//   I(y^2), scale(), abs(), exp(), I(y > 1).
// - cluster-na-27: a text cluster column with NA in some rows and six singleton clusters, beside weights with zeros,
//   under CR2, CR0, stata, cregg, with a fixed effect, and in difference_in_means.
// - fe-two-27: two fixed effects (g, h) with zero weights, a factor × numeric interaction, declared unused levels,
//   under HC2, HC3, HC1, CR0, stata and CR2 (unweighted, as estimatr allows).
// - p-adjust-27: hommel, BY, hochberg and BH of drawn vectors with NA at the ends and among ties, and with R's n.
// - trial27-random: 40 drawn fits (Draw(27_100_002)) mixing these: an outcome (plain, transformed, TRUE/FALSE), two to
//   four terms, every se type, clusters with or without NA, weights with or without zeros, a fixed effect or two, and
//   the unused level declared on some.
import type { SeType } from '../../../analysis/index.ts';
import type { DataSet, DimCase, FitCase, PAdjustCase } from './case-types.ts';
import { dim, fit, numbers, strings } from './case-builders.ts';
import { Draw, type Column } from './random-data.ts';

interface Built {
  data: DataSet[];
  cases: (FitCase | DimCase | PAdjustCase)[];
}

const SEED = 27_100_000;
const P_SEED = 27_100_001;
const RANDOM_SEED = 27_100_002;
const ID = 't27';
const ROWS = 120;

/**
 * 120 rows: clusters cl of 5 for the first 114 rows and six singletons after them; clna = cl as text with NA in rows
 * i % 17 = 4; blocks bl of 4 clusters; z (0/1 by row), zc (0/1 by cluster); m (a/b/c; "d" declared only); x (0.1–5);
 * fixed effects g (6 levels) and h (4); y (some values below 0 and below -1), y0 (y with exact zeros in rows
 * i % 23 = 7); weights w (0.2–3) and wz (w with zeros in rows i % 9 = 2).
 */
function trialData(draw: Draw): Column[] {
  const rows = Array.from({ length: ROWS }, (_, i) => i);
  const cl = rows.map((i) => (i < 114 ? 1 + Math.floor(i / 5) : 24 + (i - 114)));
  const clna = cl.map((c, i) => (i % 17 === 4 ? null : `k${String(c).padStart(2, '0')}`));
  const bl = cl.map((c) => 1 + Math.floor((c - 1) / 4));
  const zc = cl.map((c) => (c % 2 === 0 ? 1 : 0));
  const z = rows.map((i) => (i < 2 ? i : draw.chance(0.5) ? 1 : 0));
  const m = rows.map((i) => ['a', 'b', 'c'][i < 3 ? i : draw.int(3)]);
  const x = rows.map(() => Number(draw.uniform(0.1, 5).toFixed(1)));
  const g = rows.map((i) => `g${i < 6 ? i : draw.int(6)}`);
  const h = rows.map((i) => `h${i < 4 ? i : draw.int(4)}`);
  const w = rows.map(() => Number(draw.uniform(0.2, 3).toFixed(3)));
  const wz = w.map((v, i) => (i % 9 === 2 ? 0 : v));
  const shock = Array.from({ length: 31 }, () => 0.6 * draw.normal());
  const effect: Record<string, number> = { a: 0.1, b: 0.4, c: -0.3 };
  const y = rows.map((i) => Number((0.8 + 0.25 * x[i] + effect[m[i]] * x[i] + 0.5 * z[i] + 0.3 * zc[i] + shock[cl[i]] + draw.normal()).toFixed(4)));
  const y0 = y.map((v, i) => (i % 23 === 7 ? 0 : Math.abs(v)));
  return [numbers('y', y, 4), numbers('y0', y0, 4), numbers('z', z, 0), numbers('zc', zc, 0), strings('m', m), numbers('x', x, 1),
    strings('g', g), strings('h', h), numbers('w', w, 3), numbers('wz', wz, 3), numbers('cl', cl, 0), strings('clna', clna), numbers('bl', bl, 0)];
}

const ABCD = { m: ['a', 'b', 'c', 'd'] };
const UNUSED_LEVELS: [string, string, SeType, Partial<FitCase>?][] = [
  ['declared', 'y ~ m * x', 'HC2', { levels: ABCD }],
  ['declared-cr2', 'y ~ m * x + z', 'CR2', { clusters: 'cl', weights: 'w', levels: ABCD }],
  ['declared-first', 'y ~ m + m:x', 'stata', { clusters: 'cl', levels: { m: ['d', 'a', 'b', 'c'] } }],
  ['in-formula', 'y ~ factor(m, levels = c("a", "b", "c", "d")) * x', 'HC1'],
  ['cregg', 'y ~ x * m', 'cregg', { clusters: 'cl', levels: ABCD }],
  ['relevel-unused', 'y ~ relevel(factor(m, levels = c("a", "b", "c", "d")), ref = "d") + x', 'HC2'],
  ['no-intercept', 'y ~ 0 + m + x:m', 'HC0', { levels: ABCD }],
];

const OUTCOMES: [string, string, SeType, Partial<FitCase>?][] = [
  ['log-negative', 'log(y) ~ x + z', 'HC2'],
  ['sqrt-negative', 'sqrt(y) ~ m + x', 'CR2', { clusters: 'cl' }],
  ['log1p', 'log1p(y) ~ x * z', 'HC1', { weights: 'w' }],
  ['log-zero', 'log(y0) ~ x + z', 'HC2', {
    note: 'log(0) is -Inf: lm stops, lm_robust returns NaN for every coefficient (and crashes R under CR2)',
    refusal: "lm_robust returns NaN for every coefficient; leave such rows out of the data or transform so every value is finite (log(0) is -Inf: log1p(x)",
  }],
  ['log-zero-shifted', 'log(y0 + 1) ~ x + z', 'CR2', { clusters: 'cl', weights: 'wz' }],
  ['square', 'I(y^2) ~ x + z', 'stata', { clusters: 'cl', weights: 'w' }],
  ['scale', 'scale(y) ~ x + m', 'HC1', { weights: 'w' }],
  ['abs', 'abs(y) ~ x + z', 'HC3'],
  ['exp', 'exp(y/4) ~ x', 'classical'],
  ['logical', 'I(y > 1) ~ x + z', 'CR2', { clusters: 'cl' }],
  ['log-cregg', 'log(y0) ~ m + z', 'cregg', { clusters: 'cl' }],
  ['scaled-fe', 'I(100 * y) ~ x + z', 'HC2', { fixed_effects: '~ g' }],
];

const CLUSTER_NA: [string, string, SeType, Partial<FitCase>?][] = [
  ['cr2-weighted', 'y ~ x + z', 'CR2', { weights: 'w' }],
  ['cr2-zero-weights', 'y ~ x * z', 'CR2', { weights: 'wz' }],
  ['cr0', 'y ~ z * m', 'CR0'],
  ['stata-zero-weights', 'y ~ x + z + m', 'stata', { weights: 'wz' }],
  ['cr2-fe', 'y ~ x + z', 'CR2', { fixed_effects: '~ g' }],
  ['cregg', 'y ~ x + z', 'cregg', { weights: 'w' }],
];

const FE_TWO: [string, string, SeType, Partial<FitCase>?][] = [
  ['hc2-zero-weights', 'y ~ x + z', 'HC2', { weights: 'wz' }],
  ['hc3-interaction', 'y ~ m * x', 'HC3'],
  ['hc1-unused', 'y ~ m * x', 'HC1', { weights: 'w', levels: ABCD }],
  ['cr0-zero-weights', 'y ~ x * z', 'CR0', { clusters: 'cl', weights: 'wz' }],
  ['stata', 'y ~ x + m', 'stata', { clusters: 'cl', weights: 'w' }],
  ['cr2', 'y ~ x * z', 'CR2', { clusters: 'cl' }],
  ['cr2-interaction', 'y ~ m * x + z', 'CR2', { clusters: 'cl' }],
  ['classical', 'y ~ x + z', 'classical', { weights: 'wz' }],
];

/** Drawn p-values: two decimals for ties, NA at both ends and among them. */
function pAdjustCases(draw: Draw): PAdjustCase[] {
  const p = Array.from({ length: 14 }, (_, k): number | null => (k === 0 || k === 13 || k === 6 ? null : Number(draw.uniform(0, 0.3).toFixed(2))));
  const fine = Array.from({ length: 9 }, (_, k): number | null => (k === 4 ? null : Number(draw.uniform(0, 1).toFixed(6))));
  const methods = ['hommel', 'BY', 'hochberg', 'BH'] as const;
  return [
    ...methods.map((method): PAdjustCase => ({ kind: 'p_adjust', id: `${ID}-p-adjust-ties-${method}`, group: 'p-adjust-27', p, method })),
    ...methods.map((method): PAdjustCase => ({ kind: 'p_adjust', id: `${ID}-p-adjust-fine-${method}`, group: 'p-adjust-27', p: fine, method })),
    ...methods.map((method): PAdjustCase => ({ kind: 'p_adjust', id: `${ID}-p-adjust-n-${method}`, group: 'p-adjust-27', p: fine, method, n: 15 })),
  ];
}

const RANDOM_OUTCOMES = ['y', 'y', 'y0', 'log1p(abs(y))', 'sqrt(y)', 'scale(y)', 'I(y > 1)', 'log(y0 + 0.5)'];
const RANDOM_TERMS = ['x', 'z', 'm', 'log(x)', 'I(x^2)', 'poly(x, 2)', 'scale(x)', 'x:m', 'z * m', 'z * x', 'sqrt(x)', 'cut(x, 3)',
  'relevel(factor(m), ref = "b")', 'pmin(x, 3)', 'h', 'exp(x/5)', 'm * log(x)', 'zc'];
const RANDOM_SE: SeType[] = ['classical', 'HC0', 'HC1', 'HC2', 'HC3', 'CR0', 'stata', 'CR2', 'cregg'];

/** A drawn fit: outcome, two to four terms, se type, then clusters, weights, fixed effects and declared levels. */
function randomFit(draw: Draw, data: string, k: number): FitCase {
  const terms = [...new Set(Array.from({ length: 2 + draw.int(3) }, () => draw.pick(RANDOM_TERMS)))];
  const formula = `${draw.pick(RANDOM_OUTCOMES)} ~ ${terms.join(' + ')}`;
  const se = draw.pick(RANDOM_SE);
  const clustered = se.startsWith('CR') || se === 'stata' || se === 'cregg';
  const clusters = clustered ? draw.pick(['cl', 'clna']) : undefined;
  const fixedEffects = se !== 'cregg' && !terms.includes('h') && draw.chance(0.3) ? draw.pick(['~ g', '~ g + h']) : undefined;
  // estimatr refuses weighted CR2 with fixed effects.
  const weights = fixedEffects && se === 'CR2' ? undefined : draw.pick([undefined, 'w', 'wz']);
  const levels = draw.chance(0.3) ? ABCD : undefined;
  return fit('trial27-random', `${ID}-random-${k}`, data, formula, se, {
    ...(clusters ? { clusters } : {}), ...(weights ? { weights } : {}), ...(fixedEffects ? { fixed_effects: fixedEffects } : {}), ...(levels ? { levels } : {}),
  });
}

// Drawn fits 35 and 39 have terms collinear with the fixed effects only together (poly(x, 2) beside I(x^2) and the
// absorbed intercept; x:m beside poly(x, 2)): vlab declined them until R trial 35; estimatr's pivoted QR of the demeaned
// columns leaves out a term by their norms there (pivots won by 0.2 % and 1 %), and vlab now follows it.

/** The stored cases of the twenty-seventh trial. */
export function trial27Designs(): Built {
  const data = `${ID}-data`;
  const fits = (group: FitCase['group'], prefix: string, list: [string, string, SeType, Partial<FitCase>?][], common: Partial<FitCase> = {}) =>
    list.map(([name, formula, se, extra]) => fit(group, `${ID}-${prefix}-${name}`, data, formula, se, { ...common, ...extra }));
  const dims: DimCase[] = [
    dim('cluster-na-27', `${ID}-cluster-na-dim`, data, { treatment: 'zc', clusters: 'clna' }),
    dim('cluster-na-27', `${ID}-cluster-na-dim-blocks`, data, { treatment: 'zc', clusters: 'clna', blocks: 'bl', weights: 'wz' }),
    dim('cluster-na-27', `${ID}-dim-blocks-zero-weights`, data, { blocks: 'bl', weights: 'wz' }),
  ];
  return {
    data: [{ id: data, columns: trialData(new Draw(SEED)) }],
    cases: [
      ...fits('unused-levels-27', 'unused', UNUSED_LEVELS),
      ...fits('outcome-transforms-27', 'outcome', OUTCOMES),
      ...fits('cluster-na-27', 'cluster-na', CLUSTER_NA, { clusters: 'clna' }),
      ...dims,
      ...fits('fe-two-27', 'fe-two', FE_TWO, { fixed_effects: '~ g + h' }),
      ...pAdjustCases(new Draw(P_SEED)),
      ...((draw) => Array.from({ length: 40 }, (_, k) => randomFit(draw, data, k)))(new Draw(RANDOM_SEED)),
    ],
  };
}
