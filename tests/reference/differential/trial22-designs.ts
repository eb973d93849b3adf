// The twenty-second R trial's classes (2026-12-05): inputs no earlier trial stored, each drawn from a stated seed
// (Draw(seed), seeds 22_100_000 + k), fitted by estimatr / survey and stored in expected.json.gz (refit: write-inputs.ts,
// then differential.R). What each class stresses:
// - three-way-22: interactions of three numerics and of factors with numerics as analysts type them: `x * z * u`,
//   `x:z:u` alone, `x:z` without its main effects, `(x + z + u)^3`, `x * z * u - x:z:u`, `f:x:z`, `f * g * x`,
//   `f * x * z` weighted and clustered, under classical, HC2, HC3, CR2, CR0 and stata.
// - fe-weights-clusters-22: fixed_effects, weights and clusters together with a factor × numeric term (CR0, stata),
//   HC1 weighted without clusters, and weighted CR2 with fixed effects (estimatr stops; vlab must refuse).
// - one-level-after-na-22: a factor (text, factor() of numbers, in an interaction only) left with one level once the
//   rows with a missing outcome or covariate are dropped (R stops: "contrasts can be applied only to factors with 2 or
//   more levels"), and the same factor as fixed effects (estimatr absorbs it into the intercept).
// - coding-22: one variable coded as numbers written with a decimal ("1.0", "2.0", "10.0"), as quoted numbers ("1", "2",
//   "10": read.csv reads them as numbers), as text ("k1", "k2", "k10": C order k1 < k10 < k2) and through factor() /
//   as.character() of the numbers: slope against dummies, level names and order.
// - singleton-clusters-22: every cluster one row (CR2, CR0, stata; weighted), and one row per cluster but one.
// - rake-22: survey::rake with four margins, nested variables (a region and its coarsening) consistent and not, and a
//   copy of a variable given other margins (survey returns weights that miss a margin, silently; vlab refuses).
// - whole-column-terms-22: terms R computes on every row of the data before the rows with a missing outcome or covariate
//   are dropped (scale(), poly(), mean() centring, cut() into n intervals or at quantile(), median()), so they are not
//   centred or orthogonal on the rows fitted; and scale(x) beside x with missing values, collinear with the intercept;
//   under HC2, classical, CR2 (weighted or not) and cregg.
// - power-unequal-22: pwr::pwr.t2n.test of two unequal arms (power; n1 for a given n2; n2 for a given n1, which vlab
//   could not solve before this trial; d), two-sided (vlab's strict) and one-sided ("greater"), alpha 0.01–0.1, and a
//   power no size of one arm reaches with the other fixed (pwr's uniroot stops; vlab refuses in words); 12 drawn.
// - trial22-random: 30 drawn fits of these formulas, weights and se types (Draw(SEED + 9)).
import type { SeType } from '../../../analysis/index.ts';
import type { DataSet, FitCase, PowerCase, RakeCase } from './case-types.ts';
import { fit, numbers, strings } from './case-builders.ts';
import { Draw, type Column } from './random-data.ts';

interface Built {
  data: DataSet[];
  cases: (FitCase | PowerCase | RakeCase)[];
}

const SEED = 22_100_000;
const ID = 't22';
const ROWS = 160;

/**
 * 160 rows in 32 clusters of 5 (cl), each row its own cluster too (one); y; numerics x (0.1–5), z (0/1), u (N(0, 1));
 * factors f (3) and g (4); fixed effect h (6 levels); weights w (0.2–3); a two-level factor b whose "q" rows all have
 * a missing outcome (yq) or covariate (xq); k as numbers written "1.0", "2.0", "10.0" (kn), quoted (kq) and as text (kt); regions
 * r4 (4) with their coarsening r2 (2) and a copy r4c.
 */
function trialData(draw: Draw): Column[] {
  const rows = Array.from({ length: ROWS }, (_, i) => i);
  const cl = rows.map((i) => 1 + Math.floor(i / 5));
  const one = rows.map((i) => i + 1);
  // One row per cluster except the last ten rows, which share one cluster.
  const mostlyOne = rows.map((i) => (i >= ROWS - 10 ? ROWS - 9 : i + 1));
  const x = rows.map(() => Number(draw.uniform(0.1, 5).toFixed(3)));
  const z = rows.map(() => (draw.chance(0.5) ? 1 : 0));
  const u = rows.map(() => Number(draw.normal().toFixed(4)));
  const f = rows.map((i) => ['lo', 'mid', 'hi'][i < 3 ? i : draw.int(3)]);
  const g = rows.map((i) => ['g1', 'g2', 'g3', 'g4'][i < 4 ? i : draw.int(4)]);
  const h = rows.map((i) => `h${1 + (i % 6)}`);
  const w = rows.map(() => Number(draw.uniform(0.2, 3).toFixed(3)));
  const b = rows.map((i) => (i % 4 === 0 ? 'q' : 'p'));
  const k = rows.map((i) => [1, 2, 10][i < 3 ? i : draw.int(3)]);
  const r4 = rows.map((i) => ['n1', 'n2', 's1', 's2'][i < 4 ? i : draw.int(4)]);
  const shock = Array.from({ length: 33 }, () => 0.4 * draw.normal());
  const effect: Record<string, number> = { lo: 0, mid: 0.3, hi: -0.4 };
  const y = rows.map((i) => Number((1 + 0.3 * x[i] + 0.5 * z[i] - 0.2 * u[i] + 0.1 * x[i] * z[i] * u[i] + effect[f[i]] + 0.05 * k[i] + shock[cl[i]] + draw.normal()).toFixed(5)));
  const yq = rows.map((i) => (b[i] === 'q' ? null : y[i]));
  const xq = rows.map((i) => (b[i] === 'q' ? null : x[i]));
  return [numbers('y', y, 5), numbers('yq', yq, 5), numbers('x', x, 3), numbers('xq', xq, 3), numbers('z', z, 0), numbers('u', u, 4),
    strings('f', f), strings('g', g), strings('h', h), numbers('w', w, 3), numbers('cl', cl, 0), numbers('one', one, 0),
    numbers('mostlyone', mostlyOne, 0), strings('b', b), numbers('kn', k, 1), strings('kq', k.map(String)), strings('kt', k.map((v) => `k${v}`)),
    strings('r4', r4), strings('r2', r4.map((r) => r.slice(0, 1))), strings('r4c', r4)];
}

const THREE_WAY_FORMULAS: [string, string][] = [
  ['xzu', 'y ~ x * z * u'],
  ['xzu-only', 'y ~ x:z:u'],
  ['xz-no-mains', 'y ~ x:z'],
  ['xz-xu', 'y ~ x:z + x:u'],
  ['cube', 'y ~ (x + z + u)^3'],
  ['no-three', 'y ~ x * z * u - x:z:u'],
  ['f-xz', 'y ~ f:x:z'],
  ['fgx', 'y ~ f * g * x'],
  ['fxz', 'y ~ f * x * z'],
  ['three-then-main', 'y ~ x:z:f + f'],
  ['u-by-fz', 'y ~ u + u:f:z'],
  ['log-three', 'y ~ log(x) * z * u'],
];

function threeWayCases(data: string): FitCase[] {
  const types: SeType[] = ['classical', 'HC2', 'HC3', 'HC1'];
  return THREE_WAY_FORMULAS.flatMap(([name, formula], k) => [
    fit('three-way-22', `${ID}-three-${name}`, data, formula, types[k % 4]),
    fit('three-way-22', `${ID}-three-${name}-CR2`, data, formula, 'CR2', { clusters: 'cl', ...(k % 2 === 0 ? { weights: 'w' } : {}) }),
    fit('three-way-22', `${ID}-three-${name}-${k % 2 === 0 ? 'CR0' : 'stata'}`, data, formula, k % 2 === 0 ? 'CR0' : 'stata', { clusters: 'cl', weights: 'w' }),
  ]);
}

function fixedEffectCases(data: string): FitCase[] {
  const fe = (name: string, formula: string, se: SeType, extra: Partial<FitCase>): FitCase =>
    fit('fe-weights-clusters-22', `${ID}-fe-${name}`, data, formula, se, { fixed_effects: '~ h', ...extra });
  return [
    fe('f-by-x-CR0', 'y ~ f * x', 'CR0', { weights: 'w', clusters: 'cl' }),
    fe('f-by-x-stata', 'y ~ f * x', 'stata', { weights: 'w', clusters: 'cl' }),
    fe('three-CR0', 'y ~ x * z * u', 'CR0', { weights: 'w', clusters: 'cl' }),
    fe('g-by-z-stata', 'y ~ g:z + u', 'stata', { weights: 'w', clusters: 'cl' }),
    fe('f-by-x-HC1', 'y ~ f * x', 'HC1', { weights: 'w' }),
    fe('f-by-x-HC2', 'y ~ f * x + log(x)', 'HC2', { weights: 'w' }),
    fe('two-fe-CR0', 'y ~ f * x', 'CR0', { weights: 'w', clusters: 'cl', fixed_effects: '~ h + g' }),
    // estimatr: "Cannot use fixed_effects with weighted CR2" (or its like): both must stop.
    fe('f-by-x-CR2-weighted', 'y ~ f * x', 'CR2', { weights: 'w', clusters: 'cl' }),
    fe('f-by-x-CR2', 'y ~ f * x', 'CR2', { clusters: 'cl' }),
  ];
}

function oneLevelCases(data: string): FitCase[] {
  const one = (name: string, formula: string, se: SeType, extra: Partial<FitCase> = {}): FitCase =>
    fit('one-level-after-na-22', `${ID}-one-level-${name}`, data, formula, se, extra);
  return [
    one('outcome', 'yq ~ x + b', 'HC2'),
    one('covariate', 'y ~ xq + b', 'HC2'),
    one('interaction-only', 'yq ~ x + x:b', 'HC2'),
    one('factor-crossed', 'yq ~ f * b', 'classical'),
    one('clustered', 'yq ~ x + b', 'CR2', { clusters: 'cl' }),
    one('declared', 'yq ~ x + b', 'HC2', { levels: { b: ['q', 'p'] } }),
    one('fixed-effect', 'yq ~ x + f', 'HC2', { fixed_effects: '~ b' }),
    one('fixed-effect-CR0', 'yq ~ x + f', 'CR0', { fixed_effects: '~ b', clusters: 'cl', weights: 'w' }),
    one('as-factor-of-text', 'yq ~ x + factor(b)', 'HC1'),
  ];
}

function codingCases(data: string): FitCase[] {
  const coded = (name: string, formula: string, se: SeType, extra: Partial<FitCase> = {}): FitCase =>
    fit('coding-22', `${ID}-coding-${name}`, data, formula, se, extra);
  return [
    coded('numeric-slope', 'y ~ kn + x', 'HC2'),
    coded('quoted-numbers', 'y ~ kq + x', 'HC2'),
    coded('factor-of-quoted', 'y ~ factor(kq) + x', 'HC1'),
    coded('text-dummies', 'y ~ kt + x', 'HC2'),
    coded('factor-of-numbers', 'y ~ factor(kn) + x', 'HC2'),
    coded('character-of-numbers', 'y ~ as.character(kn) + x', 'HC2'),
    coded('factor-of-text', 'y ~ factor(kt) + x', 'CR2', { clusters: 'cl' }),
    coded('numeric-of-character', 'y ~ as.numeric(as.character(kn)) + x', 'HC2'),
    coded('text-declared', 'y ~ kt * z', 'HC2', { levels: { kt: ['k10', 'k2', 'k1'] } }),
    coded('text-relevel', 'y ~ relevel(factor(kt), ref = "k2") + x', 'CR0', { clusters: 'cl' }),
    coded('relevel-numbers', 'y ~ relevel(factor(kn), ref = "10") + x', 'classical'),
    coded('text-by-numeric', 'y ~ kt:kn', 'HC2'),
    coded('both-codings', 'y ~ kt + kn', 'HC2'),
    coded('both-codings-weighted', 'y ~ kn + factor(kn)', 'CR2', { clusters: 'cl', weights: 'w' }),
  ];
}

function singletonCases(data: string): FitCase[] {
  const single = (name: string, formula: string, se: SeType, extra: Partial<FitCase>): FitCase =>
    fit('singleton-clusters-22', `${ID}-singletons-${name}`, data, formula, se, extra);
  return [
    single('all-CR2', 'y ~ x + f', 'CR2', { clusters: 'one' }),
    single('all-CR2-weighted', 'y ~ x * z + f', 'CR2', { clusters: 'one', weights: 'w' }),
    single('all-CR0', 'y ~ x + f', 'CR0', { clusters: 'one' }),
    single('all-stata-weighted', 'y ~ x + f', 'stata', { clusters: 'one', weights: 'w' }),
    single('but-one-CR2', 'y ~ x + f', 'CR2', { clusters: 'mostlyone' }),
    single('but-one-CR2-weighted', 'y ~ x * f', 'CR2', { clusters: 'mostlyone', weights: 'w' }),
    single('but-one-stata', 'y ~ x + g', 'stata', { clusters: 'mostlyone' }),
  ];
}

function rakeCases(data: string): RakeCase[] {
  const rake = (name: string, margins: RakeCase['margins'], extra: Partial<RakeCase> = {}): RakeCase => ({
    kind: 'rake', id: `${ID}-rake-${name}`, group: 'rake-22', data, margins, ...extra,
  });
  return [
    rake('four-margins', { f: { lo: 0.3, mid: 0.3, hi: 0.4 }, g: { g1: 0.1, g2: 0.2, g3: 0.3, g4: 0.4 }, z: { 0: 0.6, 1: 0.4 }, b: { p: 0.7, q: 0.3 } }),
    rake('nested-consistent', { r4: { n1: 0.2, n2: 0.3, s1: 0.1, s2: 0.4 }, r2: { n: 0.5, s: 0.5 }, f: { lo: 0.2, mid: 0.5, hi: 0.3 } }),
    // Margins that contradict each other (north 0.5 by r4, 0.7 by r2; r4c is r4 with other shares): survey::rake returns
    // weights that meet the last margin and miss an earlier one, without a warning; vlab refuses (`unreachable`).
    rake('nested-inconsistent', { r4: { n1: 0.2, n2: 0.3, s1: 0.1, s2: 0.4 }, r2: { n: 0.7, s: 0.3 } }, { unreachable: true }),
    rake('copy-other-margins', { r4: { n1: 0.25, n2: 0.25, s1: 0.25, s2: 0.25 }, r4c: { n1: 0.4, n2: 0.3, s1: 0.2, s2: 0.1 }, z: { 0: 0.5, 1: 0.5 } }, { unreachable: true }),
    rake('four-margins-base', { f: { lo: 0.3, mid: 0.3, hi: 0.4 }, g: { g1: 0.1, g2: 0.2, g3: 0.3, g4: 0.4 }, z: { 0: 0.6, 1: 0.4 }, r2: { n: 0.45, s: 0.55 } }, { base_weights: 'w' }),
  ];
}

type PowerInput = Pick<PowerCase, 'effect' | 'n' | 'n2' | 'power'> & { alpha?: number; sd?: number; oneSided?: true };

/** pwr.t2n.test cases: what is solved is the one of effect, n, n2 and power left out. */
function powerCases(draw: Draw): PowerCase[] {
  const t2n = (name: string, input: PowerInput): PowerCase => {
    const { oneSided, alpha, sd, ...given } = input;
    const solve = given.n2 === 'solve' ? 'n2' : given.power === undefined ? 'power' : given.n === undefined ? 'n' : 'effect';
    return { kind: 'power', id: `${ID}-power-${name}`, group: 'power-unequal-22', solve, sd: sd ?? 1, alpha: alpha ?? 0.05, strict: !oneSided, ...given, ...(oneSided ? { alternative: 'one.sided' } : {}) };
  };
  const fixed = [
    t2n('power-100-50', { effect: 0.8, sd: 2, n: 100, n2: 50 }),
    t2n('power-20-200', { effect: 0.3, n: 20, n2: 200, alpha: 0.01 }),
    t2n('power-5-3', { effect: 1.5, n: 5, n2: 3 }),
    t2n('power-one-sided', { effect: 0.35, n: 40, n2: 160, alpha: 0.1, oneSided: true }),
    t2n('n1-for-n2-60', { effect: 1, sd: 2, n2: 60, power: 0.8 }),
    t2n('n2-for-n1-60', { effect: 1, sd: 2, n: 60, n2: 'solve', power: 0.8 }),
    t2n('n2-for-n1-25-one-sided', { effect: 1.2, sd: 2, n: 25, n2: 'solve', power: 0.9, alpha: 0.1, oneSided: true }),
    t2n('n2-for-n1-300', { effect: 0.2, n: 300, n2: 'solve', power: 0.8, alpha: 0.01 }),
    t2n('d-120-40', { n: 120, n2: 40, power: 0.8 }),
    t2n('d-one-sided', { sd: 3, n: 15, n2: 45, power: 0.7, oneSided: true }),
    // With the fixed arm at 10 the power tends to 0.35 at most: pwr's uniroot stops, vlab refuses.
    t2n('n2-unreachable', { effect: 0.5, n: 10, n2: 'solve', power: 0.5 }),
    t2n('n1-unreachable', { effect: 0.5, n2: 10, power: 0.9 }),
  ];
  const drawn = Array.from({ length: 12 }, (_, k) => {
    const n = 10 + draw.int(300);
    const effect = Number(draw.uniform(0.2, 1.2).toFixed(2));
    const pick = k % 4;
    const input: PowerInput = pick === 0 ? { effect, n, n2: 5 + draw.int(300) } : pick === 1 ? { effect, n, n2: 'solve', power: 0.6 } : pick === 2 ? { effect, n2: n, power: 0.7 } : { n, n2: 5 + draw.int(300), power: 0.8 };
    return t2n(`drawn-${k}`, { ...input, ...(draw.chance(0.3) ? { oneSided: true } : {}), alpha: draw.pick([0.01, 0.05, 0.1]) });
  });
  return [...fixed, ...drawn];
}

function wholeColumnCases(data: string): FitCase[] {
  const formulas: [string, string][] = [
    ['scale', 'yq ~ scale(x)'],
    ['poly', 'yq ~ poly(x, 2) + f'],
    ['mean', 'yq ~ I(x - mean(x)) * z'],
    ['cut', 'yq ~ cut(x, 3)'],
    ['cut-quantile', 'yq ~ cut(x, quantile(x), include.lowest = TRUE)'],
    ['median', 'yq ~ ifelse(x > median(x), 1, 0) + u'],
    ['scale-no-centre', 'yq ~ scale(x, center = FALSE) + f'],
    ['scale-beside-missing', 'y ~ scale(x) + xq'],
  ];
  const cases = formulas.flatMap(([name, formula], k) => [
    fit('whole-column-terms-22', `${ID}-whole-${name}`, data, formula, k % 2 === 0 ? 'HC2' : 'classical'),
    fit('whole-column-terms-22', `${ID}-whole-${name}-CR2`, data, formula, 'CR2', { clusters: 'cl', ...(k % 2 === 0 ? { weights: 'w' } : {}) }),
  ]);
  // cregg's route (svyglm) evaluates the terms on every row of the design too.
  return [...cases, fit('whole-column-terms-22', `${ID}-whole-scale-cut-cregg`, data, 'yq ~ scale(x) + cut(x, 3)', 'cregg', { clusters: 'cl' }),
    fit('whole-column-terms-22', `${ID}-whole-poly-cregg-weighted`, data, 'yq ~ poly(x, 2) + f', 'cregg', { clusters: 'cl', weights: 'w' })];
}

/** 30 drawn fits (Draw(SEED + 9)): a formula of the classes above, weights or none, an se type. */
function randomCases(draw: Draw, data: string): FitCase[] {
  const formulas = [...THREE_WAY_FORMULAS.map(([, formula]) => formula), 'y ~ kt * x', 'y ~ factor(kn):z + u'];
  const types: SeType[] = ['classical', 'HC0', 'HC1', 'HC2', 'HC3', 'CR0', 'stata', 'CR2'];
  return Array.from({ length: 30 }, (_, k) => {
    const se = draw.pick(types);
    const weighted = draw.chance(0.5);
    const clustered = se.startsWith('CR') || se === 'stata';
    const clusters = clustered ? draw.pick(['cl', 'one', 'mostlyone']) : undefined;
    return fit('trial22-random', `${ID}-random-${k}`, data, draw.pick(formulas), se, { ...(weighted ? { weights: 'w' } : {}), ...(clusters ? { clusters } : {}) });
  });
}

/** The twenty-second trial's stored cases. */
export function trial22Designs(): Built {
  const data = `${ID}-data`;
  return {
    data: [{ id: data, columns: trialData(new Draw(SEED)) }],
    cases: [...threeWayCases(data), ...fixedEffectCases(data), ...oneLevelCases(data), ...codingCases(data), ...singletonCases(data), ...wholeColumnCases(data), ...rakeCases(data),
      ...powerCases(new Draw(SEED + 5)), ...randomCases(new Draw(SEED + 9), data)],
  };
}
