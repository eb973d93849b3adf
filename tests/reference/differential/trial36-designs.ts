// The thirty-sixth R trial's classes (task rtrial36, 2026-12-07): combinations no earlier trial stored, drawn from stated
// seeds (Draw(36_100_000) for the data, Draw(36_100_001) for the p-values, Draw(36_100_002) for the drawn fits), fitted
// by R and stored in expected.json.gz (refit: write-inputs.ts, then differential.R; only new cases are refitted). What
// each class stresses:
// - zero-weights-clusters-36: weights with exact zeros on whole clusters (one of 20 rows, two of 6) and on singletons,
//   beside clusters of 1 to 100 rows, under CR0, CR2, stata and cregg, with a fixed effect and a factor × numeric.
// - mixed-clusters-cr2-36: one cluster of 100 rows, four of 20 and 60 of one row under CR2 (and CR0, stata), with
//   factor × numeric terms, a fixed effect, weights, a subset that drops the big cluster.
// - factor-numeric-fe-cr2-36: a factor × a numeric under CR2 with one and two fixed effects, clusters nested in the
//   fixed effect (clb, 5 rows) and crossing it, missing values; some also against the dummies' fit (clubSandwich).
// - subset-empty-level-36: a subset that leaves a factor's level, an interaction's cell, a fixed effect's group or a
//   cluster without rows, with the level declared and not, under HC2, CR2, stata, cregg and in difference_in_means.
// - character-outcome-36: an outcome read as text ("yes"/"no", numbers with a "." for missing), as such (R stops) and
//   coerced by as.numeric(), ==, factor(), in lm_robust, cregg and difference_in_means.
// - dim-tiny-arm-36: difference_in_means with two rows or two clusters in one arm, with blocks, clusters and weights.
// - weights-scaled-36: the same weights times 1e6 and 1e-6 (every weight scaled: nothing should move) under HC, CR0, CR2,
//   stata, cregg, with fixed effects and in difference_in_means.
// - rake-absent-36: survey::rake to margins with a level the sample lacks (share 0 and above 0), then a fit with them.
// - p-adjust-36: every p.adjust method with NA among drawn values, with and without n.
// - power-edges-36: pwr's pwr.2p.test / pwr.2p2n.test and pwr.t2n.test at edge inputs (h = 0, n = 2, alpha 1e-6,
//   power 0.999999, one arm of 2 beside 1e6).
// - fe-two-together-36: 24 drawn fits (seed 36_100_003) of terms collinear with two fixed effects only together (a column
//   beside a rescaling of it, scale(x), poly(x, 2) beside I(x^2), log1p(x) beside 3 log1p(x) + 2), under every se type,
//   weighted, clustered: R trial 35 declined such fits where vlab's column-by-column sweeps left a residue; since this
//   trial the columns are swept together, as estimatr does.
// - trial36-random: 30 drawn fits of these columns (seed 36_100_002).
import { dim, drawnFits, drawnTogetherFits, fitRows, numbers, strings, type FitRow } from './case-builders.ts';
import type { DataSet, DimCase, FitCase, PAdjustCase, PowerCase, PowerHCase, RakeCase } from './case-types.ts';
import { Draw, type Column } from './random-data.ts';

interface Built {
  data: DataSet[];
  cases: (FitCase | DimCase | PAdjustCase | PowerCase | PowerHCase | RakeCase)[];
}

const SEED = 36_100_000;
const P_SEED = 36_100_001;
const RANDOM_SEED = 36_100_002;
const TOGETHER_SEED = 36_100_003;
const ID = 't36';
const N = 240;

/** clmix: rows 1–100 one cluster, 101–180 four clusters of 20, 181–240 one cluster each. */
const mixedCluster = (i: number): number => (i < 100 ? 1 : i < 180 ? 2 + Math.floor((i - 100) / 20) : 6 + (i - 180));

/**
 * 240 rows: id; x (0–10, one decimal), xna (x with ~5 % NA), u (normal), z (0/1); m (a/b/c), f (f1–f4, f4 only where x
 * < 2); w (0.2–3), wz (w with exact zeros on clmix's cluster 3, cl's 2 and 9, and ~10 % of rows), wbig (w · 1e6), wsmall
 * (w · 1e-6), wzbig (wz · 1e6); fe (6 groups of 40), fe2 (4 groups crossing fe), fena (fe, ~4 % NA); cl (40 clusters of
 * 6), clb (48 of 5, nested in fe), clmix (1 × 100, 4 × 20, 60 × 1); z2 (two rows treated), zb2 (two treated rows a fe
 * group), zc2 (two clb clusters treated), zcb (two clb clusters treated a fe group); yyn ("yes"/"no"), ydot (y as text,
 * "." where yna is missing); sex, age, region (rake margins; region never "islands"); y, yna.
 */
function trialData(draw: Draw): Column[] {
  const rows = Array.from({ length: N }, (_, i) => i);
  const x = rows.map(() => Number(draw.uniform(0, 10).toFixed(1)));
  const xna = x.map((v, i) => (i > 6 && draw.chance(0.05) ? null : v));
  const u = rows.map(() => Number(draw.normal().toFixed(2)));
  const z = rows.map((i) => (i < 2 ? i : draw.chance(0.5) ? 1 : 0));
  const m = rows.map((i) => ['a', 'b', 'c'][i < 3 ? i : draw.int(3)]);
  const f = rows.map((i) => (x[i] < 2 && draw.chance(0.6) ? 'f4' : ['f1', 'f2', 'f3'][draw.int(3)]));
  const w = rows.map(() => Number(draw.uniform(0.2, 3).toFixed(3)));
  const cl = rows.map((i) => 1 + Math.floor(i / 6));
  const clb = rows.map((i) => 1 + Math.floor(i / 5));
  const clmix = rows.map(mixedCluster);
  const wz = w.map((v, i) => (clmix[i] === 3 || cl[i] === 2 || cl[i] === 9 || (i > 3 && draw.chance(0.1)) ? 0 : v));
  const fe = rows.map((i) => `g${1 + Math.floor(i / 40)}`);
  const fe2 = rows.map((i) => `h${1 + (i % 4)}`);
  const fena = fe.map((v, i) => (i > 6 && draw.chance(0.04) ? null : v));
  const z2 = rows.map((i) => (i === 10 || i === 150 ? 1 : 0));
  const zb2 = rows.map((i) => (i % 40 === 7 || i % 40 === 23 ? 1 : 0));
  const zc2 = clb.map((c) => (c === 4 || c === 30 ? 1 : 0));
  const zcb = clb.map((c) => ((c - 1) % 8 < 2 ? 1 : 0));
  const sex = rows.map(() => (draw.chance(0.45) ? 'male' : 'female'));
  const age = rows.map(() => draw.pick(['18-34', '35-54', '55+', '55+']));
  const region = rows.map(() => draw.pick(['north', 'south', 'east', 'west']));
  const mEffect: Record<string, number> = { a: 0, b: 0.3, c: -0.2 };
  const fEffect: Record<string, number> = { f1: 0, f2: 0.2, f3: -0.1, f4: 0.5 };
  const feEffect = Array.from({ length: 6 }, () => draw.normal());
  const shock = Array.from({ length: 48 }, () => 0.4 * draw.normal());
  const y = rows.map((i) =>
    Number((1 + 0.1 * x[i] + 0.4 * z[i] + mEffect[m[i]] + fEffect[f[i]] + 0.05 * x[i] * fEffect[f[i]] + (sex[i] === 'male' ? 0.2 : 0) +
      0.2 * u[i] + feEffect[Math.floor(i / 40)] + shock[clb[i] - 1] + draw.normal()).toFixed(4)));
  const yna = y.map((v, i) => (i > 6 && draw.chance(0.05) ? null : v));
  const yyn = y.map((v) => (v > 1.5 ? 'yes' : 'no'));
  const ydot = yna.map((v) => (v === null ? '.' : v.toFixed(4)));
  return [
    numbers('id', rows.map((i) => i + 1), 0), numbers('x', x, 1), numbers('xna', xna, 1), numbers('u', u, 2), numbers('z', z, 0),
    strings('m', m), strings('f', f),
    numbers('w', w, 3), numbers('wz', wz, 3), numbers('wbig', w.map((v) => Math.round(v * 1e6)), 0), numbers('wsmall', w.map((v) => v / 1e6), 9),
    numbers('wzbig', wz.map((v) => Math.round(v * 1e6)), 0),
    strings('fe', fe), strings('fe2', fe2), strings('fena', fena),
    numbers('cl', cl, 0), numbers('clb', clb, 0), numbers('clmix', clmix, 0),
    numbers('z2', z2, 0), numbers('zb2', zb2, 0), numbers('zc2', zc2, 0), numbers('zcb', zcb, 0),
    strings('yyn', yyn), strings('ydot', ydot),
    strings('sex', sex), strings('age', age), strings('region', region), numbers('y', y, 4), numbers('yna', yna, 4),
  ];
}

const ZERO_WEIGHTS_CLUSTERS: FitRow[] = [
  ['cr2-mixed', 'y ~ z + x', 'CR2', { weights: 'wz', clusters: 'clmix' }],
  ['cr2-mixed-factor', 'y ~ z * m', 'CR2', { weights: 'wz', clusters: 'clmix' }],
  ['cr0-mixed', 'y ~ z * x', 'CR0', { weights: 'wz', clusters: 'clmix' }],
  ['stata-mixed', 'y ~ z + f', 'stata', { weights: 'wz', clusters: 'clmix' }],
  ['cr2-cl', 'y ~ z * x', 'CR2', { weights: 'wz', clusters: 'cl' }],
  ['cr0-cl-fe', 'y ~ z + x', 'CR0', { weights: 'wz', clusters: 'cl', fixed_effects: '~ fe' }],
  ['stata-cl-fe', 'y ~ m * x', 'stata', { weights: 'wz', clusters: 'cl', fixed_effects: '~ fe' }],
  ['stata-mixed-fe', 'y ~ z + m', 'stata', { weights: 'wz', clusters: 'clmix', fixed_effects: '~ fe' }],
  ['cr2-mixed-fe', 'y ~ z + x', 'CR2', { weights: 'wz', clusters: 'clmix', fixed_effects: '~ fe' }],
  ['cregg-mixed', 'y ~ z * m', 'cregg', { weights: 'wz', clusters: 'clmix' }],
  ['cregg-cl', 'y ~ z + f', 'cregg', { weights: 'wz', clusters: 'cl' }],
  ['hc2', 'y ~ z * m', 'HC2', { weights: 'wz' }],
  ['cr2-missing', 'yna ~ z + xna', 'CR2', { weights: 'wz', clusters: 'clmix' }],
  ['cr2-subset', 'y ~ z * x', 'CR2', { weights: 'wz', clusters: 'clmix', subset: 'clmix != 1' }],
];

const MIXED_CLUSTERS_CR2: FitRow[] = [
  ['plain', 'y ~ z + x', 'CR2', { clusters: 'clmix' }],
  ['factor-by-x', 'y ~ f * x', 'CR2', { clusters: 'clmix' }],
  ['m-by-x', 'y ~ m * x + z', 'CR2', { clusters: 'clmix' }],
  ['weighted', 'y ~ z * x', 'CR2', { clusters: 'clmix', weights: 'w' }],
  ['weighted-factor', 'y ~ f * x', 'CR2', { clusters: 'clmix', weights: 'w' }],
  ['fe', 'y ~ m * x', 'CR2', { clusters: 'clmix', fixed_effects: '~ fe' }],
  ['fe-ref', 'y ~ z * x', 'CR2', { clusters: 'clmix', fixed_effects: '~ fe', fe_reference: true }],
  ['two-fe', 'y ~ z + x', 'CR2', { clusters: 'clmix', fixed_effects: '~ fe + fe2' }],
  ['subset-no-big', 'y ~ z * x', 'CR2', { clusters: 'clmix', subset: 'id > 100' }],
  ['subset-big-and-one', 'y ~ z + x', 'CR2', { clusters: 'clmix', subset: 'id <= 100 | id > 180' }],
  ['missing', 'yna ~ xna * m', 'CR2', { clusters: 'clmix' }],
  ['cr0-factor', 'y ~ f * x', 'CR0', { clusters: 'clmix' }],
  ['stata-weighted', 'y ~ m * x', 'stata', { clusters: 'clmix', weights: 'w' }],
  ['cregg', 'y ~ f * z', 'cregg', { clusters: 'clmix' }],
  ['alpha-0.01', 'y ~ z * m', 'CR2', { clusters: 'clmix', alpha: 0.01 }],
];

const FACTOR_NUMERIC_FE_CR2: FitRow[] = [
  ['nested', 'y ~ m * x', 'CR2', { clusters: 'clb', fixed_effects: '~ fe' }],
  ['nested-ref', 'y ~ f * x', 'CR2', { clusters: 'clb', fixed_effects: '~ fe', fe_reference: true }],
  ['crossing', 'y ~ m * x', 'CR2', { clusters: 'cl', fixed_effects: '~ fe' }],
  ['crossing-ref', 'y ~ m * u', 'CR2', { clusters: 'cl', fixed_effects: '~ fe', fe_reference: true }],
  ['two-fe', 'y ~ m * x', 'CR2', { clusters: 'clb', fixed_effects: '~ fe + fe2' }],
  ['two-fe-factor', 'y ~ f * x + z', 'CR2', { clusters: 'cl', fixed_effects: '~ fe + fe2' }],
  ['x-only-slopes', 'y ~ m:x + z', 'CR2', { clusters: 'clb', fixed_effects: '~ fe' }],
  ['centred', 'y ~ m * I(x - 5)', 'CR2', { clusters: 'clb', fixed_effects: '~ fe' }],
  ['log', 'y ~ f * log1p(x)', 'CR2', { clusters: 'clb', fixed_effects: '~ fe' }],
  ['missing', 'yna ~ m * xna', 'CR2', { clusters: 'clb', fixed_effects: '~ fena' }],
  ['fe-is-m', 'y ~ z * x + z:m', 'CR2', { clusters: 'clb', fixed_effects: '~ m' }],
  ['hc2', 'y ~ f * x', 'HC2', { fixed_effects: '~ fe + fe2' }],
  ['hc3-ref', 'y ~ m * x', 'HC3', { fixed_effects: '~ fe', fe_reference: true }],
  ['stata-weighted', 'y ~ f * x', 'stata', { clusters: 'clb', fixed_effects: '~ fe', weights: 'w' }],
];

const ALL_F = { f: ['f1', 'f2', 'f3', 'f4'] };

const SUBSET_EMPTY_LEVEL: FitRow[] = [
  ['factor-hc2', 'y ~ f + x', 'HC2', { subset: 'f != "f4"' }],
  ['factor-declared-hc2', 'y ~ f + x', 'HC2', { subset: 'f != "f4"', levels: ALL_F }],
  ['factor-by-x-cr2', 'y ~ f * x', 'CR2', { subset: 'f != "f2"', clusters: 'cl' }],
  ['factor-by-x-declared', 'y ~ f * x', 'HC1', { subset: 'f != "f2"', levels: ALL_F }],
  ['by-x-threshold', 'y ~ f * z', 'HC2', { subset: 'x >= 2' }],
  ['cell-empty', 'y ~ f * m', 'HC2', { subset: '!(f == "f1" & m == "b")' }],
  ['cell-empty-cr2', 'y ~ f * m', 'CR2', { subset: '!(f == "f1" & m == "b")', clusters: 'clb' }],
  ['fe-group', 'y ~ z * x', 'HC2', { subset: 'fe != "g3"', fixed_effects: '~ fe' }],
  ['fe-group-stata', 'y ~ z + m', 'stata', { subset: 'fe != "g3" & fe != "g4"', fixed_effects: '~ fe', clusters: 'cl' }],
  ['fe-factor-both', 'y ~ m + x', 'HC2', { subset: 'm != "c"', fixed_effects: '~ fe + m' }],
  ['cluster-dropped', 'y ~ z + x', 'CR2', { subset: 'clmix != 1 & clmix != 3', clusters: 'clmix' }],
  ['reference-level', 'y ~ f + z', 'HC2', { subset: 'f != "f1"' }],
  ['reference-declared', 'y ~ f + z', 'CR0', { subset: 'f != "f1"', levels: ALL_F, clusters: 'cl' }],
  ['to-one-level', 'y ~ m + x', 'HC2', { subset: 'm == "a"' }],
];

const CHARACTER_OUTCOME: FitRow[] = [
  // A text outcome: estimatr gives NA for every estimate (no error); vlab refuses, naming the conversion to write.
  ['yes-no', 'yyn ~ z + x', 'HC2', { refusal: 'as.numeric(yyn)' }],
  ['dot', 'ydot ~ z + x', 'HC2', { refusal: 'as.numeric(ydot)' }],
  ['dot-as-numeric', 'as.numeric(ydot) ~ z + x', 'HC2'],
  ['dot-as-numeric-cr2', 'as.numeric(ydot) ~ z * m', 'CR2', { clusters: 'cl' }],
  ['yes-equals', 'I(yyn == "yes") ~ z + x', 'HC2'],
  ['yes-equals-weighted', 'I(yyn == "yes") ~ z * m', 'CR0', { weights: 'w', clusters: 'cl' }],
  ['yes-equals-fe', '(yyn == "yes") ~ z + x', 'HC1', { fixed_effects: '~ fe' }],
  ['yes-factor', 'factor(yyn) ~ z', 'HC2'],
  ['yes-cregg', 'I(yyn == "yes") ~ z * m', 'cregg', { clusters: 'cl' }],
  ['dot-fe', 'ydot ~ z', 'HC2', { fixed_effects: '~ fe', refusal: 'as.numeric(ydot)' }],
];

const WEIGHTS_SCALED: FitRow[] = [
  ['big-hc2', 'y ~ z * x', 'HC2', { weights: 'wbig' }],
  ['small-hc2', 'y ~ z * x', 'HC2', { weights: 'wsmall' }],
  ['big-hc3', 'y ~ f * x', 'HC3', { weights: 'wbig' }],
  ['small-classical', 'y ~ m + x', 'classical', { weights: 'wsmall' }],
  ['big-cr2', 'y ~ z * m', 'CR2', { weights: 'wbig', clusters: 'cl' }],
  ['small-cr2', 'y ~ z * m', 'CR2', { weights: 'wsmall', clusters: 'cl' }],
  ['small-cr2-mixed', 'y ~ z + x', 'CR2', { weights: 'wsmall', clusters: 'clmix' }],
  ['big-cr0-fe', 'y ~ z * x', 'CR0', { weights: 'wbig', clusters: 'cl', fixed_effects: '~ fe' }],
  ['small-stata-fe', 'y ~ m * x', 'stata', { weights: 'wsmall', clusters: 'clb', fixed_effects: '~ fe' }],
  ['small-hc1-two-fe', 'y ~ z + x', 'HC1', { weights: 'wsmall', fixed_effects: '~ fe + fe2' }],
  ['big-cregg', 'y ~ z * m', 'cregg', { weights: 'wbig', clusters: 'cl' }],
  ['small-cregg', 'y ~ z * m', 'cregg', { weights: 'wsmall', clusters: 'cl' }],
  ['big-zeros-cr2', 'y ~ z + x', 'CR2', { weights: 'wzbig', clusters: 'clmix' }],
  ['big-zeros-hc2-fe', 'y ~ z * x', 'HC2', { weights: 'wzbig', fixed_effects: '~ fe' }],
];

const SEX = { male: 0.49, female: 0.51 };
const REGION_ABSENT = { north: 0.25, south: 0.25, east: 0.2, west: 0.2, islands: 0.1 };
const REGION_ZERO = { north: 0.3, south: 0.25, east: 0.2, west: 0.25, islands: 0 };

const RAKE_ABSENT_FITS: FitRow[] = [
  ['fit-share', 'y ~ z * x', 'HC2', { rake_margins: { sex: SEX, region: REGION_ABSENT } }],
  ['fit-zero', 'y ~ z * x', 'HC2', { rake_margins: { sex: SEX, region: REGION_ZERO } }],
  ['fit-zero-cr2', 'y ~ z + m', 'CR0', { rake_margins: { region: REGION_ZERO }, clusters: 'cl', weights: 'w' }],
  ['fit-zero-cregg', 'y ~ z * m', 'cregg', { rake_margins: { sex: SEX, region: REGION_ZERO }, clusters: 'cl' }],
];

function rakeCases(data: string): RakeCase[] {
  const rake = (name: string, margins: RakeCase['margins'], base?: string): RakeCase => ({
    kind: 'rake', id: `${ID}-rake-absent-${name}`, group: 'rake-absent-36', data, margins, ...(base ? { base_weights: base } : {}),
  });
  return [
    rake('share', { region: REGION_ABSENT }),
    rake('zero', { region: REGION_ZERO }),
    rake('zero-two-margins', { sex: SEX, region: REGION_ZERO }),
    rake('zero-base-weights', { sex: SEX, region: REGION_ZERO }, 'w'),
    rake('zero-base-zeros', { region: REGION_ZERO, sex: SEX }, 'wz'),
  ];
}

function dimCases(): DimCase[] {
  const d = (name: string, extra: Partial<DimCase>) => dim('dim-tiny-arm-36', `${ID}-dim-${name}`, `${ID}-data`, extra);
  return [
    d('two-rows', { treatment: 'z2' }),
    d('two-rows-weights', { treatment: 'z2', weights: 'w' }),
    d('two-rows-zero-weight', { treatment: 'z2', weights: 'wz', declined: 'at least two units with a positive weight', note: 'one of the two treated rows weighs 0: the treated arm is one unit, whose variance estimatr takes as 0 (SE 0.107, the control arm\'s alone; lm_robust\'s HC2 of the same gives NaN)' }),
    d('two-rows-missing', { treatment: 'z2', outcome: 'yna' }),
    d('two-rows-clusters', { treatment: 'z2', clusters: 'id' }),
    d('two-per-block', { treatment: 'zb2', blocks: 'fe' }),
    d('two-per-block-weights', { treatment: 'zb2', blocks: 'fe', weights: 'w' }),
    d('two-per-block-missing', { treatment: 'zb2', blocks: 'fe', outcome: 'yna' }),
    d('two-clusters', { treatment: 'zc2', clusters: 'clb' }),
    d('two-clusters-weights', { treatment: 'zc2', clusters: 'clb', weights: 'w' }),
    d('two-clusters-per-block', { treatment: 'zcb', clusters: 'clb', blocks: 'fe' }),
    d('two-clusters-per-block-weights', { treatment: 'zcb', clusters: 'clb', blocks: 'fe', weights: 'w' }),
    d('two-clusters-per-block-missing', { treatment: 'zcb', clusters: 'clb', blocks: 'fe', outcome: 'yna' }),
    d('scaled-big', { treatment: 'zc2', weights: 'wbig', clusters: 'clb' }),
    d('scaled-small-blocks', { weights: 'wsmall', blocks: 'fe' }),
    d('scaled-big-zeros', { treatment: 'zcb', weights: 'wzbig', clusters: 'clb', blocks: 'fe', refusal: 'each arm needs a positive weight', note: 'a block\'s treated clusters all weigh 0: estimatr\'s SE is NA' }),
    d('subset-empties-arm', { treatment: 'z2', subset: 'id != 11' }),
    d('subset-empties-block-arm', { treatment: 'zb2', blocks: 'fe', subset: 'id != 8' }),
    d('character-outcome', { outcome: 'yyn', refusal: 'make the column numbers', note: 'a text outcome: estimatr gives NA' }),
  ];
}

/** Every method with NA among 12 drawn p-values (two decimals: ties), with and without n. */
function pAdjustCases(draw: Draw): PAdjustCase[] {
  const pa = (name: string, values: (number | null)[], method: PAdjustCase['method'], n?: number): PAdjustCase => ({
    kind: 'p_adjust', id: `${ID}-p-adjust-${name}`, group: 'p-adjust-36', p: values, method, ...(n === undefined ? {} : { n }),
  });
  const p = Array.from({ length: 12 }, (_, k): number | null => (k === 0 || k === 5 || k === 11 ? null : Number((draw.uniform() ** 2).toFixed(2))));
  const methods: PAdjustCase['method'][] = ['holm', 'hochberg', 'hommel', 'bonferroni', 'BH', 'BY', 'fdr', 'none'];
  return [
    ...methods.map((m) => pa(`na-${m}`, p, m)),
    ...methods.map((m) => pa(`na-n-12-${m}`, p, m, 12)),
    pa('one-left-hommel', [null, 0.03, null], 'hommel'),
    pa('one-left-n-3-by', [null, 0.03, null], 'BY', 3),
  ];
}

const power = (name: string, input: Omit<PowerCase, 'kind' | 'id' | 'group' | 'sd'>): PowerCase => ({ kind: 'power', id: `${ID}-power-${name}`, group: 'power-edges-36', sd: 1, ...input });
const cohen = (name: string, input: Omit<PowerHCase, 'kind' | 'id' | 'group'>): PowerHCase => ({ kind: 'power_h', id: `${ID}-power-h-${name}`, group: 'power-edges-36', ...input });

const POWER: (PowerCase | PowerHCase)[] = [
  cohen('h-zero-power', { solve: 'power', h: 0, n: 50, alpha: 0.05 }),
  cohen('h-zero-two-sizes', { solve: 'power', h: 0, n: 30, n2: 90, alpha: 0.05 }),
  cohen('n-two-power', { solve: 'power', h: 0.5, n: 2, alpha: 0.05 }),
  cohen('n-two-h', { solve: 'h', n: 2, power: 0.3, alpha: 0.05 }),
  cohen('alpha-tiny-n', { solve: 'n', h: 0.2, power: 0.8, alpha: 1e-6 }),
  cohen('power-high-n', { solve: 'n', h: 0.3, power: 0.999999, alpha: 0.05 }),
  cohen('h-pi-power', { solve: 'power', h: 3, n: 3, alpha: 0.05 }),
  cohen('two-and-million-power', { solve: 'power', h: 0.5, n: 2, n2: 1e6, alpha: 0.05 }),
  cohen('two-and-million-h', { solve: 'h', n: 2, n2: 1e6, power: 0.5, alpha: 0.05 }),
  cohen('greater-negative-h', { solve: 'power', h: -0.5, n: 40, alpha: 0.05, alternative: 'greater' }),
  power('t2n-two-two', { solve: 'power', effect: 1, n: 2, n2: 2, alpha: 0.05 }),
  power('t2n-two-million', { solve: 'power', effect: 0.5, n: 2, n2: 1e6, alpha: 0.05 }),
  power('t2n-alpha-tiny-n2', { solve: 'n2', effect: 0.5, n: 200, n2: 'solve', power: 0.8, alpha: 1e-6 }),
  power('t2n-power-high-effect', { solve: 'effect', n: 30, n2: 60, power: 0.999999, alpha: 0.05 }),
];

/** The stored cases of the thirty-sixth trial. */
export function trial36Designs(): Built {
  const data = `${ID}-data`;
  const fits = (group: FitCase['group'], prefix: string, list: FitRow[]) => fitRows(group, `${ID}-${prefix}`, data, list);
  return {
    data: [{ id: data, columns: trialData(new Draw(SEED)) }],
    cases: [
      ...fits('zero-weights-clusters-36', 'zero-weights', ZERO_WEIGHTS_CLUSTERS),
      ...fits('mixed-clusters-cr2-36', 'mixed-clusters', MIXED_CLUSTERS_CR2),
      ...fits('factor-numeric-fe-cr2-36', 'factor-numeric-fe', FACTOR_NUMERIC_FE_CR2),
      ...fits('subset-empty-level-36', 'subset-empty', SUBSET_EMPTY_LEVEL),
      ...fits('character-outcome-36', 'character-outcome', CHARACTER_OUTCOME),
      ...fits('weights-scaled-36', 'weights-scaled', WEIGHTS_SCALED),
      ...fits('rake-absent-36', 'rake-absent', RAKE_ABSENT_FITS),
      ...rakeCases(data),
      ...dimCases(),
      ...pAdjustCases(new Draw(P_SEED)),
      ...POWER,
      ...drawnTwoTogether(new Draw(TOGETHER_SEED), 24),
      ...drawnCases(new Draw(RANDOM_SEED), 30),
    ],
  };
}

/**
 * `count` drawn fits of these columns (seed 36_100_002): an outcome (plain or with NA), two to four terms, weights (plain,
 * zeros, scaled, or none), an se type with clusters among cl, clb and clmix, fixed effects on some, a subset on some.
 */
function drawnCases(draw: Draw, count: number): FitCase[] {
  return drawnFits(draw, count, 'trial36-random', (k) => `${ID}-random-${k}`, `${ID}-data`, {
    outcomes: ['y', 'yna'],
    terms: ['x', 'z', 'm', 'f', 'u', 'f:x', 'm:x', 'z:m', 'xna', 'log1p(x)'],
    weights: [undefined, 'w', 'wz', 'wbig', 'wsmall'],
    types: ['classical', 'HC0', 'HC1', 'HC2', 'HC3', 'CR0', 'stata', 'CR2', 'cregg'],
    clusterings: ['cl', 'clb', 'clmix'],
    fixedEffects: ['~ fe', '~ fena', '~ fe + fe2'],
    subsets: ['f != "f4"', 'x > 1', 'clmix != 1', 'id > 20'],
  });
}

/**
 * `count` drawn fits (seed 36_100_003) of a column beside an affine transform of it (slopes other than ±1, so that the
 * demeaned norms differ), scale(x) or poly(x, 2) beside I(x^2), with zero to two other terms, two fixed effects (fe + fe2
 * crossing, fe + sex, fena + fe2 with NA), an se type, weights on some (never with CR2, which estimatr refuses with fixed
 * effects), clusters among cl, clb and clmix where the se type clusters.
 */
function drawnTwoTogether(draw: Draw, count: number): FitCase[] {
  return drawnTogetherFits(draw, count, 'fe-two-together-36', (k) => `${ID}-fe-two-together-${k}`, `${ID}-data`, {
    pairs: ['x + I(2 * x + 1)', 'I(-1.5 * x + 4) + x', 'x + I(0.25 * x - 3)', 'scale(x) + x', 'I(x^2) + poly(x, 2)', 'log1p(x) + I(3 * log1p(x) + 2)', 'u + I(-3 * u + 1)'],
    others: ['z', 'm', 'u', 'z:x', 'f'],
    types: ['classical', 'HC0', 'HC1', 'HC2', 'HC3', 'CR0', 'stata', 'CR2'],
    fixedEffects: ['~ fe + fe2', '~ fe + sex', '~ fena + fe2'],
    weights: [undefined, 'w', 'wz'],
    clusterings: ['cl', 'clb', 'clmix'],
  });
}
