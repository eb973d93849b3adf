// The twenty-ninth R trial's classes (task rtrial29, 2026-12-06): inputs no earlier trial stored, drawn from stated
// seeds (Draw(29_100_000) for the data, Draw(29_100_001) for the p-values), fitted by R and stored in expected.json.gz
// (refit: write-inputs.ts, then differential.R; only new cases are refitted). What each class stresses:
// - fe-singletons-29: lm_robust with fixed_effects + weights (some 0) + clusters of which 40 are single rows, and clusters
//   whose outcome is NA on every row (they leave the fit), under HC, CR0, stata and CR2 (weighted CR2 with fixed effects:
//   estimatr stops, vlab too).
// - factor-numeric-29: factors with numerics and factors with factors, with and without main effects (`x * f`, `x:f`,
//   `f:g`, `f:g - 1`, `f/x`), `relevel()`, `factor(x, levels =)` in the formula, empty cells once the rows with a missing
//   outcome go (R aliases the interaction: NA), weighted, clustered and under cregg.
// - transform-interactions-29: I(), poly() (orthogonal and raw), scale(), log(), sqrt() inside interactions with
//   factors and numerics, computed on every row before the missing outcomes go; lm_lin's model written as a formula.
// - alpha-df-29: confidence levels from alpha 0.001 to 0.9 at residual df 1–3 (subset = of 3–6 rows), CR2 with 3–5
//   clusters, difference_in_means at 2–3 rows an arm.
// - dim-29: difference_in_means with blocks AND clusters (weighted, zero weights, clusters whose outcome is all NA),
//   matched pairs (weighted, a pair broken by a missing outcome), matched pairs of clusters, condition1/condition2 on a
//   three-arm treatment (text and numbers, reversed, weighted with zeros), alpha 0.2.
// - rake-29: survey::rake with three and four margins from base weights already present (0.01 to 100), margins as
//   counts.
// - p-adjust-29: every method on 240 p-values with 10 % NA, ties and 0/1, with and without R's n.
// - power-29: pwr.t2n.test without `strict` (R trial 29's leftover: pwr counts both regions), and power.t.test and
//   pwr.t2n.test at their edges (ncp beyond pt's normal switch, alpha 0.5, n 1e7, arms of 2, one-sided effects).
// - as-numeric-text-29: as.numeric() of text, all NA (refused, the words saying R coerces it to NA) or partly numbers.
// - cregg-empty-clusters-29: se type cregg where every row of a cluster goes for a missing outcome or covariate (survey
//   keeps it among the design's clusters: G/(G − 1) with it), or for a missing weight (it leaves svydesign's data).
import type { SeType } from '../../../analysis/index.ts';
import type { DataSet, DimCase, FitCase, PAdjustCase, PowerCase, RakeCase } from './case-types.ts';
import { dim, fit, numbers, strings } from './case-builders.ts';
import { Draw, type Column } from './random-data.ts';

interface Built {
  data: DataSet[];
  cases: (FitCase | DimCase | PAdjustCase | PowerCase | RakeCase)[];
}

const SEED = 29_100_000;
const P_SEED = 29_100_001;
const ID = 't29';
const ROWS = 120;

/**
 * 120 rows: id 1..120; clusters cl of 4 (30), blocks bl of 5 clusters (6), zc (0/1 by cluster, both in every block);
 * cpair (pairs of clusters) and zcp (one cluster of each treated); pair (60 pairs of rows) and zp (one row of each
 * treated); cls (20 clusters of 4, then 40 single rows); cl3 (three clusters of 100, 12 and 8 rows); z (0/1 by row), arm
 * (ctl/a/b) and armn (0/1/2); x (0.1–5), u (normal), k (1–3), f (a/b/c, NA where i % 13 = 5), g (p/q/r/s), h (h0–h2), m
 * (a/b); w (0.2–3), w0 (w with 0 on ~12 % of rows); y, and yna (y with NA on every row of clusters 7 and 19, on the rows
 * where f = c and g = s, so that cell is empty once they go, and on ~5 % of others); nt (numbers as text, "none" on
 * some rows); sex, age, edu, region and base weights bw (0.01–100) for raking.
 */
function trialData(draw: Draw): Column[] {
  const rows = Array.from({ length: ROWS }, (_, i) => i);
  const cl = rows.map((i) => 1 + Math.floor(i / 4));
  const bl = cl.map((c) => 1 + Math.floor((c - 1) / 5));
  const zcOf = Array.from({ length: 31 }, (_, c) => ((c - 1) % 5 < 2 ? (c - 1) % 5 : draw.chance(0.5) ? 1 : 0));
  const zc = cl.map((c) => zcOf[c]);
  const cpair = cl.map((c) => 1 + Math.floor((c - 1) / 2));
  const firstTreated = Array.from({ length: 16 }, () => draw.chance(0.5));
  const zcp = cl.map((c) => ((c % 2 === 1) === firstTreated[1 + Math.floor((c - 1) / 2)] ? 1 : 0));
  const pair = rows.map((i) => 1 + Math.floor(i / 2));
  const pairFirst = Array.from({ length: 61 }, () => draw.chance(0.5));
  const zp = rows.map((i) => ((i % 2 === 0) === pairFirst[1 + Math.floor(i / 2)] ? 1 : 0));
  const cls = rows.map((i) => (i < 80 ? `s${1 + Math.floor(i / 4)}` : `one${i}`));
  const cl3 = rows.map((i) => (i < 100 ? 'A' : i < 112 ? 'B' : 'C'));
  const z = rows.map((i) => (i < 2 ? i : draw.chance(0.5) ? 1 : 0));
  const armIndex = rows.map((i) => (i < 3 ? i : draw.int(3)));
  const x = rows.map(() => Number(draw.uniform(0.1, 5).toFixed(1)));
  const u = rows.map(() => Number(draw.normal().toFixed(2)));
  const k = rows.map((i) => 1 + (i < 3 ? i : draw.int(3)));
  const f = rows.map((i) => (i % 13 === 5 ? null : ['a', 'b', 'c'][i < 3 ? i : draw.int(3)]));
  const g = rows.map((i) => ['p', 'q', 'r', 's'][i < 4 ? i : draw.int(4)]);
  const h = rows.map((i) => `h${i < 3 ? i : draw.int(3)}`);
  const m = rows.map((i) => (i < 2 ? ['a', 'b'][i] : draw.pick(['a', 'b'])));
  const w = rows.map(() => Number(draw.uniform(0.2, 3).toFixed(3)));
  const w0 = w.map((v, i) => (i > 3 && draw.chance(0.12) ? 0 : v));
  const shock = Array.from({ length: 31 }, () => 0.5 * draw.normal());
  const fEffect: Record<string, number> = { a: 0, b: 0.4, c: -0.3 };
  const y = rows.map((i) => Number((1 + 0.3 * x[i] + 0.5 * z[i] + 0.3 * zc[i] + 0.2 * armIndex[i] + (f[i] ? fEffect[f[i] as string] * (1 + 0.2 * x[i]) : 0) +
    0.2 * u[i] + shock[cl[i]] + draw.normal()).toFixed(4)));
  const yna = y.map((v, i): number | null => (cl[i] === 7 || cl[i] === 19 || (f[i] === 'c' && g[i] === 's') || (i > 5 && draw.chance(0.05)) ? null : v));
  const nt = x.map((v, i) => (i % 9 === 4 ? 'none' : v.toFixed(1)));
  // For the cregg class: a covariate missing on every row of clusters 11 and 12, weights missing on cluster 23's (that
  // cluster leaves svydesign's data), an outcome missing on the rows of cl3's third cluster.
  const xna = x.map((v, i): number | null => (cl[i] === 11 || cl[i] === 12 ? null : v));
  const wna = w.map((v, i): number | null => (cl[i] === 23 ? null : v));
  const ync = y.map((v, i): number | null => (i >= 112 ? null : v));
  const sex = rows.map((i) => (i % 2 === 0 ? 'male' : 'female'));
  const age = rows.map((i) => ['young', 'mid', 'old'][i < 3 ? i : draw.int(3)]);
  const edu = rows.map((i) => ['low', 'mid', 'high'][i < 3 ? i : draw.int(3)]);
  const region = rows.map((i) => ['N', 'E', 'S', 'W'][i < 4 ? i : draw.int(4)]);
  const bw = rows.map(() => Number((0.01 * 10 ** (4 * draw.uniform())).toFixed(4)));
  return [numbers('id', rows.map((i) => i + 1), 0), numbers('y', y, 4), numbers('yna', yna, 4), numbers('z', z, 0), numbers('zc', zc, 0), numbers('zcp', zcp, 0),
    numbers('zp', zp, 0), strings('arm', armIndex.map((a) => ['ctl', 'a', 'b'][a])), numbers('armn', armIndex, 0), numbers('x', x, 1), numbers('u', u, 2),
    numbers('k', k, 0), strings('f', f), strings('g', g), strings('h', h), strings('m', m), numbers('w', w, 3), numbers('w0', w0, 3),
    numbers('cl', cl, 0), numbers('bl', bl, 0), numbers('cpair', cpair, 0), numbers('pair', pair, 0), strings('cls', cls), strings('cl3', cl3),
    strings('nt', nt), numbers('xna', xna, 1), numbers('wna', wna, 3), numbers('ync', ync, 4), strings('sex', sex), strings('age', age), strings('edu', edu), strings('region', region), numbers('bw', bw, 4)];
}

type Row = [string, string, SeType, Partial<FitCase>?];

const FE_SINGLETONS: Row[] = [
  ['hc1-weights', 'yna ~ x + z', 'HC1', { fixed_effects: '~ g', weights: 'w0' }],
  ['classical-weights', 'yna ~ x * z', 'classical', { fixed_effects: '~ g', weights: 'w0' }],
  ['hc3', 'y ~ x + z + m', 'HC3', { fixed_effects: '~ g + h' }],
  ['cr0-weights-singletons', 'yna ~ x + z', 'CR0', { fixed_effects: '~ g', weights: 'w0', clusters: 'cls' }],
  ['stata-weights-singletons', 'yna ~ x + z', 'stata', { fixed_effects: '~ g', weights: 'w0', clusters: 'cls' }],
  ['cr2-singletons', 'yna ~ x * z', 'CR2', { fixed_effects: '~ g', clusters: 'cls' }],
  ['cr2-singletons-two-fe', 'y ~ x + z', 'CR2', { fixed_effects: '~ g + h', clusters: 'cls' }],
  // estimatr stops on weighted CR2 with fixed effects; vlab must too.
  ['cr2-weights-singletons', 'yna ~ x + z', 'CR2', { fixed_effects: '~ g', weights: 'w', clusters: 'cls' }],
  ['cr2-na-clusters', 'yna ~ x + z', 'CR2', { fixed_effects: '~ h', clusters: 'cl' }],
  ['cr0-na-clusters-weights', 'yna ~ x + z', 'CR0', { fixed_effects: '~ g + h', weights: 'w0', clusters: 'cl' }],
  ['stata-na-clusters', 'yna ~ f + x', 'stata', { fixed_effects: '~ h', clusters: 'cl' }],
  ['cr2-na-clusters-colon', 'yna ~ x:f', 'CR2', { fixed_effects: '~ g', clusters: 'cl' }],
  ['hc2-zero-weights', 'y ~ x + z', 'HC2', { fixed_effects: '~ g', weights: 'w0' }],
  ['cr0-singletons-factor', 'y ~ f * x', 'CR0', { fixed_effects: '~ h', clusters: 'cls', weights: 'w0' }],
];

const FACTOR_NUMERIC: Row[] = [
  ['x-times-f', 'y ~ x * f', 'HC2'],
  ['f-colon-g', 'y ~ f:g', 'HC2'],
  ['f-colon-g-no-intercept', 'y ~ f:g - 1', 'HC1'],
  ['x-colon-f', 'y ~ x:f', 'HC2'],
  ['x-colon-f-no-intercept', 'y ~ x:f - 1', 'classical'],
  ['f-plus-f-colon-x', 'y ~ f + f:x', 'HC3'],
  ['f-nested-x', 'y ~ f/x', 'CR2', { clusters: 'cl' }],
  ['empty-cell', 'yna ~ f * g', 'HC2'],
  ['empty-cell-colon', 'yna ~ f:g', 'HC2'],
  ['empty-cell-cr2-weights', 'yna ~ f * g + x', 'CR2', { clusters: 'cl', weights: 'w0' }],
  ['empty-cell-stata', 'yna ~ g + f:g', 'stata', { clusters: 'cl' }],
  ['relevel-times-x', 'y ~ relevel(factor(f), ref = "c") * x', 'HC2'],
  ['relevel-colon-x', 'y ~ relevel(factor(g), "r"):x', 'HC1'],
  ['factor-levels-times-x', 'y ~ factor(k, levels = c(3, 1, 2)) * x', 'HC2'],
  ['factor-levels-colon-g', 'y ~ factor(f, levels = c("c", "a", "b")):g', 'HC2'],
  ['factor-levels-both', 'y ~ factor(g, levels = c("s", "r", "q", "p")) + x:factor(g, levels = c("s", "r", "q", "p"))', 'CR2', { clusters: 'cl' }],
  ['relevel-na-outcome', 'yna ~ relevel(factor(f), ref = "b") * z', 'CR2', { clusters: 'cl', weights: 'w' }],
  ['three-way-factor-numeric', 'y ~ x * f * m', 'HC2'],
  ['cregg', 'yna ~ f * x', 'cregg', { clusters: 'cl' }],
  ['cregg-colon', 'y ~ f:g', 'cregg', { clusters: 'cl', weights: 'w' }],
];

const TRANSFORM_INTERACTIONS: Row[] = [
  ['square-colon-f', 'y ~ I(x^2):f', 'HC2'],
  ['poly-colon-z', 'y ~ poly(x, 2):z', 'HC2'],
  ['poly-times-f', 'y ~ poly(x, 2) * f', 'HC1'],
  ['poly-raw-times-f-cr2', 'yna ~ poly(x, 2, raw = TRUE) * f', 'CR2', { clusters: 'cl' }],
  ['scale-colon-f', 'y ~ scale(x):f', 'HC2'],
  ['scale-times-scale', 'y ~ scale(x) * scale(u)', 'HC2'],
  ['scale-na-outcome', 'yna ~ scale(x) * z', 'HC2'],
  ['centred-times-f', 'y ~ I(x - mean(x)) * f', 'stata', { clusters: 'cl' }],
  ['log-colon-g', 'y ~ log(x):g', 'HC2'],
  ['comparison-colon-f', 'y ~ I(x > 2):f', 'HC2'],
  ['poly3-plus-colon', 'y ~ poly(u, 3) + x:z', 'HC3'],
  ['product-colon-m', 'y ~ I(x * u):m', 'HC2', { weights: 'w' }],
  ['sqrt-and-centred', 'y ~ sqrt(x) * f + scale(u, scale = FALSE):z', 'CR2', { clusters: 'cl' }],
  ['exp-colon-f', 'y ~ exp(u/2):f', 'HC2'],
  // lm_lin(y ~ z, covariates = ~ x + u) is lm_robust of z times the covariates centred on their (unweighted) means.
  ['lin-one', 'y ~ z * I(x - mean(x))', 'HC2'],
  ['lin-scale', 'y ~ z * scale(x, scale = FALSE)', 'HC2'],
  ['lin-two', 'y ~ z * (scale(x, scale = FALSE) + scale(u, scale = FALSE))', 'HC2'],
  ['lin-two-cr2', 'y ~ zc * (scale(x, scale = FALSE) + scale(u, scale = FALSE))', 'CR2', { clusters: 'cl' }],
  // Weighted, lm_lin centres on the weighted means (tidy(lm_lin(y ~ z, covariates = ~ x + u, weights = w)) equals this).
  ['lin-weighted', 'y ~ z * (I(x - weighted.mean(x, w)) + I(u - weighted.mean(u, w)))', 'HC2', { weights: 'w' }],
];

const ALPHA_DF: [string, string, SeType, number, Partial<FitCase>?][] = [
  ['classical-df1', 'y ~ x + z', 'classical', 0.2, { subset: 'id <= 4' }],
  ['classical-df1-alpha-0.5', 'y ~ x + z', 'classical', 0.5, { subset: 'id <= 4' }],
  ['hc2-df2', 'y ~ x + z', 'HC2', 0.01, { subset: 'id <= 5' }],
  ['hc1-df1', 'y ~ x', 'HC1', 0.9, { subset: 'id <= 3' }],
  ['hc0-df3', 'y ~ x + u', 'HC0', 0.001, { subset: 'id <= 6' }],
  ['cr2-three-clusters', 'y ~ x + z', 'CR2', 0.1, { clusters: 'cl3' }],
  ['cr2-five-clusters', 'y ~ x + zc', 'CR2', 0.5, { clusters: 'cl', subset: 'bl == 1' }],
  ['cr0-five-clusters', 'y ~ x', 'CR0', 0.001, { clusters: 'cl', subset: 'bl == 2' }],
  ['stata-five-clusters', 'y ~ x + z', 'stata', 0.2, { clusters: 'cl', subset: 'bl == 3' }],
  ['cregg-five-clusters', 'y ~ x + z', 'cregg', 0.2, { clusters: 'cl' }],
];

const dimRows = (group: DimCase['group']) => (name: string, extra: Partial<DimCase>): DimCase => dim(group, `${ID}-dim-${name}`, `${ID}-data`, extra);

function dimCases(): DimCase[] {
  const d = dimRows('dim-29');
  const bc = { treatment: 'zc', blocks: 'bl', clusters: 'cl' };
  const pairs = { treatment: 'zp', blocks: 'pair' };
  const clusterPairs = { treatment: 'zcp', blocks: 'cpair', clusters: 'cl' };
  const arms = (condition1: string, condition2: string, extra: Partial<DimCase> = {}): Partial<DimCase> => ({ treatment: 'arm', condition1, condition2, ...extra });
  return [
    d('blocks-clusters', bc),
    d('blocks-clusters-weights', { ...bc, weights: 'w' }),
    d('blocks-clusters-zero-weights', { ...bc, weights: 'w0' }),
    d('blocks-clusters-na-clusters', { ...bc, outcome: 'yna' }),
    d('blocks-clusters-alpha', { ...bc, alpha: 0.2 }),
    d('pairs', pairs),
    d('pairs-weights', { ...pairs, weights: 'w' }),
    d('pairs-broken', { ...pairs, outcome: 'yna' }),
    d('pairs-alpha', { ...pairs, alpha: 0.01 }),
    d('cluster-pairs', clusterPairs),
    d('cluster-pairs-weights', { ...clusterPairs, weights: 'w' }),
    d('cluster-pairs-na', { ...clusterPairs, outcome: 'yna' }),
    d('arms-ctl-a', arms('ctl', 'a')),
    d('arms-b-a', arms('b', 'a')),
    d('arms-zero-weights', arms('ctl', 'b', { weights: 'w0' })),
    d('arms-numbers', { treatment: 'armn', condition1: '0', condition2: '2' }),
    d('arms-na-outcome', arms('a', 'ctl', { outcome: 'yna', alpha: 0.2 })),
    d('arms-blocks', arms('ctl', 'a', { blocks: 'bl', subset_conditions: true })),
    d('zero-weights', { weights: 'w0' }),
    d('zero-weights-blocks', { weights: 'w0', blocks: 'bl' }),
    // Tiny df: three rows an arm, and two clusters an arm.
    d('three-a-side', { subset: 'id <= 6', alpha: 0.2 }),
    d('two-clusters-a-side', { treatment: 'zc', clusters: 'cl', subset: 'bl == 1 & cl != 4', alpha: 0.1 }),
  ];
}

/** Every method on 240 drawn p-values (two decimals: ties) with ~10 % NA, a 0 and a 1. */
function pAdjustCases(draw: Draw): PAdjustCase[] {
  const p = Array.from({ length: 240 }, (_, k): number | null => (k === 17 ? 0 : k === 200 ? 1 : draw.chance(0.1) ? null : Number((draw.uniform() ** 3).toFixed(2))));
  const methods = ['holm', 'hochberg', 'hommel', 'bonferroni', 'BH', 'BY', 'fdr', 'none'] as const;
  return [
    ...methods.map((method): PAdjustCase => ({ kind: 'p_adjust', id: `${ID}-p-adjust-${method}`, group: 'p-adjust-29', p, method })),
    ...methods.map((method): PAdjustCase => ({ kind: 'p_adjust', id: `${ID}-p-adjust-n-${method}`, group: 'p-adjust-29', p, method, n: 400 })),
  ];
}

type PowerInput = Omit<PowerCase, 'kind' | 'id' | 'group' | 'alpha' | 'sd'> & { alpha?: number; sd?: number };
const power = (name: string, input: PowerInput): PowerCase => ({ kind: 'power', id: `${ID}-power-${name}`, group: 'power-29', alpha: 0.05, sd: 1, ...input });

const POWER: PowerCase[] = [
  // pwr.t2n.test without strict: pwr counts both regions of a two-sided test (vlab counted one before R trial 29).
  power('t2n-no-strict', { solve: 'power', effect: 0.8, sd: 2, n: 100, n2: 50 }),
  power('t2n-no-strict-small', { solve: 'power', effect: 0.1, n: 10, n2: 5 }),
  power('t2n-no-strict-n1', { solve: 'n', effect: 0.3, n2: 80, power: 0.5 }),
  power('t2n-no-strict-n2', { solve: 'n2', effect: 0.4, n: 200, n2: 'solve', power: 0.7 }),
  power('t2n-no-strict-effect', { solve: 'effect', n: 8, n2: 3, power: 0.3, alpha: 0.2 }),
  power('t2n-arms-of-2', { solve: 'power', effect: 3, n: 2, n2: 2 }),
  power('t2n-huge-arm', { solve: 'power', effect: 0.05, n: 1e6, n2: 300 }),
  power('t2n-alpha-1e-8', { solve: 'n', effect: 1, n2: 100, power: 0.9, alpha: 1e-8 }),
  power('t2n-one-sided-effect', { solve: 'effect', n: 30, n2: 12, power: 0.95, alternative: 'one.sided', strict: false }),
  // power.t.test at its edges.
  power('ncp-beyond-switch', { solve: 'power', effect: 8, n: 50, strict: false }),
  power('alpha-half', { solve: 'power', effect: 0.2, n: 20, alpha: 0.5, strict: false }),
  power('alpha-half-one-sided', { solve: 'n', effect: 0.2, power: 0.8, alpha: 0.5, alternative: 'one.sided', strict: false }),
  power('n-1e7', { solve: 'power', effect: 0.001, n: 1e7, strict: false }),
  power('tiny-sd', { solve: 'n', effect: 2e-6, sd: 1e-6, power: 0.9, strict: false }),
  power('paired-strict-n', { solve: 'n', effect: 0.2, power: 0.3, type: 'paired', strict: true }),
  power('one-sample-one-sided-effect-n2', { solve: 'effect', n: 2, power: 0.5, type: 'one.sample', alternative: 'one.sided', strict: false }),
  power('strict-effect-small-power', { solve: 'effect', n: 3, power: 0.06, strict: true }),
];

// cregg (survey::svyglm on svydesign(ids = ~cl) of the data): svyglm drops rows with a missing value by subsetting the
// design, which keeps every cluster in its G/(G − 1), also one whose rows all went. vlab counted only the clusters
// left until R trial 29 (t29-fn-cregg: SEs 1.2e-3 too large, with 28 of 30 clusters left).
const CREGG_EMPTY_CLUSTERS: Row[] = [
  ['outcome', 'yna ~ x + z', 'cregg', { clusters: 'cl' }],
  ['outcome-weights', 'yna ~ x * z', 'cregg', { clusters: 'cl', weights: 'w' }],
  ['outcome-zero-weights', 'yna ~ f + x', 'cregg', { clusters: 'cl', weights: 'w0' }],
  ['covariate', 'y ~ xna + z', 'cregg', { clusters: 'cl' }],
  ['covariate-and-outcome', 'yna ~ xna * m', 'cregg', { clusters: 'cl', weights: 'w' }],
  ['missing-weights', 'y ~ x + z', 'cregg', { clusters: 'cl', weights: 'wna' }],
  ['missing-weights-outcome', 'yna ~ x + z', 'cregg', { clusters: 'cl', weights: 'wna' }],
  ['singletons', 'yna ~ x + f', 'cregg', { clusters: 'cls' }],
  ['three-clusters', 'ync ~ x + z', 'cregg', { clusters: 'cl3' }],
  ['alpha', 'yna ~ x:f', 'cregg', { clusters: 'cl', alpha: 0.01 }],
  ['factor-empty-cell', 'yna ~ f * g', 'cregg', { clusters: 'cl' }],
  // The other clustered types count the clusters with rows, as estimatr (which drops the rows first): unchanged.
  ['cr0-unchanged', 'yna ~ x + z', 'CR0', { clusters: 'cl' }],
  ['stata-unchanged', 'y ~ xna + z', 'stata', { clusters: 'cl' }],
];

const AS_NUMERIC_TEXT: Row[] = [
  ['all-na', 'y ~ as.numeric(f) + x', 'HC2', {
    note: 'as.numeric() of text that is no number is NA on every row (R warns "NAs introduced by coercion"): lm stops, lm_robust returns NA for every coefficient',
    refusal: 'R\'s as.numeric() coerces text that is no number ("a", "b", "c") to NA',
  }],
  ['all-na-integer', 'y ~ as.integer(g)', 'HC1', {
    note: 'as.integer() of text: NA on every row, as as.numeric()',
    refusal: 'as.integer(g) is NA on every row: R\'s as.integer() coerces text that is no number',
  }],
  ['partly-numbers', 'y ~ as.numeric(nt) + z', 'HC2'],
  ['partly-numbers-cr2', 'y ~ as.numeric(nt) * m', 'CR2', { clusters: 'cl' }],
  ['factor-codes', 'y ~ as.numeric(factor(f)) + x', 'HC2'],
];

/** The stored cases of the twenty-ninth trial. */
export function trial29Designs(): Built {
  const data = `${ID}-data`;
  const fits = (group: FitCase['group'], prefix: string, list: Row[]) =>
    list.map(([name, formula, se, extra]) => fit(group, `${ID}-${prefix}-${name}`, data, formula, se, extra));
  const rake = (name: string, margins: RakeCase['margins'], extra: Partial<RakeCase> = {}): RakeCase => ({ kind: 'rake', id: `${ID}-rake-${name}`, group: 'rake-29', data, margins, ...extra });
  const sex = { male: 0.49, female: 0.51 };
  const age = { young: 0.3, mid: 0.35, old: 0.35 };
  const edu = { low: 0.25, mid: 0.45, high: 0.3 };
  const region = { N: 0.2, E: 0.3, S: 0.35, W: 0.15 };
  return {
    data: [{ id: data, columns: trialData(new Draw(SEED)) }],
    cases: [
      ...fits('fe-singletons-29', 'fe', FE_SINGLETONS),
      ...fits('factor-numeric-29', 'fn', FACTOR_NUMERIC),
      ...fits('transform-interactions-29', 'ti', TRANSFORM_INTERACTIONS),
      ...ALPHA_DF.map(([name, formula, se, alpha, extra]) => fit('alpha-df-29', `${ID}-alpha-${name}`, data, formula, se, { alpha, ...extra })),
      ...dimCases(),
      rake('three-base', { sex, age, edu }, { base_weights: 'bw' }),
      rake('four-base', { sex, age, edu, region }, { base_weights: 'bw' }),
      rake('four-counts-base', { region: { N: 2000, E: 3000, S: 3500, W: 1500 }, edu: { low: 2500, mid: 4500, high: 3000 }, sex: { male: 4900, female: 5100 }, age: { young: 3000, mid: 3500, old: 3500 } }, { base_weights: 'bw' }),
      rake('three', { edu, region, age }),
      rake('three-zero-base', { sex, age, edu }, { base_weights: 'w0' }),
      ...pAdjustCases(new Draw(P_SEED)),
      ...POWER,
      ...fits('as-numeric-text-29', 'asnum', AS_NUMERIC_TEXT),
      ...fits('cregg-empty-clusters-29', 'cregg', CREGG_EMPTY_CLUSTERS),
    ],
  };
}
