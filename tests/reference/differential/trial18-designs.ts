// The eighteenth R trial's classes (2026-12-05): new classes no earlier trial stored, each drawn from a stated seed
// (Draw(seed), seeds 18_100_000 + k), fitted by estimatr / stats / survey and stored in expected.json.gz (refit:
// write-inputs.ts, then differential.R). What each class stresses:
// - fe-transformed-18: estimatr's fixed_effects with a transformed term (`~ log(h)`, `~ round(hx)`, `~ I(h > 2)`,
//   `~ as.character(h)`, `~ cut(hx, 3)`, `~ h %% 2`, `~ interaction(g, f)`, `~ sqrt(h)` weighted, beside a column):
//   estimatr absorbs each term's values as a factor's levels; the formula algebra (`~ hn^2` is hn, `~ (g + f)^2`,
//   `~ g/hn`, `~ g - hn`, `~ g %in% f` absorb each variable); and 20 drawn fits of such terms (seed 18_100_003).
// - fe-singletons-18: fixed effects with clusters of unequal sizes and singletons: CR2 and CR0/stata (weighted), a
//   fixed effect nesting the clusters, stata with fixed effects and no clusters.
// - extreme-factors-18: outcomes at 1e-9 and 1e9 with factor × numeric interactions, covariates at 1e9 and 1e-9 beside
//   a factor, under HC2, HC3 and CR2.
// - factor-na-numeric-18: a factor × numeric interaction where the numeric (and the factor) has missing values.
// - analyst-terms-18: poly(x, 2) * f, I(x^2) + I(x^3), raw poly by name, log1p/sqrt/exp(-x), I(1/x), pmax/pmin.
// - dim-four-arms-18: difference_in_means of two of four arms (neither of them the first) with blocks, clusters and
//   weights; R fits the two conditions' rows where estimatr stops on the others (`subset_conditions`).
// - p-adjust-18: NA at every position and all but two or one values NA, every method.
// - power-18: power.t.test edges: one-sided n for a tiny effect, power just above alpha, n = 2, strict with few rows.
import { P_ADJUST_METHODS, type SeType } from '../../../analysis/index.ts';
import type { DataSet, DimCase, FitCase, PAdjustCase, PowerCase } from './case-types.ts';
import { dim, drawnFixedEffectCases, fit, numbers, strings } from './case-builders.ts';
import { Draw, type Column } from './random-data.ts';

const SEED = 18_100_000;

/** Cluster ids for 200 rows: 15 clusters of 10, 10 singletons, then clusters of 5, 15, 8 and 12 rows. */
function unevenClusters(): number[] {
  const sizes = [...Array.from({ length: 15 }, () => 10), ...Array.from({ length: 10 }, () => 1), 5, 15, 8, 12];
  return sizes.flatMap((size, k) => Array.from({ length: size }, () => k + 1));
}

/**
 * n = 200 rows in 29 uneven clusters (cl): outcome y (and ytiny = y·1e-9, yhuge = y·1e9), covariates x, x2 (> 0),
 * xn (x with missing values), xbig (x·1e9), xsmall (x·1e-9), z (0/1); fixed-effect sources g (5 levels), h (codes
 * 1–4; hn = h − 2, codes −1 to 2), hx (0.5–4.4, one decimal); f (3 levels) and fn (f with missing values); gcl (6 groups of whole clusters);
 * weights w.
 */
function trialData(draw: Draw): Column[] {
  const cl = unevenClusters();
  const n = cl.length;
  const rows = Array.from({ length: n }, (_, i) => i);
  const g = rows.map(() => `g${1 + draw.int(5)}`);
  const h = rows.map(() => 1 + draw.int(4));
  const hx = rows.map(() => Number(draw.uniform(0.5, 4.4).toFixed(1)));
  const f = rows.map(() => draw.pick(['lo', 'mid', 'hi']));
  const fn = f.map((v) => (draw.chance(0.06) ? null : v));
  const x = rows.map(() => Number(draw.normal().toFixed(4)));
  const x2 = rows.map(() => Number(draw.uniform(0.2, 6).toFixed(3)));
  const xn = x.map((v) => (draw.chance(0.08) ? null : v));
  const z = rows.map(() => (draw.chance(0.5) ? 1 : 0));
  const w = rows.map(() => Number(draw.uniform(0.3, 3).toFixed(3)));
  const gcl = cl.map((c) => `k${c % 6}`);
  const shock = Array.from({ length: 30 }, () => 0.5 * draw.normal());
  const y = rows.map((i) => Number((0.5 * z[i] + 0.4 * x[i] + 0.3 * h[i] + 0.2 * Math.round(hx[i]) + (f[i] === 'hi' ? 0.4 : 0) + shock[cl[i]] + draw.normal()).toFixed(5)));
  return [numbers('y', y, 5), numbers('ytiny', y.map((v) => v * 1e-9), 14), numbers('yhuge', y.map((v) => v * 1e9), 0), numbers('x', x, 4),
    numbers('x2', x2, 3), numbers('xn', xn, 4), numbers('xbig', x.map((v) => v * 1e9), 0), numbers('xsmall', x.map((v) => v * 1e-9), 13),
    numbers('z', z, 0), strings('g', g), numbers('h', h, 0), numbers('hx', hx, 1), strings('f', f), strings('fn', fn), strings('gcl', gcl),
    numbers('w', w, 3), numbers('cl', cl, 0), numbers('hn', h.map((v) => v - 2), 0)];
}

const NAN_NOTE = 'estimatr fits 200 rows (df 163; x 0.3026), the 18 rows where hx < 1 one group "NaN"; the same model with those rows dropped (a column lg = log(hx - 1) with NaN as NA) gives 182 rows, df 146, x 0.2945';

function transformedCases(id: string): FitCase[] {
  const fe = (name: string, formula: string, se: SeType, fixedEffects: string, extra: Partial<FitCase> = {}) =>
    fit('fe-transformed-18', `t18-fe-${name}`, id, formula, se, { fixed_effects: fixedEffects, ...extra });
  return [
    fe('log', 'y ~ x + z', 'HC2', '~ log(h)'),
    fe('round', 'y ~ x + z', 'HC1', '~ round(hx)'),
    fe('comparison', 'y ~ x + z', 'HC2', '~ I(h > 2)'),
    fe('as-character', 'y ~ x + z + f', 'classical', '~ as.character(h)'),
    fe('cut', 'y ~ x + z', 'HC2', '~ cut(hx, 3)'),
    fe('modulo', 'y ~ x + z', 'stata', '~ h %% 2', { clusters: 'cl' }),
    fe('interaction', 'y ~ x + z', 'HC2', '~ interaction(g, f)'),
    fe('sqrt-weighted', 'y ~ x + z', 'HC2', '~ sqrt(h)', { weights: 'w' }),
    fe('log-beside-g-CR2', 'y ~ x + z', 'CR2', '~ log(h) + g', { clusters: 'cl' }),
    fe('round-CR0-weighted', 'y ~ x * z', 'CR0', '~ round(hx)', { clusters: 'cl', weights: 'w' }),
    // The formula algebra lists variables only: hn^2 is hn (crossed with itself), not I(hn^2), whose −1 and 1 merge.
    fe('power-is-crossing', 'y ~ x + z', 'HC2', '~ hn^2'),
    fe('squares-I', 'y ~ x + z', 'HC2', '~ I(hn^2)'),
    fe('crossed-square-CR2', 'y ~ x + z', 'CR2', '~ (g + f)^2', { clusters: 'cl' }),
    fe('nesting-slash', 'y ~ x + z', 'HC1', '~ g/hn'),
    fe('minus-absorbs-both', 'y ~ x + z', 'classical', '~ g - hn'),
    fe('parentheses', 'y ~ x + z', 'HC2', '~ (g)'),
    fe('in-operator', 'y ~ x + z', 'HC2', '~ g %in% f'),
    // NaN made by the term (log of a negative): estimatr absorbs those rows as a group "NaN"; vlab refuses in words.
    fe('nan-term', 'y ~ x + z', 'HC2', '~ log(hx - 1)', { declined: 'one more group "NaN"', note: NAN_NOTE }),
    // NA in the term's column (cut of a column with NA) drops its rows, as in R.
    fe('cut-missing', 'y ~ x + z', 'HC1', '~ cut(xn, 3)'),
    // The absorbed term in the formula too: estimatr prints its row as NA.
    fe('term-in-formula', 'y ~ log(h) + x', 'HC2', '~ log(h)'),
    fe('term-in-formula-CR2', 'y ~ round(hx) * z', 'CR2', '~ round(hx)', { clusters: 'cl' }),
    fe('interaction-declared', 'y ~ x + z', 'HC2', '~ interaction(g, f)', { levels: { g: ['g3', 'g1', 'g2', 'g4', 'g5'] } }),
    fe('ifelse', 'y ~ x + z', 'stata', '~ ifelse(h > 2, "hi", "lo")', { clusters: 'cl', weights: 'w' }),
  ];
}

/**
 * 20 drawn fits with transformed fixed effects (Draw(SEED + 3)): a formula, a fixed-effects formula and an se type each
 * picked, weights on some (not under CR2, which estimatr refuses with fixed effects).
 */
function randomTransformedCases(id: string): FitCase[] {
  const formulas = ['y ~ x + z', 'y ~ x * z', 'y ~ z + f', 'y ~ poly(x, 2) + z', 'y ~ xn + z', 'y ~ log(x2) + fn', 'y ~ z * f + x'];
  const fixed = ['~ log(h)', '~ round(hx)', '~ I(hx > 2)', '~ cut(hx, 4)', '~ factor(h > 2) + g', '~ interaction(g, h)', '~ floor(hx) + f',
    '~ as.character(h):g', '~ exp(h)', '~ h^2 + g'];
  return drawnFixedEffectCases(new Draw(SEED + 3), 'fe-transformed-18', 't18-fe-random', id, 20, formulas, fixed);
}

function singletonCases(id: string): FitCase[] {
  const fe = (name: string, formula: string, se: SeType, extra: Partial<FitCase>) => fit('fe-singletons-18', `t18-fesingle-${name}`, id, formula, se, extra);
  return [
    fe('CR2', 'y ~ x + z', 'CR2', { clusters: 'cl', fixed_effects: '~ g' }),
    fe('CR2-factor', 'y ~ x + z + f', 'CR2', { clusters: 'cl', fixed_effects: '~ h' }),
    fe('CR2-nesting', 'y ~ x + z', 'CR2', { clusters: 'cl', fixed_effects: '~ gcl' }),
    fe('CR2-two', 'y ~ x * z', 'CR2', { clusters: 'cl', fixed_effects: '~ g + gcl' }),
    fe('CR0-weighted', 'y ~ x + z', 'CR0', { clusters: 'cl', weights: 'w', fixed_effects: '~ g' }),
    fe('stata-weighted', 'y ~ x + z + f', 'stata', { clusters: 'cl', weights: 'w', fixed_effects: '~ gcl' }),
    fe('stata-no-clusters', 'y ~ x + z', 'stata', { fixed_effects: '~ g' }),
    fe('stata-no-clusters-weighted', 'y ~ x + z + f', 'stata', { weights: 'w', fixed_effects: '~ g + h' }),
  ];
}

function extremeCases(id: string): FitCase[] {
  const g = 'extreme-factors-18';
  return [
    fit(g, 't18-tiny-f-times-x-HC2', id, 'ytiny ~ f * x', 'HC2'),
    fit(g, 't18-tiny-f-times-x-CR2-weighted', id, 'ytiny ~ f * x + z', 'CR2', { clusters: 'cl', weights: 'w' }),
    fit(g, 't18-huge-f-plus-x-CR2', id, 'yhuge ~ f + x + z', 'CR2', { clusters: 'cl' }),
    fit(g, 't18-huge-f-times-x-HC3', id, 'yhuge ~ f * x', 'HC3'),
    fit(g, 't18-big-small-covariates-HC3', id, 'y ~ f + xbig + xsmall', 'HC3'),
    fit(g, 't18-big-by-factor-CR2', id, 'y ~ f:xbig + z', 'CR2', { clusters: 'cl' }),
    fit(g, 't18-small-by-factor-stata', id, 'ytiny ~ f * xsmall', 'stata', { clusters: 'cl' }),
  ];
}

function missingInteractionCases(id: string): FitCase[] {
  const g = 'factor-na-numeric-18';
  return [
    fit(g, 't18-f-times-xn-HC2', id, 'y ~ f * xn', 'HC2'),
    fit(g, 't18-f-by-xn-CR2', id, 'y ~ f:xn + z', 'CR2', { clusters: 'cl' }),
    fit(g, 't18-fn-times-xn-stata', id, 'y ~ fn * xn', 'stata', { clusters: 'cl' }),
    fit(g, 't18-xn-times-z-weighted', id, 'y ~ xn * z + fn', 'HC1', { weights: 'w' }),
    fit(g, 't18-fn-by-x-classical', id, 'y ~ fn:x + x', 'classical'),
  ];
}

function analystTermCases(id: string): FitCase[] {
  const g = 'analyst-terms-18';
  return [
    fit(g, 't18-poly-times-f', id, 'y ~ poly(x, 2) * f', 'HC2'),
    fit(g, 't18-squares-cubes', id, 'y ~ x + I(x^2) + I(x^3) + f', 'HC1'),
    fit(g, 't18-raw-poly-named', id, 'y ~ poly(x, degree = 2, raw = TRUE) + z', 'CR2', { clusters: 'cl' }),
    fit(g, 't18-log1p-sqrt-exp', id, 'y ~ log1p(x2) + sqrt(x2) + exp(-x)', 'HC3'),
    fit(g, 't18-reciprocal', id, 'y ~ I(1/x2) + z', 'HC2', { weights: 'w' }),
    fit(g, 't18-pmax-pmin', id, 'y ~ pmax(x, 0) + pmin(x, 0) + z', 'HC2'),
    fit(g, 't18-log-times-f-CR2', id, 'y ~ log(x2) * f', 'CR2', { clusters: 'cl' }),
  ];
}

/**
 * n = 240 rows in 60 clusters of 4 nested in 4 blocks ("blk A" …): a four-arm treatment arm assigned by cluster within
 * blocks (labels "ctrl", "T1 low", "T2 high", "T3 both"), outcome y, weights w.
 */
function armData(draw: Draw): Column[] {
  const arms = ['ctrl', 'T1 low', 'T2 high', 'T3 both'];
  const clusterArm = Array.from({ length: 4 }, () => draw.shuffle([...arms, ...arms, ...arms, ...arms.slice(0, 3)])).flat();
  const rows = Array.from({ length: 240 }, (_, i) => i);
  const cl = rows.map((i) => 1 + Math.floor(i / 4));
  const block = cl.map((c) => `blk ${'ABCD'[Math.floor((c - 1) / 15)]}`);
  const arm = cl.map((c) => clusterArm[c - 1]);
  const w = rows.map(() => Number(draw.uniform(0.4, 2.5).toFixed(3)));
  const clusterShock = Array.from({ length: 61 }, () => 0.4 * draw.normal());
  const y = rows.map((i) => Number((0.3 * arms.indexOf(arm[i]) + clusterShock[cl[i]] + draw.normal()).toFixed(5)));
  return [numbers('y', y, 5), strings('arm', arm), strings('block', block), numbers('cl', cl, 0), numbers('w', w, 3)];
}

function armCases(id: string): DimCase[] {
  const g = 'dim-four-arms-18';
  const two = (condition1: string, condition2: string) => ({ treatment: 'arm', condition1, condition2 });
  const subset = { subset_conditions: true } as const;
  return [
    dim(g, 't18-dim-arms-plain', id, two('T1 low', 'T3 both')),
    dim(g, 't18-dim-arms-weights', id, { ...two('T3 both', 'T2 high'), weights: 'w' }),
    dim(g, 't18-dim-arms-clusters-weights', id, { ...two('T2 high', 'T1 low'), clusters: 'cl', weights: 'w' }),
    dim(g, 't18-dim-arms-blocks-weights', id, { ...two('T1 low', 'T2 high'), blocks: 'block', weights: 'w', ...subset }),
    dim(g, 't18-dim-arms-blocks-clusters', id, { ...two('T3 both', 'T1 low'), blocks: 'block', clusters: 'cl', ...subset }),
    dim(g, 't18-dim-arms-all-three', id, { ...two('T2 high', 'T3 both'), blocks: 'block', clusters: 'cl', weights: 'w', alpha: 0.1, ...subset }),
    dim(g, 't18-dim-arms-no-conditions', id, { treatment: 'arm', clusters: 'cl' }),
  ];
}

function pAdjustCases(): PAdjustCase[] {
  const draw = new Draw(SEED + 2);
  const p = Array.from({ length: 7 }, () => Number(draw.uniform(0, 0.3).toFixed(5)));
  const vectors: [string, (number | null)[]][] = [
    ['na-first-last', [null, ...p.slice(0, 5), null]],
    ['two-present', [null, p[0], null, null, p[1], null]],
    ['one-present', [null, null, p[2], null]],
  ];
  return vectors.flatMap(([name, values]) =>
    P_ADJUST_METHODS.filter((method) => method !== 'fdr').map((method): PAdjustCase => ({ kind: 'p_adjust', id: `t18-p-adjust-${name}-${method}`, group: 'p-adjust-18', p: values, method })));
}

const BELOW_FLOOR = 'reached with n per arm below 1.01';
const BELOW_FLOOR_NOTE = 'R finds n = 1.0605 (one-sided, power 0.06) and 1.0778 (two-sided, 0.03) where its pt is wrong below 1 df: the power there is 0.06580 and 0.03319 (40 digits, tests/analysis/r/power-small-df.py\'s integral; vlab agrees), and every n down to 1.01 has more than the target';

function powerCases(): PowerCase[] {
  const base = { kind: 'power', group: 'power-18', sd: 1, alpha: 0.05, strict: false } as const;
  const one = { alternative: 'one.sided' } as const;
  return [
    { ...base, ...one, id: 't18-power-one-sided-tiny-effect-n', solve: 'n', effect: 0.02, power: 0.8 },
    { ...base, ...one, id: 't18-power-one-sided-near-alpha-n', solve: 'n', effect: 0.5, power: 0.06, declined: BELOW_FLOOR, note: BELOW_FLOOR_NOTE },
    { ...base, id: 't18-power-two-sided-near-half-alpha-n', solve: 'n', effect: 0.5, power: 0.03, declined: BELOW_FLOOR, note: BELOW_FLOOR_NOTE },
    { ...base, ...one, id: 't18-power-one-sided-n2', solve: 'power', n: 2, effect: 1.5 },
    { ...base, id: 't18-power-strict-n3-delta', solve: 'effect', n: 3, power: 0.8, strict: true },
    { ...base, id: 't18-power-one-sample-strict-n2', solve: 'power', n: 2, effect: 3, type: 'one.sample', strict: true },
    { ...base, ...one, id: 't18-power-paired-alpha-20-delta', solve: 'effect', n: 15, power: 0.5, alpha: 0.2, type: 'paired' },
    { ...base, id: 't18-power-large-sd-n', solve: 'n', effect: 1, sd: 40, power: 0.9 },
  ];
}

/** The eighteenth trial's stored cases. */
export function trial18Designs(): { data: DataSet[]; cases: (FitCase | DimCase | PAdjustCase | PowerCase)[] } {
  const id = 't18-data';
  const arms = 't18-arms';
  const data: DataSet[] = [{ id, columns: trialData(new Draw(SEED)) }, { id: arms, columns: armData(new Draw(SEED + 1)) }];
  const cases = [...transformedCases(id), ...randomTransformedCases(id), ...singletonCases(id), ...extremeCases(id), ...missingInteractionCases(id), ...analystTermCases(id),
    ...armCases(arms), ...pAdjustCases(), ...powerCases()];
  return { data, cases };
}
