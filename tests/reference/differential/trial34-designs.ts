// The thirty-fourth R trial's classes (task rtrial34, 2026-12-06): inputs no earlier trial stored, drawn from stated seeds
// (Draw(34_100_000) for the data, Draw(34_100_001) for the p-values, Draw(34_100_002) for the drawn fits), fitted by R and
// stored in expected.json.gz (refit: write-inputs.ts, then differential.R; only new cases are refitted). What each class
// stresses:
// - rake-cregg-34: survey::rake's weights (from none, from base weights, from base weights with zeros) under the cregg
//   se type: R's svyglm on svydesign(ids = ~cl, weights = ~raked_), vlab's rake() then lmRobust(seType: 'cregg'). Both take
//   the raked weights as given, as cregg::cj(weights = ~w) does (svyglm on the raked design itself also takes the
//   calibration into its SEs; vlab does not claim that, see Raking in docs/analysis.md).
// - fe-transform-34: a column beside a linear transform of it (2x, x/4, 2x + 3, x − mean(x), scale(x), x − 5) with and
//   without fixed effects: estimatr aliases the later column where the two are collinear on their own; where they are
//   collinear only with the constant the fixed effects absorb, vlab declined in words; since R trial 35 it follows
//   estimatr where the demeaned columns' norms decide (2x + 3, scale(x)) and declines where they tie (x − 5, x − mean(x)).
// - weights-zero-cr2-34: weights with zeros under CR2 with 2–4 clusters, singleton clusters, clusters nested in fixed
//   effects, a factor × numeric interaction, lm_robust's subset.
// - cr2-few-34: a factor × numeric interaction under CR2 and CR0 with 2, 3 and 4 clusters, weighted or not, with subset;
//   fixed effects under CR2 with singleton clusters, clusters nested in them or crossing them (fe_reference too).
// - dim-multi-arm-34: difference_in_means with condition1/condition2 of four cluster-level arms with weights, clusters
//   and blocks together (R on the two arms' rows where estimatr stops on the third arm's clusters: subset_conditions),
//   and of three row-level arms with weights and blocks.
// - p-adjust-34: every method with n far above the p-values given, all NA (with and without n), p of exactly 0 and 1.
// - power-34 / power-prop-34 / power-h-34: power.t.test, power.prop.test and pwr.2p.test / pwr.2p2n.test at tiny
//   effects, huge n, sig.level near 1 and one-sided.
// - trial34-random: 30 drawn fits of these columns (seed 34_100_002).
import type { SeType } from '../../../analysis/index.ts';
import { dim, fit, fitRows, numbers, strings, type FitRow } from './case-builders.ts';
import type { DataSet, DimCase, FitCase, PAdjustCase, PowerCase, PowerHCase, PowerPropCase } from './case-types.ts';
import { Draw, type Column } from './random-data.ts';

interface Built {
  data: DataSet[];
  cases: (FitCase | DimCase | PAdjustCase | PowerCase | PowerPropCase | PowerHCase)[];
}

const SEED = 34_100_000;
const P_SEED = 34_100_001;
const RANDOM_SEED = 34_100_002;
const ID = 't34';

/** Ten blocks of eight clusters each (sizes 1–8 rows), two clusters of each of four arms A–D in every block. */
const CLUSTER_SIZES = [1, 2, 3, 5, 4, 6, 2, 8];

/**
 * 310 rows: bl (10 blocks), ca (80 clusters nested in blocks), arm (A–D by cluster); arm3 (A/B/C by row); x (0–10, one
 * decimal), u (normal), z (0/1), m (a/b/c), f (k1–k4); w (0.2–3), w0 (w with ~20 % zeros); cl2, cl3, cl4 (2–4 uneven
 * clusters), cls (40 singletons, then clusters of 10), fe (5 groups of 62 rows), clfe (clusters of 7 nested in fe);
 * sex/age (rake margins); y, yna (NA on ~5 %).
 */
function trialData(draw: Draw): Column[] {
  const bl: number[] = [];
  const ca: number[] = [];
  const arm: string[] = [];
  for (let block = 0; block < 10; block++) {
    const arms = draw.shuffle(['A', 'A', 'B', 'B', 'C', 'C', 'D', 'D']);
    CLUSTER_SIZES.forEach((size, k) => {
      for (let r = 0; r < size; r++) {
        bl.push(block + 1);
        ca.push(block * 8 + k + 1);
        arm.push(arms[k]);
      }
    });
  }
  const n = bl.length;
  const rows = Array.from({ length: n }, (_, i) => i);
  const arm3 = rows.map((i) => ['A', 'B', 'C'][i < 3 ? i : draw.int(3)]);
  const x = rows.map(() => Number(draw.uniform(0, 10).toFixed(1)));
  const u = rows.map(() => Number(draw.normal().toFixed(2)));
  const z = rows.map((i) => (i < 2 ? i : draw.chance(0.5) ? 1 : 0));
  const m = rows.map((i) => ['a', 'b', 'c'][i < 3 ? i : draw.int(3)]);
  const f = rows.map((i) => `k${1 + (i < 4 ? i : draw.int(4))}`);
  const w = rows.map(() => Number(draw.uniform(0.2, 3).toFixed(3)));
  const w0 = w.map((v, i) => (i > 3 && draw.chance(0.2) ? 0 : v));
  const cl2 = rows.map((i) => (i < 130 ? 1 : 2));
  const cl3 = rows.map((i) => (i < 50 ? 1 : i < 150 ? 2 : 3));
  const cl4 = rows.map((i) => (i < 30 ? 1 : i < 110 ? 2 : i < 200 ? 3 : 4));
  const cls = rows.map((i) => (i < 40 ? i + 1 : 41 + Math.floor((i - 40) / 10)));
  const fe = rows.map((i) => `g${1 + Math.floor(i / 62)}`);
  const clfe = rows.map((i) => 100 * (1 + Math.floor(i / 62)) + Math.floor((i % 62) / 7));
  const sex = rows.map(() => (draw.chance(0.45) ? 'male' : 'female'));
  const age = rows.map(() => draw.pick(['18-34', '35-54', '55+', '55+']));
  const armEffect: Record<string, number> = { A: 0, B: 0.3, C: 0.5, D: -0.2 };
  const mEffect: Record<string, number> = { a: 0, b: 0.3, c: -0.2 };
  const fEffect: Record<string, number> = { k1: 0, k2: 0.2, k3: -0.1, k4: 0.4 };
  const shock = Array.from({ length: 100 }, () => 0.4 * draw.normal());
  const y = rows.map((i) =>
    Number((1 + 0.1 * x[i] + 0.4 * z[i] + armEffect[arm[i]] + 0.5 * armEffect[arm3[i]] + mEffect[m[i]] + fEffect[f[i]] + 0.05 * x[i] * mEffect[m[i]] +
      (sex[i] === 'male' ? 0.2 : 0) + 0.2 * u[i] + shock[ca[i]] + 0.3 * shock[cl4[i]] + draw.normal()).toFixed(4)));
  const yna = y.map((v, i) => (i > 5 && draw.chance(0.05) ? null : v));
  return [
    numbers('id', rows.map((i) => i + 1), 0), numbers('bl', bl, 0), numbers('ca', ca, 0), strings('arm', arm), strings('arm3', arm3),
    numbers('x', x, 1), numbers('u', u, 2), numbers('z', z, 0), strings('m', m), strings('f', f),
    numbers('w', w, 3), numbers('w0', w0, 3), numbers('cl2', cl2, 0), numbers('cl3', cl3, 0), numbers('cl4', cl4, 0), numbers('cls', cls, 0),
    strings('fe', fe), numbers('clfe', clfe, 0), strings('sex', sex), strings('age', age),
    numbers('y', y, 4), numbers('yna', yna, 4),
  ];
}

type Row = FitRow;

const SEX = { male: 0.49, female: 0.51 };
const AGE = { '18-34': 0.3, '35-54': 0.34, '55+': 0.36 };

const RAKE_CREGG: Row[] = [
  ['treatment', 'y ~ z', 'cregg', { clusters: 'ca', rake_margins: { sex: SEX, age: AGE } }],
  ['moderation', 'y ~ z * m', 'cregg', { clusters: 'ca', rake_margins: { sex: SEX, age: AGE } }],
  ['numeric', 'y ~ z * x', 'cregg', { clusters: 'ca', rake_margins: { sex: SEX, age: AGE } }],
  ['factor', 'y ~ f + x', 'cregg', { clusters: 'ca', rake_margins: { sex: SEX } }],
  ['base-weights', 'y ~ z * m', 'cregg', { clusters: 'ca', weights: 'w', rake_margins: { sex: SEX, age: AGE } }],
  ['base-zeros', 'y ~ z + x', 'cregg', { clusters: 'ca', weights: 'w0', rake_margins: { sex: SEX, age: AGE } }],
  ['missing-outcome', 'yna ~ z * m', 'cregg', { clusters: 'ca', rake_margins: { sex: SEX, age: AGE } }],
  ['few-clusters', 'y ~ z + m', 'cregg', { clusters: 'cl4', rake_margins: { sex: SEX, age: AGE } }],
  ['singletons', 'y ~ z * x', 'cregg', { clusters: 'cls', rake_margins: { sex: SEX, age: AGE } }],
  ['sex-moderator', 'y ~ z * sex', 'cregg', { clusters: 'ca', rake_margins: { sex: SEX, age: AGE } }],
  ['age-only', 'y ~ arm', 'cregg', { clusters: 'ca', rake_margins: { age: AGE } }],
  ['alpha-0.1', 'y ~ z * m', 'cregg', { clusters: 'ca', alpha: 0.1, rake_margins: { sex: SEX, age: AGE } }],
  ['scale', 'y ~ z * scale(x)', 'cregg', { clusters: 'ca', rake_margins: { sex: SEX, age: AGE } }],
];

/** Where a column and its shift are collinear only with the constant the fixed effects absorb: their demeaned norms tie, vlab declines. */
const SPAN = 'collinear with the fixed effects together';
const SPAN_NOTE = 'x and its transform are dependent only with the constant the fixed effects absorb: estimatr leaves out the column its pivoted QR of the demeaned columns picks, which vlab does not reproduce and declines in words';
const declined: Partial<FitCase> = { declined: SPAN, note: SPAN_NOTE };

const FE_TRANSFORM: Row[] = [
  ['double-hc2', 'y ~ x + I(2 * x)', 'HC2'],
  ['double-fe-hc2', 'y ~ x + I(2 * x)', 'HC2', { fixed_effects: '~ fe' }],
  ['quarter-fe-hc1', 'y ~ z + x + I(x / 4)', 'HC1', { fixed_effects: '~ fe' }],
  ['double-first-fe', 'y ~ I(2 * x) + x + z', 'HC2', { fixed_effects: '~ fe' }],
  ['double-fe-cr2', 'y ~ z + x + I(2 * x)', 'CR2', { fixed_effects: '~ fe', clusters: 'clfe' }],
  ['double-fe-weighted-stata', 'y ~ z + x + I(2 * x)', 'stata', { fixed_effects: '~ fe', clusters: 'clfe', weights: 'w' }],
  ['affine-hc2', 'y ~ x + I(2 * x + 3)', 'HC2'],
  ['affine-fe', 'y ~ x + I(2 * x + 3)', 'HC2', { fixed_effects: '~ fe' }],
  ['centred-fe', 'y ~ z + x + I(x - mean(x))', 'HC2', { fixed_effects: '~ fe', ...declined }],
  ['scale-fe', 'y ~ z + x + scale(x)', 'CR0', { fixed_effects: '~ fe', clusters: 'clfe' }],
  ['shift-fe', 'y ~ x + I(x - 5)', 'HC3', { fixed_effects: '~ fe', ...declined }],
  ['shift-no-fe', 'y ~ x + I(x - 5)', 'HC3'],
  ['scale-no-fe-cr2', 'y ~ z + x + scale(x)', 'CR2', { clusters: 'clfe' }],
  ['double-fe-two', 'y ~ z + x + I(2 * x)', 'HC2', { fixed_effects: '~ fe + m' }],
  ['interaction-double-fe', 'y ~ z * x + z:I(2 * x)', 'HC2', { fixed_effects: '~ fe' }],
];

const WEIGHTS_ZERO_CR2: Row[] = [
  ['two-clusters', 'y ~ m * x', 'CR2', { clusters: 'cl2', weights: 'w0' }],
  ['three-clusters', 'y ~ m * x', 'CR2', { clusters: 'cl3', weights: 'w0' }],
  ['four-clusters', 'y ~ f * x', 'CR2', { clusters: 'cl4', weights: 'w0' }],
  ['four-clusters-cr0', 'y ~ f * x', 'CR0', { clusters: 'cl4', weights: 'w0' }],
  ['four-clusters-stata', 'y ~ m * x + z', 'stata', { clusters: 'cl4', weights: 'w0' }],
  ['singletons', 'y ~ m * x', 'CR2', { clusters: 'cls', weights: 'w0' }],
  ['singletons-cr0', 'y ~ z * x', 'CR0', { clusters: 'cls', weights: 'w0' }],
  ['singletons-subset', 'y ~ m * x', 'CR2', { clusters: 'cls', weights: 'w0', subset: 'x > 2' }],
  ['nested-fe-cr0', 'y ~ z * x', 'CR0', { clusters: 'clfe', weights: 'w0', fixed_effects: '~ fe' }],
  ['nested-fe-stata', 'y ~ m * x', 'stata', { clusters: 'clfe', weights: 'w0', fixed_effects: '~ fe' }],
  ['nested-fe-hc2', 'y ~ m * x', 'HC2', { weights: 'w0', fixed_effects: '~ fe' }],
  ['nested-dummies-cr2', 'y ~ m * x + fe', 'CR2', { clusters: 'clfe', weights: 'w0' }],
  ['subset-factor', 'y ~ f * x', 'CR2', { clusters: 'ca', weights: 'w0', subset: 'm != "c"' }],
  ['subset-missing', 'yna ~ m * x', 'CR2', { clusters: 'ca', weights: 'w0', subset: 'x < 8 & z == 1' }],
  ['hc1-zeros', 'y ~ m * x + u', 'HC1', { weights: 'w0' }],
  ['classical-zeros', 'y ~ f * x', 'classical', { weights: 'w0' }],
];

const CR2_FEW: Row[] = [
  ['two', 'y ~ m * x', 'CR2', { clusters: 'cl2' }],
  ['two-numeric', 'y ~ z * x', 'CR2', { clusters: 'cl2' }],
  ['three', 'y ~ m * x', 'CR2', { clusters: 'cl3' }],
  ['three-weighted', 'y ~ m * x', 'CR2', { clusters: 'cl3', weights: 'w' }],
  ['four', 'y ~ f * x', 'CR2', { clusters: 'cl4' }],
  ['four-weighted', 'y ~ f * x + u', 'CR2', { clusters: 'cl4', weights: 'w' }],
  ['four-subset', 'y ~ m * x', 'CR2', { clusters: 'cl4', subset: 'u > -1' }],
  ['two-cr0', 'y ~ m * x', 'CR0', { clusters: 'cl2' }],
  ['three-stata', 'y ~ m * x', 'stata', { clusters: 'cl3', weights: 'w' }],
  ['four-missing', 'yna ~ m * u', 'CR2', { clusters: 'cl4' }],
  ['three-alpha-0.01', 'y ~ m * x', 'CR2', { clusters: 'cl3', alpha: 0.01 }],
  ['two-cregg', 'y ~ m * x', 'cregg', { clusters: 'cl2' }],
  // Fixed effects under CR2 with singleton clusters, clusters nested in them and four crossing them; each also against the
  // fit with the fixed effects as dummies by clubSandwich (fe_reference, fe-reference.R).
  ['singletons-fe', 'y ~ m * x', 'CR2', { clusters: 'cls', fixed_effects: '~ fe', fe_reference: true }],
  ['nested-fe', 'y ~ f * x', 'CR2', { clusters: 'clfe', fixed_effects: '~ fe', fe_reference: true }],
  ['four-crossing-fe', 'y ~ m * x', 'CR2', { clusters: 'cl4', fixed_effects: '~ f', fe_reference: true }],
];

/** difference_in_means of four cluster-level arms (blocks, clusters, weights) and three row-level arms. */
function dimCases(): DimCase[] {
  const d = (name: string, extra: Partial<DimCase>) => dim('dim-multi-arm-34', `${ID}-dim-${name}`, `${ID}-data`, extra);
  const arms = { treatment: 'arm', subset_conditions: true as const };
  return [
    d('ab-blocks-clusters', { ...arms, blocks: 'bl', clusters: 'ca', condition1: 'A', condition2: 'B' }),
    d('ab-blocks-clusters-weights', { ...arms, blocks: 'bl', clusters: 'ca', weights: 'w', condition1: 'A', condition2: 'B' }),
    d('dc-blocks-clusters-weights', { ...arms, blocks: 'bl', clusters: 'ca', weights: 'w', condition1: 'D', condition2: 'C' }),
    d('bd-blocks-clusters-zeros', { ...arms, blocks: 'bl', clusters: 'ca', weights: 'w0', condition1: 'B', condition2: 'D' }),
    d('ac-blocks-clusters-missing', { ...arms, outcome: 'yna', blocks: 'bl', clusters: 'ca', weights: 'w', condition1: 'A', condition2: 'C' }),
    d('ab-clusters-weights', { treatment: 'arm', clusters: 'ca', weights: 'w', condition1: 'A', condition2: 'B' }),
    d('cb-clusters', { treatment: 'arm', clusters: 'ca', condition1: 'C', condition2: 'B' }),
    d('ad-blocks-clusters-alpha', { ...arms, blocks: 'bl', clusters: 'ca', weights: 'w', condition1: 'A', condition2: 'D', alpha: 0.01 }),
    d('row-ab-blocks-weights', { treatment: 'arm3', blocks: 'bl', weights: 'w', condition1: 'A', condition2: 'B' }),
    d('row-cb-blocks-weights', { treatment: 'arm3', blocks: 'bl', weights: 'w', condition1: 'C', condition2: 'B' }),
    d('row-ac-blocks', { treatment: 'arm3', blocks: 'bl', condition1: 'A', condition2: 'C' }),
    d('row-ab-weights-zeros', { treatment: 'arm3', weights: 'w0', condition1: 'A', condition2: 'B' }),
    d('row-bc-blocks-zeros', { treatment: 'arm3', blocks: 'bl', weights: 'w0', condition1: 'B', condition2: 'C' }),
    d('row-ab-clusters-weights', { treatment: 'arm3', clusters: 'ca', weights: 'w', condition1: 'A', condition2: 'B' }),
    d('row-ab-missing-weights', { treatment: 'arm3', outcome: 'yna', blocks: 'bl', weights: 'w', condition1: 'A', condition2: 'B' }),
    d('z-blocks-weights-subset', { blocks: 'bl', weights: 'w', subset: 'arm != "D"' }),
  ];
}

/** Every method with n far above the p-values given, all NA (with and without n), p of exactly 0 and 1. */
function pAdjustCases(draw: Draw): PAdjustCase[] {
  const pa = (name: string, values: (number | null)[], method: PAdjustCase['method'], n?: number): PAdjustCase => ({
    kind: 'p_adjust', id: `${ID}-p-adjust-${name}`, group: 'p-adjust-34', p: values, method, ...(n === undefined ? {} : { n }),
  });
  const methods: PAdjustCase['method'][] = ['holm', 'hochberg', 'hommel', 'bonferroni', 'BH', 'BY', 'fdr', 'none'];
  const zeroOne = [0, 1, 0, 1, 1, 0];
  const drawn = Array.from({ length: 12 }, () => draw.pick([0, 1, null, 0.001, 0.04, Number(draw.uniform().toFixed(3))]));
  return [
    ...methods.map((m) => pa(`n-1000-${m}`, [0.001, 0.02, null, 0.3, 0.004], m, 1000)),
    ...methods.map((m) => pa(`zero-one-${m}`, zeroOne, m)),
    ...methods.map((m) => pa(`drawn-n-50-${m}`, drawn, m, 50)),
    pa('all-na-holm', [null, null, null], 'holm'),
    pa('all-na-hommel', [null, null], 'hommel'),
    pa('all-na-by', [null, null, null, null], 'BY'),
    pa('all-na-n-5-hommel', [null, null], 'hommel', 5),
    pa('all-na-n-3-bh', [null, null, null], 'BH', 3),
    pa('one-zero-n-2000-hommel', [0], 'hommel', 2000),
    pa('zeros-n-10-by', [0, 0, 0], 'BY', 10),
    pa('ones-n-7-hochberg', [1, 1, 1], 'hochberg', 7),
  ];
}

type PowerInput = Omit<PowerCase, 'kind' | 'id' | 'group' | 'sd'> & { sd?: number };
const power = (name: string, input: PowerInput): PowerCase => ({ kind: 'power', id: `${ID}-power-${name}`, group: 'power-34', sd: 1, ...input });
const prop = (name: string, input: Omit<PowerPropCase, 'kind' | 'id' | 'group'>): PowerPropCase => ({ kind: 'power_prop', id: `${ID}-power-prop-${name}`, group: 'power-prop-34', ...input });
const cohen = (name: string, input: Omit<PowerHCase, 'kind' | 'id' | 'group'>): PowerHCase => ({ kind: 'power_h', id: `${ID}-power-h-${name}`, group: 'power-h-34', ...input });

const POWER: (PowerCase | PowerPropCase | PowerHCase)[] = [
  power('tiny-effect-power', { solve: 'power', effect: 1e-4, n: 50, alpha: 0.05 }),
  power('tiny-effect-n', { solve: 'n', effect: 0.01, power: 0.8, alpha: 0.05 }),
  power('tiny-effect-n-one-sided', { solve: 'n', effect: 0.01, power: 0.9, alpha: 0.05, alternative: 'one.sided' }),
  power('huge-n-power', { solve: 'power', effect: 0.001, n: 1e7, alpha: 0.05 }),
  power('huge-n-effect', { solve: 'effect', n: 1e8, power: 0.8, alpha: 0.05 }),
  power('huge-n-effect-one-sample', { solve: 'effect', n: 1e6, power: 0.9, alpha: 0.05, type: 'one.sample' }),
  power('alpha-0.99-power', { solve: 'power', effect: 0.1, n: 10, alpha: 0.99 }),
  power('alpha-0.99-strict-power', { solve: 'power', effect: 0.1, n: 10, alpha: 0.99, strict: true }),
  power('alpha-0.95-one-sided-power', { solve: 'power', effect: 0.1, n: 10, alpha: 0.95, alternative: 'one.sided' }),
  power('alpha-0.9-paired-n', { solve: 'n', effect: 0.2, power: 0.99, alpha: 0.9, type: 'paired' }),
  power('one-sided-negative-power', { solve: 'power', effect: -0.3, n: 40, alpha: 0.05, alternative: 'one.sided' }),
  power('one-sided-effect-small-n', { solve: 'effect', n: 3, power: 0.5, alpha: 0.05, alternative: 'one.sided' }),
  power('sd-large-n', { solve: 'n', effect: 1, sd: 1000, power: 0.8, alpha: 0.05 }),
  power('t2n-huge-arm', { solve: 'power', effect: 0.01, n: 1e6, n2: 1e4, alpha: 0.05 }),
  power('t2n-tiny-effect-n2', { solve: 'n2', effect: 0.02, n: 1e6, n2: 'solve', power: 0.8, alpha: 0.05 }),
  power('t2n-alpha-0.99', { solve: 'power', effect: 0.1, n: 10, n2: 30, alpha: 0.99 }),
  prop('tiny-gap-n', { solve: 'n', p1: 0.5, p2: 0.501, power: 0.8, alpha: 0.05 }),
  prop('tiny-gap-power', { solve: 'power', n: 1e6, p1: 0.5, p2: 0.5005, alpha: 0.05 }),
  prop('huge-n-p2', { solve: 'p2', n: 1e7, p1: 0.3, power: 0.9, alpha: 0.05 }),
  prop('alpha-0.99-power', { solve: 'power', n: 20, p1: 0.3, p2: 0.35, alpha: 0.99 }),
  prop('alpha-0.99-strict-power', { solve: 'power', n: 20, p1: 0.3, p2: 0.35, alpha: 0.99, strict: true }),
  prop('one-sided-n', { solve: 'n', p1: 0.1, p2: 0.12, power: 0.9, alpha: 0.05, alternative: 'one.sided' }),
  prop('one-sided-alpha-0.9-power', { solve: 'power', n: 30, p1: 0.4, p2: 0.45, alpha: 0.9, alternative: 'one.sided' }),
  prop('rare-n', { solve: 'n', p1: 0.001, p2: 0.0015, power: 0.8, alpha: 0.05 }),
  prop('p1-for-rare', { solve: 'p1', n: 5e5, p2: 0.001, power: 0.8, alpha: 0.05 }),
  cohen('equal-power', { solve: 'power', h: 0.3, n: 80, alpha: 0.05 }),
  cohen('tiny-h-power', { solve: 'power', h: 1e-4, n: 100, alpha: 0.05 }),
  cohen('tiny-h-n', { solve: 'n', h: 0.01, power: 0.8, alpha: 0.05 }),
  cohen('huge-n-h', { solve: 'h', n: 1e8, power: 0.8, alpha: 0.05 }),
  cohen('alpha-0.99-power', { solve: 'power', h: 0.1, n: 10, alpha: 0.99 }),
  cohen('two-sizes-power', { solve: 'power', h: 0.2, n: 1e6, n2: 50, alpha: 0.05 }),
  cohen('two-sizes-alpha-0.95-greater', { solve: 'power', h: 0.1, n: 20, n2: 40, alpha: 0.95, alternative: 'greater' }),
  cohen('two-sizes-less', { solve: 'power', h: -0.2, n: 100, n2: 300, alpha: 0.05, alternative: 'less' }),
  cohen('two-sizes-n2', { solve: 'n2', h: 0.05, n: 1e5, n2: 'solve', power: 0.8, alpha: 0.05 }),
  cohen('two-sizes-n', { solve: 'n', h: 0.3, n2: 500, power: 0.9, alpha: 0.01, alternative: 'greater' }),
  cohen('two-sizes-h', { solve: 'h', n: 1e6, n2: 2e6, power: 0.9, alpha: 0.05 }),
  cohen('two-sizes-h-less', { solve: 'h', n: 40, n2: 60, power: 0.6, alpha: 0.05, alternative: 'less' }),
  cohen('wrong-direction-power', { solve: 'power', h: 0.3, n: 50, n2: 70, alpha: 0.05, alternative: 'less' }),
];

/** The stored cases of the thirty-fourth trial. */
export function trial34Designs(): Built {
  const data = `${ID}-data`;
  const fits = (group: FitCase['group'], prefix: string, list: Row[]) => fitRows(group, `${ID}-${prefix}`, data, list);
  return {
    data: [{ id: data, columns: trialData(new Draw(SEED)) }],
    cases: [
      ...fits('rake-cregg-34', 'rake-cregg', RAKE_CREGG),
      ...fits('fe-transform-34', 'fe-transform', FE_TRANSFORM),
      ...fits('weights-zero-cr2-34', 'zero-cr2', WEIGHTS_ZERO_CR2),
      ...fits('cr2-few-34', 'cr2-few', CR2_FEW),
      ...dimCases(),
      ...pAdjustCases(new Draw(P_SEED)),
      ...POWER,
      ...drawnCases(new Draw(RANDOM_SEED), 30),
    ],
  };
}

/** Drawn fits where I(x - mean(x)) sits beside x with fixed effects (dependent only with the constant they absorb): declined. */
const DECLINED_DRAWN = new Set([29]);

/**
 * `count` drawn fits of these columns (seed 34_100_002): an outcome (plain or with NA), two to four terms, weights
 * (plain, with zeros, or none), an se type with clusters among 2–4, singletons, nested in fe or 80, fixed effects on some
 * (never with weighted CR2, which estimatr refuses, nor with cregg), a subset on some (never with cregg).
 */
function drawnCases(draw: Draw, count: number): FitCase[] {
  const outcomes = ['y', 'yna'];
  const terms = ['x', 'z', 'm', 'f', 'u', 'm:x', 'f:x', 'z:x', 'arm3', 'sex', 'I(x - mean(x))'];
  const weights = [undefined, 'w', 'w0'];
  const types: SeType[] = ['classical', 'HC0', 'HC1', 'HC2', 'HC3', 'CR0', 'stata', 'CR2', 'cregg'];
  const clusterings = ['cl2', 'cl3', 'cl4', 'cls', 'clfe', 'ca'];
  const subsets = ['x > 1', 'm != "b"', 'u < 1.5'];
  return Array.from({ length: count }, (_, k) => {
    const outcome = draw.pick(outcomes);
    const rhs = draw.shuffle(terms).slice(0, 2 + draw.int(3)).join(' + ');
    const se = draw.pick(types);
    const w = draw.pick(weights);
    const clustered = se.startsWith('CR') || se === 'stata' || se === 'cregg';
    const clusters = draw.pick(clusterings);
    const fe = se !== 'cregg' && !(se === 'CR2' && w) && draw.chance(0.3) ? draw.pick(['~ fe', '~ bl']) : undefined;
    const subset = se !== 'cregg' && draw.chance(0.3) ? draw.pick(subsets) : undefined;
    const extra: Partial<FitCase> = { ...(w ? { weights: w } : {}), ...(clustered ? { clusters } : {}), ...(fe ? { fixed_effects: fe } : {}), ...(subset ? { subset } : {}) };
    return fit('trial34-random', `${ID}-random-${k}`, `${ID}-data`, `${outcome} ~ ${rhs}`, se, { ...extra, ...(DECLINED_DRAWN.has(k) ? declined : {}) });
  });
}
