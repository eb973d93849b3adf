// The twenty-eighth R trial's classes (task rtrial28, 2026-12-05): inputs no earlier trial stored, drawn from stated
// seeds (Draw(28_100_000) for the data, Draw(28_100_001) for the p-values), fitted by estimatr and stored in
// expected.json.gz (refit: write-inputs.ts, then differential.R; only new cases are refitted). What each class stresses:
// - far-tails-28: p-values below 1e-12 (an outcome with a huge effect, t up to ~60) under classical, HC and CR2; CIs at
//   alpha 1e-10, 1e-14 and 0.999; CR2 with three unbalanced clusters, where the Satterthwaite df is fractional or below 1.
// - fe-weights-clusters-28: weights × clusters × two fixed effects (`~ g + h`) under every se type; weighted CR2 with
//   fixed effects (estimatr stops: vlab must too); difference_in_means with blocks, clusters and weights together.
// - rake-28: survey::rake with an empty cell of the two margins' cross, a margin of one level, base weights.
// - p-adjust-28: every p.adjust method on a vector with NA and ties (also at 0 and 1).
// - power-28: power.t.test at its edges (power 0.999999, alpha 1e-10, n = 2, effect 1e-4, one-sample, paired).
// - formula-corners-28: I(x^2), poly(x, 2, raw = TRUE), x:z without main effects, factor(k) - 1, 0 +, offset(),
//   scale(x), as.numeric(f), interactions of factors with NA levels, I(x^2):z, poly(x, 2, raw = TRUE):m, 0 + factor(k):x.
// - subset-28: lm_robust's and difference_in_means's subset = (a condition; rows FALSE or NA left out after the terms are evaluated on every row,
//   so scale(x), poly(x, 2) and cut() keep the whole data's), with NA in the condition, clusters, weights and fixed
//   effects, and a subset that leaves a factor one level (R stops).
import type { SeType } from '../../../analysis/index.ts';
import type { DataSet, DimCase, FitCase, PAdjustCase, PowerCase, RakeCase } from './case-types.ts';
import { dim, fit, numbers, strings } from './case-builders.ts';
import { Draw, type Column } from './random-data.ts';

interface Built {
  data: DataSet[];
  cases: (FitCase | DimCase | PAdjustCase | PowerCase | RakeCase)[];
}

const SEED = 28_100_000;
const P_SEED = 28_100_001;
const ID = 't28';
const ROWS = 96;

/**
 * 96 rows: clusters cl of 4 (24), zc (0/1 by cluster); cl3 three clusters of 80, 10 and 6 rows; blocks bl of 4 clusters; z (0/1 by row), x
 * (0.1–5), k (1–3 as numbers), f (a/b/c with NA in rows i % 11 = 3), m (a/b), fixed effects g (5 levels) and h (3);
 * y (an ordinary outcome), yb (a huge effect of z: t ~ 60); weights w (0.2–3); rake variables sex, age (no old women)
 * and one (a single level).
 */
function trialData(draw: Draw): Column[] {
  const rows = Array.from({ length: ROWS }, (_, i) => i);
  const cl = rows.map((i) => 1 + Math.floor(i / 4));
  const cl3 = rows.map((i) => (i < 80 ? 'A' : i < 90 ? 'B' : 'C'));
  const bl = cl.map((c) => 1 + Math.floor((c - 1) / 4));
  const z = rows.map((i) => (i < 2 ? i : draw.chance(0.5) ? 1 : 0));
  const zc = cl.map((c) => c % 2);
  const x = rows.map(() => Number(draw.uniform(0.1, 5).toFixed(1)));
  const k = rows.map((i) => 1 + (i < 3 ? i : draw.int(3)));
  const f = rows.map((i) => (i % 11 === 3 ? null : ['a', 'b', 'c'][i < 3 ? i : draw.int(3)]));
  const m = rows.map((i) => (i < 2 ? ['a', 'b'][i] : draw.pick(['a', 'b'])));
  const g = rows.map((i) => `g${i < 5 ? i : draw.int(5)}`);
  const h = rows.map((i) => `h${i < 3 ? i : draw.int(3)}`);
  const w = rows.map(() => Number(draw.uniform(0.2, 3).toFixed(3)));
  const shock = Array.from({ length: 25 }, () => 0.5 * draw.normal());
  const y = rows.map((i) => Number((1 + 0.3 * x[i] + 0.4 * z[i] + (m[i] === 'b' ? 0.2 * x[i] : 0) + shock[cl[i]] + draw.normal()).toFixed(4)));
  const yb = rows.map((i) => Number((2 + 30 * z[i] + 0.1 * x[i] + draw.normal()).toFixed(4)));
  const sex = rows.map((i) => (i % 2 === 0 ? 'male' : 'female'));
  const age = rows.map((i) => (i % 2 === 0 ? ['young', 'mid', 'old'][i % 3] : ['young', 'mid'][i % 4 < 2 ? 0 : 1]));
  return [numbers('y', y, 4), numbers('yb', yb, 4), numbers('z', z, 0), numbers('zc', zc, 0), numbers('x', x, 1), numbers('k', k, 0), strings('f', f), strings('m', m),
    strings('g', g), strings('h', h), numbers('w', w, 3), numbers('cl', cl, 0), strings('cl3', cl3), numbers('bl', bl, 0),
    strings('sex', sex), strings('age', age), strings('one', rows.map(() => 'all'))];
}

type Row = [string, string, SeType, Partial<FitCase>?];

const FAR_TAILS: Row[] = [
  ['classical', 'yb ~ z + x', 'classical'],
  ['hc2', 'yb ~ z * x', 'HC2'],
  ['hc0-weighted', 'yb ~ z + x', 'HC0', { weights: 'w' }],
  ['cr2', 'yb ~ z + x', 'CR2', { clusters: 'cl' }],
  ['cr2-weighted', 'yb ~ z + x', 'CR2', { clusters: 'cl', weights: 'w' }],
  ['alpha-1e-10', 'y ~ z + x', 'HC2', { alpha: 1e-10 }],
  ['alpha-1e-14', 'y ~ z + x', 'classical', { alpha: 1e-14 }],
  ['alpha-0.999', 'y ~ z + x', 'HC1', { alpha: 0.999 }],
  ['cr2-alpha-1e-8', 'yb ~ z + x', 'CR2', { clusters: 'cl', alpha: 1e-8 }],
  ['cr2-three-clusters', 'y ~ x + z', 'CR2', { clusters: 'cl3' }],
  ['cr2-three-clusters-weighted', 'y ~ x', 'CR2', { clusters: 'cl3', weights: 'w' }],
  ['cr2-three-clusters-alpha', 'yb ~ z', 'CR2', { clusters: 'cl3', alpha: 0.001 }],
];

const FE: Row[] = [
  ['classical', 'y ~ x + z', 'classical'],
  ['hc0', 'y ~ x * z', 'HC0'],
  ['hc1', 'y ~ x + z + m', 'HC1'],
  ['hc2', 'y ~ x + z', 'HC2'],
  ['hc3', 'y ~ z + I(x^2)', 'HC3'],
  ['cr0', 'y ~ x + z', 'CR0', { clusters: 'cl' }],
  ['stata', 'y ~ x * m', 'stata', { clusters: 'cl' }],
  ['cr2', 'y ~ x + z', 'CR2', { clusters: 'cl' }],
];

const CORNERS: Row[] = [
  ['square', 'y ~ x + I(x^2)', 'HC2'],
  ['poly-raw', 'y ~ poly(x, 2, raw = TRUE) + z', 'HC2'],
  ['poly-raw-cr2', 'y ~ poly(x, 2, raw = TRUE) * z', 'CR2', { clusters: 'cl', weights: 'w' }],
  ['colon-only', 'y ~ x:z', 'HC2'],
  ['colon-factor', 'y ~ x:m', 'HC1'],
  ['colon-factors', 'y ~ m:f', 'HC2'],
  ['factor-minus-1', 'y ~ factor(k) - 1', 'HC2'],
  ['factor-minus-1-x', 'y ~ factor(k) + x - 1', 'CR2', { clusters: 'cl' }],
  ['zero-plus', 'y ~ 0 + x + z', 'HC2'],
  ['zero-plus-factor', 'y ~ 0 + m + x', 'classical', { weights: 'w' }],
  ['offset', 'y ~ x + z + offset(x)', 'HC2'],
  ['scale', 'y ~ scale(x) + z', 'HC2'],
  ['scale-cr2', 'y ~ scale(x) * z', 'CR2', { clusters: 'cl' }],
  ['as-numeric-factor', 'y ~ as.numeric(factor(m)) + x', 'HC2'],
  ['as-numeric-f', 'y ~ as.numeric(factor(f)) + z', 'HC2'],
  ['na-interaction', 'y ~ f * z', 'HC2'],
  ['na-interaction-x', 'y ~ f * x + m', 'CR2', { clusters: 'cl' }],
  ['na-colon', 'y ~ f:m', 'HC2'],
  ['na-interaction-fe', 'y ~ f * x', 'HC1', { fixed_effects: '~ g' }],
  ['as-numeric-text', 'y ~ as.numeric(f) + x', 'HC2', {
    note: 'as.numeric() of text is NA on every row (R warns "NAs introduced by coercion"): lm stops ("0 (non-NA) cases"), lm_robust returns NA for every coefficient',
    refusal: 'no rows without missing values in y, as.numeric(f), x',
  }],
  ['square-colon', 'y ~ I(x^2):z + x', 'HC2'],
  ['poly-raw-colon', 'y ~ poly(x, 2, raw = TRUE):m', 'HC1'],
  ['factor-minus-1-colon', 'y ~ factor(k) - 1 + z:x', 'CR2', { clusters: 'cl', weights: 'w' }],
  ['zero-plus-colon', 'y ~ 0 + factor(k):x', 'HC2'],
  ['scale-centre', 'y ~ scale(x, scale = FALSE) * m', 'stata', { clusters: 'cl' }],
  ['offset-no-intercept', 'y ~ offset(x) - 1 + z', 'HC2'],
];

const SUBSETS: [string, string, SeType, string, Partial<FitCase>?][] = [
  ['plain', 'y ~ x + z', 'HC2', 'x > 1'],
  ['scale', 'y ~ scale(x) + z', 'HC2', 'm == "a"'],
  ['poly', 'y ~ poly(x, 2) + z', 'HC1', 'k != 2'],
  ['cut', 'y ~ cut(x, 3) + z', 'HC2', 'x > 0.8'],
  ['na-condition', 'y ~ x + z', 'HC2', 'f != "a"'],
  ['na-factor', 'y ~ f * z', 'HC2', 'x < 4'],
  ['cr2-weights', 'y ~ x + m', 'CR2', 'bl %in% c(1, 2, 3)', { clusters: 'cl', weights: 'w' }],
  ['cr2-drop-cluster-rows', 'y ~ x * z', 'CR2', 'cl <= 20 & !(k == 3 & m == "b")', { clusters: 'cl' }],
  ['stata', 'y ~ x + z', 'stata', 'x >= 1 | m == "b"', { clusters: 'cl' }],
  ['fixed-effects', 'y ~ x + z', 'HC1', 'k > 1', { fixed_effects: '~ g' }],
  ['fixed-effects-cr2', 'y ~ x + z', 'CR2', 'x < 4.5', { fixed_effects: '~ g + h', clusters: 'cl' }],
  ['one-level', 'y ~ m + x', 'HC2', 'm == "a"'],
  ['true', 'y ~ x', 'HC2', 'TRUE'],
];

/** Every method on drawn p-values with ties (two decimals), NA at an end and inside, and 0 and 1. */
function pAdjustCases(draw: Draw): PAdjustCase[] {
  const p = Array.from({ length: 12 }, (_, k): number | null => (k === 0 || k === 7 ? null : k === 3 ? 0 : k === 10 ? 1 : Number(draw.uniform(0, 0.2).toFixed(2))));
  const methods = ['holm', 'hochberg', 'hommel', 'bonferroni', 'BH', 'BY', 'fdr', 'none'] as const;
  return [
    ...methods.map((method): PAdjustCase => ({ kind: 'p_adjust', id: `${ID}-p-adjust-${method}`, group: 'p-adjust-28', p, method })),
    ...methods.map((method): PAdjustCase => ({ kind: 'p_adjust', id: `${ID}-p-adjust-n-${method}`, group: 'p-adjust-28', p, method, n: 20 })),
  ];
}

const power = (name: string, input: Omit<PowerCase, 'kind' | 'id' | 'group' | 'strict' | 'alpha'> & { alpha?: number; strict?: boolean }): PowerCase =>
  ({ kind: 'power', id: `${ID}-power-${name}`, group: 'power-28', alpha: 0.05, strict: false, ...input });

const POWER: PowerCase[] = [
  power('power-near-1', { solve: 'n', effect: 0.5, sd: 1, power: 0.999999 }),
  power('alpha-1e-10', { solve: 'power', effect: 1, sd: 1, n: 40, alpha: 1e-10 }),
  power('n-2', { solve: 'power', effect: 2, sd: 1, n: 2 }),
  power('n-2-strict', { solve: 'power', effect: 0.5, sd: 1, n: 2, strict: true }),
  power('tiny-effect', { solve: 'n', effect: 1e-4, sd: 1, power: 0.8 }),
  power('one-sample-effect', { solve: 'effect', n: 2, sd: 1, power: 0.9, type: 'one.sample' }),
  power('paired-alpha', { solve: 'n', effect: 0.3, sd: 1, power: 0.95, alpha: 1e-6, type: 'paired' }),
  power('one-sided-near-1', { solve: 'power', effect: 3, sd: 1, n: 30, alternative: 'one.sided' }),
  // pwr.t2n.test counts both regions of a two-sided test: strict, as in trial22-designs.ts.
  power('t2n-n2-2', { solve: 'power', effect: 1, sd: 1, n: 50, n2: 2, strict: true }),
];

/** The stored cases of the twenty-eighth trial. */
export function trial28Designs(): Built {
  const data = `${ID}-data`;
  const fits = (group: FitCase['group'], prefix: string, list: Row[], common: Partial<FitCase> = {}) =>
    list.map(([name, formula, se, extra]) => fit(group, `${ID}-${prefix}-${name}`, data, formula, se, { ...common, ...extra }));
  const dims: DimCase[] = [
    dim('fe-weights-clusters-28', `${ID}-dim-blocks-clusters-weights`, data, { treatment: 'zc', blocks: 'bl', clusters: 'cl', weights: 'w' }),
    dim('fe-weights-clusters-28', `${ID}-dim-clusters-weights`, data, { treatment: 'zc', clusters: 'cl', weights: 'w' }),
    dim('fe-weights-clusters-28', `${ID}-dim-blocks-weights`, data, { blocks: 'bl', weights: 'w' }),
    dim('far-tails-28', `${ID}-dim-far-tail`, data, { outcome: 'yb' }),
    dim('far-tails-28', `${ID}-dim-far-tail-blocks`, data, { outcome: 'yb', blocks: 'bl', alpha: 1e-10 }),
    dim('subset-28', `${ID}-dim-subset`, data, { subset: 'x > 1' }),
    dim('subset-28', `${ID}-dim-subset-na`, data, { subset: 'f != "a"', weights: 'w' }),
    dim('subset-28', `${ID}-dim-subset-blocks`, data, { subset: 'k != 2', blocks: 'bl' }),
    dim('subset-28', `${ID}-dim-subset-clusters`, data, { subset: 'bl %in% c(1, 2, 3, 4) | m == "a"', treatment: 'zc', clusters: 'cl', weights: 'w' }),
    dim('subset-28', `${ID}-dim-subset-block-clusters`, data, { subset: 'bl <= 4', treatment: 'zc', clusters: 'cl', blocks: 'bl' }),
  ];
  const rake = (name: string, margins: RakeCase['margins'], extra: Partial<RakeCase> = {}): RakeCase => ({ kind: 'rake', id: `${ID}-rake-${name}`, group: 'rake-28', data, margins, ...extra });
  return {
    data: [{ id: data, columns: trialData(new Draw(SEED)) }],
    cases: [
      ...fits('far-tails-28', 'tails', FAR_TAILS),
      // Weighted CR2 with fixed effects: estimatr stops, and vlab must too.
      ...fits('fe-weights-clusters-28', 'fe-w', FE, { fixed_effects: '~ g + h', weights: 'w' }),
      ...fits('fe-weights-clusters-28', 'fe', FE.slice(5), { fixed_effects: '~ g + h' }),
      ...dims,
      rake('empty-cell', { sex: { male: 0.48, female: 0.52 }, age: { young: 0.3, mid: 0.4, old: 0.3 } }),
      rake('one-level', { one: { all: 1 }, sex: { male: 0.45, female: 0.55 } }),
      rake('one-level-only', { one: { all: 1 } }),
      rake('base-weights', { age: { young: 0.2, mid: 0.5, old: 0.3 }, sex: { male: 0.5, female: 0.5 } }, { base_weights: 'w' }),
      ...pAdjustCases(new Draw(P_SEED)),
      ...POWER,
      ...fits('formula-corners-28', 'corner', CORNERS),
      ...SUBSETS.map(([name, formula, se, subset, extra]) => fit('subset-28', `${ID}-subset-${name}`, data, formula, se, { subset, ...extra })),
    ],
  };
}
