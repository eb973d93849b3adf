// The thirty-third R trial's classes (task rtrial33, 2026-12-06): inputs no earlier trial stored, drawn from stated seeds
// (Draw(33_100_000) for the data, Draw(33_100_001) for the p-values, Draw(33_100_002) for the drawn fits, Draw(33_100_003)
// for the drawn fixed-effect fits), fitted by R
// and stored in expected.json.gz (refit: write-inputs.ts, then differential.R; only new cases are refitted). What each
// class stresses:
// - dim-design-33: difference_in_means with blocks and clusters together where the clusters have 1 to 40 rows, blocks
//   of 2 to 6 clusters, matched pairs of rows, pairs beside blocks of four, pairs of clusters of unequal sizes, with
//   weights and missing outcomes.
// - moderation-centring-33: a factor × a continuous moderator uncentred, centred on a constant, on mean(x) (computed on
//   every row, also those a missing outcome drops), scale(x), under HC2, CR2, stata, weighted and cregg.
// - level-case-33: levels differing by case and accent only (apple/Apple, été/Été/ete), in C order (R's in
//   differential.R) or declared, as the treatment of an interaction, of difference_in_means and as fixed effects.
// - missing-roles-33: NA in a moderator (numeric and factor), in the weights and in the clusters, listwise as
//   lm_robust and svyglm drop them, with fixed effects and under cregg.
// - fe-se-33: fixed effects under HC2, HC3 and CR2 (estimatr's fit on the demeaned design, its hat values those of
//   the full model), with unequal clusters, two fixed effects and a treatment × moderator, and 15 drawn (seed 33_100_003);
//   each (but CR0) also against the fit with the fixed effects as dummies by sandwich and clubSandwich (fe-reference.R).
// - weighted-cr2-near-33: weighted CR2 with a column x + 1e-6 or 1e-7 of noise beside x, whose reference is the fit on
//   the orthonormal Q (q-reference.R, which took only unweighted CR2 until this trial: clubSandwich's vcovCR of the
//   weighted lm on Q, each df the HTZ test's of one row of R⁻¹).
// - rake-moderation-33: survey::rake's weights (from no base weights or from w), then a treatment × moderator
//   lm_robust with those weights under HC2, CR0, CR2 and stata (`rake_margins`: R rakes, vlab's rake() rakes).
// - p-adjust-33: hommel and BY (and the others) at ties, NA at the front, the back and between ties, n above the
//   p-values given.
// - trial33-random: 50 drawn fits of these columns (seed 33_100_002).
import type { SeType } from '../../../analysis/index.ts';
import { dim, fit, fitRows, numbers, strings, type FitRow } from './case-builders.ts';
import type { DataSet, DimCase, FitCase, PAdjustCase } from './case-types.ts';
import { Draw, type Column } from './random-data.ts';

interface Built {
  data: DataSet[];
  cases: (FitCase | DimCase | PAdjustCase)[];
}

const SEED = 33_100_000;
const P_SEED = 33_100_001;
const RANDOM_SEED = 33_100_002;
const FE_SEED = 33_100_003;
const ID = 't33';

/** Cluster sizes of 1 to 40 rows, cycled: blocks of 2–6 clusters take them in turn. */
const CLUSTER_SIZES = [1, 3, 40, 2, 7, 12, 1, 5, 20, 4, 2, 9, 15, 1, 6, 30, 3, 8];
const BLOCK_SIZES = [2, 3, 6, 4, 2, 5, 3];

/** Clusters of unequal sizes grouped into blocks; each block has a treated and a control cluster (zc). */
function clusterLayout(draw: Draw): { cl: number[]; bl: number[]; zc: number[]; cp: number[]; zcp: number[] } {
  const cl: number[] = [];
  const bl: number[] = [];
  const zc: number[] = [];
  let cluster = 0;
  for (let block = 0; cl.length < 480; block++) {
    const count = BLOCK_SIZES[block % BLOCK_SIZES.length];
    for (let k = 0; k < count && cl.length < 480; k++) {
      const size = CLUSTER_SIZES[cluster % CLUSTER_SIZES.length];
      const treated = k < 2 ? k : draw.chance(0.5) ? 1 : 0;
      cluster += 1;
      for (let r = 0; r < size && cl.length < 480; r++) {
        cl.push(cluster);
        bl.push(block + 1);
        zc.push(treated);
      }
    }
  }
  // Pairs of clusters (cp: cluster k and k + 1 of each pair, one of them treated): estimatr's matched-pairs clusters.
  const cp = cl.map((c) => 1 + Math.floor((c - 1) / 2));
  const pairTreated = Array.from({ length: 400 }, () => (draw.chance(0.5) ? 1 : 0));
  const zcp = cl.map((c, i) => ((c - 1) % 2 === pairTreated[cp[i]] ? 1 : 0));
  return { cl, bl, zc, cp, zcp };
}

/**
 * 480 rows: cl (clusters of 1–40 rows), bl (blocks of 2–6 clusters), zc (by cluster, both arms in every block), cp/zcp
 * (pairs of clusters, one treated), pr/zp (matched pairs of rows), pq/zq (pairs and blocks of four rows alternately, half
 * treated in each); z (0/1 by row), x (0–10, one decimal), xna (x, NA on ~8 %), m (a/b/c), mna (m, NA on ~6 %);
 * fc (apple/Apple/APPLE/banana), fa (été/Été/ete/Ete/zèbre), tc ("Control"/"control"/"Treat"); fe (8 levels), fe2 (3);
 * w (0.2–3), wna (w, NA on ~5 %), clna (cl, NA on ~4 %); sex/age (rake margins); u (normal), xn6/xn7 (x + 1e-6/1e-7 · u);
 * y, yna (NA on ~5 %).
 */
function trialData(draw: Draw): Column[] {
  const { cl, bl, zc, cp, zcp } = clusterLayout(draw);
  const n = cl.length;
  const rows = Array.from({ length: n }, (_, i) => i);
  const pr = rows.map((i) => 1 + Math.floor(i / 2));
  const pairFirst = Array.from({ length: n / 2 + 1 }, () => (draw.chance(0.5) ? 1 : 0));
  const zp = rows.map((i) => (i % 2 === pairFirst[pr[i]] ? 1 : 0));
  // Blocks of two and four rows alternately (6 rows a cycle): half treated in each.
  const pq = rows.map((i) => 1 + 2 * Math.floor(i / 6) + (i % 6 < 2 ? 0 : 1));
  const zq = rows.map((i) => ([0, 2, 3].includes(i % 6) ? 1 : 0));
  const z = rows.map((i) => (i < 2 ? i : draw.chance(0.5) ? 1 : 0));
  const x = rows.map(() => Number(draw.uniform(0, 10).toFixed(1)));
  const xna = x.map((v, i) => (i > 5 && draw.chance(0.08) ? null : v));
  const m = rows.map((i) => ['a', 'b', 'c'][i < 3 ? i : draw.int(3)]);
  const mna = m.map((v, i) => (i > 5 && draw.chance(0.06) ? null : v));
  const fc = rows.map((i) => ['apple', 'Apple', 'APPLE', 'banana'][i < 4 ? i : draw.int(4)]);
  const fa = rows.map((i) => ['été', 'Été', 'ete', 'Ete', 'zèbre'][i < 5 ? i : draw.int(5)]);
  const tc = rows.map((i) => ['Control', 'control', 'Treat'][i < 3 ? i : draw.int(3)]);
  const fe = rows.map((i) => `k${1 + (i % 8)}`);
  const fe2 = rows.map((i) => ['p', 'q', 'r'][Math.floor(i / 5) % 3]);
  const w = rows.map(() => Number(draw.uniform(0.2, 3).toFixed(3)));
  const wna = w.map((v, i) => (i > 5 && draw.chance(0.05) ? null : v));
  const clna = cl.map((v, i) => (i > 5 && draw.chance(0.04) ? null : v));
  const u = rows.map(() => Number(draw.normal().toFixed(2)));
  const sex = rows.map(() => (draw.chance(0.45) ? 'male' : 'female'));
  const age = rows.map(() => draw.pick(['18-34', '35-54', '55+', '55+']));
  const mEffect: Record<string, number> = { a: 0, b: 0.3, c: -0.2 };
  const fcEffect: Record<string, number> = { apple: 0, Apple: 0.2, APPLE: -0.1, banana: 0.4 };
  const shock = Array.from({ length: 500 }, () => 0.4 * draw.normal());
  const y = rows.map((i) =>
    Number((1 + 0.1 * x[i] + 0.5 * z[i] + 0.3 * zc[i] + 0.2 * zp[i] + 0.2 * zq[i] + 0.3 * zcp[i] + mEffect[m[i]] + 0.1 * z[i] * x[i] + 0.4 * z[i] * mEffect[m[i]] + fcEffect[fc[i]] + (sex[i] === 'male' ? 0.2 : 0) + shock[cl[i]] + draw.normal()).toFixed(4)));
  const yna = y.map((v, i) => (i > 5 && draw.chance(0.05) ? null : v));
  return [
    numbers('id', rows.map((i) => i + 1), 0), numbers('cl', cl, 0), numbers('bl', bl, 0), numbers('zc', zc, 0), numbers('cp', cp, 0), numbers('zcp', zcp, 0),
    numbers('pr', pr, 0), numbers('zp', zp, 0), numbers('pq', pq, 0), numbers('zq', zq, 0), numbers('z', z, 0),
    numbers('x', x, 1), numbers('xna', xna, 1), strings('m', m), strings('mna', mna),
    strings('fc', fc), strings('fa', fa), strings('tc', tc), strings('fe', fe), strings('fe2', fe2),
    numbers('w', w, 3), numbers('wna', wna, 3), numbers('clna', clna, 0), strings('sex', sex), strings('age', age),
    numbers('xn6', x.map((v, i) => Number((v + 1e-6 * u[i]).toFixed(12))), 12), numbers('xn7', x.map((v, i) => Number((v + 1e-7 * u[i]).toFixed(12))), 12),
    numbers('y', y, 4), numbers('yna', yna, 4),
  ];
}

type Row = FitRow;

const MODERATION: Row[] = [
  ['uncentred-hc2', 'y ~ m * x', 'HC2'],
  ['constant-hc2', 'y ~ m * I(x - 5)', 'HC2'],
  ['mean-hc2', 'y ~ m * I(x - mean(x))', 'HC2'],
  ['scale-hc2', 'y ~ m * scale(x)', 'HC2'],
  ['uncentred-cr2', 'y ~ m * x', 'CR2', { clusters: 'cl' }],
  ['mean-cr2', 'y ~ m * I(x - mean(x))', 'CR2', { clusters: 'cl' }],
  ['scale-cr2-weighted', 'y ~ m * scale(x)', 'CR2', { clusters: 'cl', weights: 'w' }],
  ['constant-stata', 'y ~ z * m * I(x - 5)', 'stata', { clusters: 'cl' }],
  ['mean-missing-outcome', 'yna ~ m * I(x - mean(x))', 'HC2'],
  ['scale-missing-outcome-cr2', 'yna ~ z * scale(x) + m', 'CR2', { clusters: 'cl' }],
  ['uncentred-cregg', 'y ~ m * x', 'cregg', { clusters: 'cl', weights: 'w' }],
  ['mean-cregg', 'y ~ m * I(x - mean(x))', 'cregg', { clusters: 'cl', weights: 'w' }],
  ['no-main-x', 'y ~ m + m:x', 'HC1'],
  ['no-intercept', 'y ~ 0 + m + m:I(x - 5)', 'HC2'],
  ['poly-centred', 'y ~ m * poly(x, 2)', 'HC3'],
  ['treatment-moderator-fe', 'y ~ z * I(x - mean(x))', 'CR2', { clusters: 'cl', fixed_effects: '~ fe' }],
];

const LEVEL_CASE: Row[] = [
  ['case-hc2', 'y ~ fc', 'HC2'],
  ['case-declared', 'y ~ fc', 'HC2', { levels: { fc: ['banana', 'APPLE', 'apple', 'Apple'] } }],
  ['case-interaction', 'y ~ fc * z', 'HC1'],
  ['accent-hc2', 'y ~ fa + x', 'HC2'],
  ['accent-interaction-cr2', 'y ~ fa * z', 'CR2', { clusters: 'cl' }],
  ['accent-declared', 'y ~ fa * x', 'stata', { clusters: 'cl', levels: { fa: ['zèbre', 'Ete', 'ete', 'Été', 'été'] } }],
  ['accent-fe', 'y ~ z + x', 'HC2', { fixed_effects: '~ fa' }],
  ['case-fe-cr0', 'y ~ z * x', 'CR0', { fixed_effects: '~ fc', clusters: 'cl' }],
  ['treatment-text', 'y ~ tc * m', 'HC2'],
  ['case-cregg', 'y ~ fc + fa', 'cregg', { clusters: 'cl' }],
];

const MISSING_ROLES: Row[] = [
  ['moderator-hc2', 'y ~ z * xna', 'HC2'],
  ['moderator-cr2', 'y ~ z * xna + m', 'CR2', { clusters: 'cl' }],
  ['factor-moderator-hc2', 'y ~ z * mna', 'HC2'],
  ['factor-moderator-stata', 'y ~ z * mna + x', 'stata', { clusters: 'cl', weights: 'w' }],
  ['weights-hc2', 'y ~ z * m', 'HC2', { weights: 'wna' }],
  ['weights-cr2', 'y ~ z * x', 'CR2', { clusters: 'cl', weights: 'wna' }],
  ['weights-classical', 'y ~ z + x + m', 'classical', { weights: 'wna' }],
  ['clusters-cr2', 'y ~ z * m', 'CR2', { clusters: 'clna' }],
  ['clusters-weights-cr0', 'y ~ z * xna', 'CR0', { clusters: 'clna', weights: 'wna' }],
  ['all-three-stata', 'yna ~ z * mna + xna', 'stata', { clusters: 'clna', weights: 'wna' }],
  ['fe-weights-hc1', 'y ~ z * xna', 'HC1', { fixed_effects: '~ fe', weights: 'wna' }],
  ['fe-clusters-cr2', 'y ~ z * mna', 'CR2', { fixed_effects: '~ fe', clusters: 'clna' }],
  ['cregg-weights', 'y ~ z * m', 'cregg', { clusters: 'cl', weights: 'wna' }],
  ['cregg-moderator', 'y ~ z * xna', 'cregg', { clusters: 'cl', weights: 'w' }],
  ['cregg-all', 'yna ~ z * mna', 'cregg', { clusters: 'clna', weights: 'wna' }],
  ['mean-of-missing', 'y ~ z * I(xna - 5)', 'HC2', { weights: 'wna' }],
];

const FE_SE: Row[] = [
  ['hc2', 'y ~ z + x', 'HC2', { fixed_effects: '~ fe' }],
  ['hc3', 'y ~ z + x', 'HC3', { fixed_effects: '~ fe' }],
  ['hc2-weighted', 'y ~ z * x', 'HC2', { fixed_effects: '~ fe', weights: 'w' }],
  ['hc3-weighted', 'y ~ z * m', 'HC3', { fixed_effects: '~ fe', weights: 'w' }],
  ['hc2-two', 'y ~ z + x', 'HC2', { fixed_effects: '~ fe + fe2' }],
  ['hc3-two', 'y ~ z * m', 'HC3', { fixed_effects: '~ fe + fe2' }],
  ['cr2', 'y ~ z + x', 'CR2', { fixed_effects: '~ fe', clusters: 'cl' }],
  ['cr2-moderation', 'y ~ z * m + x', 'CR2', { fixed_effects: '~ fe', clusters: 'cl' }],
  ['cr2-two', 'y ~ z + x', 'CR2', { fixed_effects: '~ fe + fe2', clusters: 'cl' }],
  ['cr2-block-fe', 'y ~ zc + x', 'CR2', { fixed_effects: '~ bl', clusters: 'cl' }],
  ['cr2-block-fe-moderation', 'y ~ zc * x', 'CR2', { fixed_effects: '~ bl', clusters: 'cl' }],
  ['hc2-block-fe', 'y ~ zc * m', 'HC2', { fixed_effects: '~ bl' }],
  ['hc3-pairs', 'y ~ zp + x', 'HC3', { fixed_effects: '~ pr' }],
  ['cr2-pairs', 'y ~ zp', 'CR2', { fixed_effects: '~ pr', clusters: 'cl' }],
  ['cr0-cluster-pairs', 'y ~ zcp + x', 'CR0', { fixed_effects: '~ cp', clusters: 'cl' }],
  ['cr2-cluster-pairs', 'y ~ zcp', 'CR2', { fixed_effects: '~ cp', clusters: 'cl' }],
];

/** Weighted CR2 of nearly collinear columns: R's reference is the weighted fit on Q (q-reference.R, clubSandwich). */
const WEIGHTED_CR2_NEAR: Row[] = [
  ['1e-6', 'y ~ x + xn6 + z', 'CR2', { clusters: 'cl', weights: 'w' }],
  ['1e-7', 'y ~ x + xn7 + z', 'CR2', { clusters: 'cl', weights: 'w' }],
  ['1e-6-interaction', 'y ~ z * x + xn6', 'CR2', { clusters: 'cl', weights: 'w' }],
  ['1e-6-factor', 'y ~ m + x + xn6', 'CR2', { clusters: 'cl', weights: 'w' }],
  ['1e-7-reversed', 'y ~ xn7 + x + z', 'CR2', { clusters: 'cl', weights: 'w' }],
  ['1e-6-missing', 'yna ~ x + xn6 + z', 'CR2', { clusters: 'cl', weights: 'wna' }],
  ['1e-6-unweighted', 'y ~ x + xn6 + z', 'CR2', { clusters: 'cl' }],
];
const Q_REFERENCE: Pick<FitCase, 'note' | 'q_reference'> = {
  note: 'nearly collinear columns: estimatr\'s SEs (not its estimates) lose digits and its CR2 df too; R on the orthonormal Q of X = QR (weighted: clubSandwich\'s vcovCR and HTZ df) is the reference',
  q_reference: true,
};

/** Raking margins: sex and age (shares), R's survey::rake and vlab's rake() each weighting the rows before the fit. */
const SEX = { male: 0.49, female: 0.51 };
const AGE = { '18-34': 0.3, '35-54': 0.34, '55+': 0.36 };

const RAKE_MODERATION: Row[] = [
  ['hc2', 'y ~ z * m', 'HC2', { rake_margins: { sex: SEX, age: AGE } }],
  ['hc2-numeric', 'y ~ z * x', 'HC2', { rake_margins: { sex: SEX, age: AGE } }],
  ['cr0', 'y ~ z * m', 'CR0', { clusters: 'cl', rake_margins: { sex: SEX, age: AGE } }],
  ['cr2', 'y ~ z * I(x - mean(x))', 'CR2', { clusters: 'cl', rake_margins: { sex: SEX, age: AGE } }],
  ['stata', 'y ~ zc * m', 'stata', { clusters: 'cl', rake_margins: { sex: SEX } }],
  ['base-hc1', 'y ~ z * m', 'HC1', { weights: 'w', rake_margins: { sex: SEX, age: AGE } }],
  ['base-cr2', 'y ~ z * x', 'CR2', { clusters: 'cl', weights: 'w', rake_margins: { age: AGE } }],
  ['missing-outcome-cr2', 'yna ~ z * m', 'CR2', { clusters: 'cl', rake_margins: { sex: SEX, age: AGE } }],
  ['fe-hc2', 'y ~ z * x', 'HC2', { fixed_effects: '~ fe', rake_margins: { sex: SEX, age: AGE } }],
  ['sex-moderator', 'y ~ z * sex', 'HC2', { rake_margins: { sex: SEX, age: AGE } }],
];

/** difference_in_means with blocks and clusters of unequal sizes, matched pairs, pairs beside fours, pairs of clusters. */
function dimCases(): DimCase[] {
  const d = (group: DimCase['group'], name: string, extra: Partial<DimCase>) => dim(group, `${ID}-dim-${name}`, `${ID}-data`, extra);
  return [
    d('dim-design-33', 'blocks-clusters', { treatment: 'zc', blocks: 'bl', clusters: 'cl' }),
    d('dim-design-33', 'blocks-clusters-weighted', { treatment: 'zc', blocks: 'bl', clusters: 'cl', weights: 'w' }),
    d('dim-design-33', 'blocks-clusters-missing', { outcome: 'yna', treatment: 'zc', blocks: 'bl', clusters: 'cl' }),
    d('dim-design-33', 'clusters-unequal', { treatment: 'zc', clusters: 'cl' }),
    d('dim-design-33', 'clusters-unequal-weighted', { treatment: 'zc', clusters: 'cl', weights: 'w' }),
    d('dim-design-33', 'pairs', { treatment: 'zp', blocks: 'pr' }),
    d('dim-design-33', 'pairs-weighted', { treatment: 'zp', blocks: 'pr', weights: 'w' }),
    d('dim-design-33', 'pairs-missing', { outcome: 'yna', treatment: 'zp', blocks: 'pr' }),
    d('dim-design-33', 'pairs-and-fours', { treatment: 'zq', blocks: 'pq' }),
    d('dim-design-33', 'pairs-and-fours-weighted', { treatment: 'zq', blocks: 'pq', weights: 'w' }),
    d('dim-design-33', 'pairs-and-fours-missing', { outcome: 'yna', treatment: 'zq', blocks: 'pq' }),
    d('dim-design-33', 'cluster-pairs', { treatment: 'zcp', blocks: 'cp', clusters: 'cl' }),
    d('dim-design-33', 'cluster-pairs-weighted', { treatment: 'zcp', blocks: 'cp', clusters: 'cl', weights: 'w' }),
    d('dim-design-33', 'cluster-pairs-missing', { outcome: 'yna', treatment: 'zcp', blocks: 'cp', clusters: 'cl' }),
    d('dim-design-33', 'alpha-0.1', { treatment: 'zc', blocks: 'bl', clusters: 'cl', alpha: 0.1 }),
    d('level-case-33', 'text-arms', { treatment: 'tc', condition1: 'control', condition2: 'Control', subset_conditions: true }),
    d('level-case-33', 'text-arms-treat', { treatment: 'tc', condition1: 'Control', condition2: 'Treat', subset_conditions: true }),
    d('missing-roles-33', 'weights', { weights: 'wna' }),
    d('missing-roles-33', 'clusters', { treatment: 'zc', clusters: 'clna' }),
    d('missing-roles-33', 'blocks-clusters-weights', { treatment: 'zc', blocks: 'bl', clusters: 'clna', weights: 'wna' }),
  ];
}

/** hommel and BY (and the others) at ties and with NA in every position; an n above the p-values given. */
function pAdjustCases(draw: Draw): PAdjustCase[] {
  const pa = (name: string, values: (number | null)[], method: PAdjustCase['method'], n?: number): PAdjustCase => ({
    kind: 'p_adjust', id: `${ID}-p-adjust-${name}`, group: 'p-adjust-33', p: values, method, ...(n === undefined ? {} : { n }),
  });
  const methods: PAdjustCase['method'][] = ['holm', 'hochberg', 'hommel', 'bonferroni', 'BH', 'BY'];
  const tiesNa = [null, 0.01, 0.01, null, 0.04, 0.04, 0.04, 0.2, null, 0.2, 0.9, null];
  const allTied = [0.03, 0.03, null, 0.03, 0.03];
  const tiedAtOne = [1, 1, 0.5, null, 1, 0.002];
  const drawn = Array.from({ length: 60 }, () => (draw.chance(0.1) ? null : draw.pick([0.001, 0.01, 0.02, 0.05, Number(draw.uniform().toFixed(2))])));
  return [
    ...methods.map((m) => pa(`ties-na-${m}`, tiesNa, m)),
    ...methods.map((m) => pa(`drawn-${m}`, drawn, m)),
    ...(['hommel', 'BY'] as const).flatMap((m) => [
      pa(`all-tied-${m}`, allTied, m),
      pa(`tied-at-one-${m}`, tiedAtOne, m),
      pa(`ties-na-n-20-${m}`, tiesNa, m, 20),
      pa(`drawn-n-100-${m}`, drawn, m, 100),
    ]),
  ];
}

/** The stored cases of the thirty-third trial. */
export function trial33Designs(): Built {
  const data = `${ID}-data`;
  const fits = (group: FitCase['group'], prefix: string, list: Row[]) => fitRows(group, `${ID}-${prefix}`, data, list);
  return {
    data: [{ id: data, columns: trialData(new Draw(SEED)) }],
    cases: [
      ...fits('moderation-centring-33', 'centring', MODERATION),
      ...fits('level-case-33', 'level-case', LEVEL_CASE),
      ...fits('missing-roles-33', 'missing', MISSING_ROLES),
      ...fits('fe-se-33', 'fe-se', FE_SE).map((c) => (c.se_type === 'CR0' ? c : { ...c, fe_reference: true as const })),
      ...drawnFixedEffectFits(new Draw(FE_SEED), 15),
      ...fits('rake-moderation-33', 'rake-mod', RAKE_MODERATION),
      ...fits('weighted-cr2-near-33', 'wcr2-near', WEIGHTED_CR2_NEAR).map((c) => ({ ...c, ...Q_REFERENCE })),
      ...dimCases(),
      ...pAdjustCases(new Draw(P_SEED)),
      ...drawnCases(new Draw(RANDOM_SEED), 50),
    ],
  };
}

/**
 * `count` drawn fixed-effect fits under HC2, HC3 and CR2 (seed 33_100_003), each with the reference of the dummies' fit
 * (fe_reference): a formula of the treatment, a moderator and a covariate, one or two fixed effects, weights on some
 * (never under CR2, which estimatr refuses with fixed effects).
 */
function drawnFixedEffectFits(draw: Draw, count: number): FitCase[] {
  const formulas = ['y ~ z + x', 'y ~ z * x', 'y ~ z * m', 'yna ~ z + x + m', 'y ~ zc * x', 'y ~ z * I(x - 5) + fc', 'y ~ zp + x', 'y ~ zq * m'];
  const fixed = ['~ fe', '~ fe2', '~ fe + fe2', '~ bl', '~ fa'];
  const types: SeType[] = ['HC2', 'HC3', 'CR2'];
  return Array.from({ length: count }, (_, k) => {
    const se = draw.pick(types);
    const weighted = se !== 'CR2' && draw.chance(0.4);
    const extra: Partial<FitCase> = { fixed_effects: draw.pick(fixed), ...(se === 'CR2' ? { clusters: 'cl' } : {}), ...(weighted ? { weights: 'w' } : {}), fe_reference: true };
    return fit('fe-se-33', `${ID}-fe-drawn-${k}`, `${ID}-data`, draw.pick(formulas), se, extra);
  });
}

/**
 * `count` drawn fits of these columns (seed 33_100_002): an outcome (plain or with NA), two to four terms, weights
 * (plain, with NA, or none), an se type with clusters (plain or with NA), fixed effects on some (never with weighted
 * CR2, which estimatr refuses, nor with cregg). Fits 36 and 44 put scale(x) beside x with fixed effects, dependent only
 * with the constant they absorb: declined until R trial 35, now fitted as estimatr fits them (it leaves out scale(x) by the
 * demeaned columns' norms, x's being sd(x) times scale(x)'s; absorbed-columns.ts).
 */
function drawnCases(draw: Draw, count: number): FitCase[] {
  const outcomes = ['y', 'yna'];
  const terms = ['x', 'z', 'zc', 'm', 'mna', 'xna', 'fc', 'fa', 'z:x', 'z:m', 'I(x - mean(x))', 'scale(x)', 'z:xna', 'sex'];
  const weights = [undefined, undefined, 'w', 'wna'];
  const types: SeType[] = ['classical', 'HC0', 'HC1', 'HC2', 'HC3', 'CR0', 'stata', 'CR2', 'cregg'];
  return Array.from({ length: count }, (_, k) => {
    const outcome = draw.pick(outcomes);
    const rhs = draw.shuffle(terms).slice(0, 2 + draw.int(3)).join(' + ');
    const se = draw.pick(types);
    const w = draw.pick(weights);
    const clustered = se.startsWith('CR') || se === 'stata' || se === 'cregg';
    const clusters = draw.chance(0.3) ? 'clna' : 'cl';
    const fe = se !== 'cregg' && !(se === 'CR2' && w) && draw.chance(0.3) ? draw.pick(['~ fe', '~ fe2', '~ fe + fe2', '~ bl']) : undefined;
    const extra: Partial<FitCase> = { ...(w ? { weights: w } : {}), ...(clustered ? { clusters } : {}), ...(fe ? { fixed_effects: fe } : {}) };
    return fit('trial33-random', `${ID}-random-${k}`, `${ID}-data`, `${outcome} ~ ${rhs}`, se, extra);
  });
}
