// The thirty-eighth R trial's classes (task rtrial38, 2026-12-07): combinations no earlier trial stored, drawn from
// stated seeds (Draw(38_100_000) for the data, Draw(38_100_001) for the p-values, Draw(38_100_002) for the drawn fits),
// fitted by R and stored in expected.json.gz (refit: write-inputs.ts, then differential.R; only new cases are refitted).
// What each class stresses:
// - na-roles-38: a missing value in the fixed effects' column, in a subset's condition (R's subset drops an NA row as
//   FALSE), in the clusters, in a factor and its relevel(), and the rows of a factor's first level all missing their
//   outcome (the reference moves to the next level present, declared or sorted), under HC1–HC3, CR0, CR2, stata, cregg.
// - collinear-38: exactly collinear integer columns (xk = xi + 2·xj; xl = 3 − xi beside the intercept; I(1 − z)) in
//   every order, and a factor nested in another (state within region) before, after and beside an interaction: which
//   column R leaves out (NA), weighted, clustered, with fixed effects, under cregg.
// - declared-levels-38: levels a plan declares with an unused first level (the reference the first present), an unused
//   level in the middle, a subset that drops the declared reference, a declared region with an unused level beside its
//   nested states, declared levels beside fixed effects; CR2 with weights and fixed effects (estimatr stops; so must vlab).
// - stata-singleton-38: se_type "stata" (and CR0, CR2, cregg) with exactly one cluster of one row, weighted, with zero
//   weights, fixed effects and a subset that leaves a cluster one row; y ~ z * f, whose intercept and z are fitted
//   within cluster 1 (R: noise or NaN for their SEs; vlab: NA with a warning), with and without the clusters absorbed.
// - dim-blocks-38: difference_in_means with pair blocks (one unit per arm) beside blocks of 20, a block column with
//   missing values, pairs alone (estimatr's matched-pair rule), weighted pairs, clusters with missing ids, named arms
//   in reverse.
// - p-adjust-38: every method on ties at 0.05 and 0.01 with NA between them, with and without a larger n.
// - power-38: pwr.t2n.test and pwr.2p2n.test with one arm at 2 or 3 and the other at 1e5–1e7, solving d, h, n2 and power.
// - trial38-random: 30 drawn fits of these columns (seed 38_100_002).
import { dim, drawnFits, fitRows, numbers, strings, type FitRow } from './case-builders.ts';
import type { DataSet, DimCase, FitCase, PAdjustCase, PowerCase, PowerHCase } from './case-types.ts';
import { Draw, type Column } from './random-data.ts';

interface Built {
  data: DataSet[];
  cases: (FitCase | DimCase | PAdjustCase | PowerCase | PowerHCase)[];
}

const SEED = 38_100_000;
const P_SEED = 38_100_001;
const RANDOM_SEED = 38_100_002;
const ID = 't38';
const N = 200;
const REGIONS = ['east', 'north', 'south', 'west'];

/**
 * 200 rows: id; xi (0–20), xj (0–10), xk = xi + 2·xj, xl = 3 − xi (integers: exactly collinear); x (0–10, one decimal),
 * xna (x with ~6 % NA); z (0/1); f (q–t, and p on rows 1–4 only, whose yna is NA), fna (f with ~5 % NA); region (4) and
 * state (3 within each region); w (0.2–3), wz (w with ~15 % zeros), wna (w with ~5 % NA); cl (39 clusters of 5 and 5 of
 * one row), clna (cl with ~5 % NA), cl1 (22 clusters of 9 or 10 and one of one row, the last); fe (5 groups), fena (fe
 * with ~5 % NA); blk (20 blocks of a pair, then 8 of 20), zb (one of each pair treated, half of each large block),
 * blkna (blk with ~5 % NA), zc (cl's clusters alternately treated); y, yna (NA on rows 1–4 and ~5 % of the others).
 */
function trialData(draw: Draw): Column[] {
  const rows = Array.from({ length: N }, (_, i) => i);
  const xi = rows.map(() => draw.int(21));
  const xj = rows.map(() => draw.int(11));
  const xk = rows.map((i) => xi[i] + 2 * xj[i]);
  const xl = rows.map((i) => 3 - xi[i]);
  const x = rows.map(() => Number(draw.uniform(0, 10).toFixed(1)));
  const xna = x.map((v, i) => (i > 6 && draw.chance(0.06) ? null : v));
  const z = rows.map((i) => (i < 2 ? i : draw.chance(0.5) ? 1 : 0));
  const f = rows.map((i) => (i < 4 ? 'p' : ['q', 'r', 's', 't'][i < 8 ? i - 4 : draw.int(4)]));
  const fna = f.map((v, i) => (i > 8 && draw.chance(0.05) ? null : v));
  const region = rows.map((i) => REGIONS[i < 4 ? i : draw.int(4)]);
  const state = rows.map((i) => `${region[i]} ${1 + (i < 12 ? Math.floor(i / 4) : draw.int(3))}`);
  const w = rows.map(() => Number(draw.uniform(0.2, 3).toFixed(3)));
  const wz = w.map((v, i) => (i > 3 && draw.chance(0.15) ? 0 : v));
  const wna = w.map((v, i) => (i > 6 && draw.chance(0.05) ? null : v));
  const cl = rows.map((i) => (i < 195 ? 1 + Math.floor(i / 5) : 40 + (i - 195)));
  const clna = cl.map((v, i) => (i > 6 && draw.chance(0.05) ? null : v));
  const cl1 = rows.map((i) => (i < 198 ? 1 + Math.floor(i / 9) : i === 198 ? 22 : 23));
  const fe = rows.map((i) => `g${1 + (i % 5)}`);
  const fena = fe.map((v, i) => (i > 6 && draw.chance(0.05) ? null : v));
  const blk = rows.map((i) => (i < 40 ? 1 + Math.floor(i / 2) : 21 + Math.floor((i - 40) / 20)));
  const zb: number[] = rows.map((i) => (i < 40 ? (draw.chance(0.5) ? 0 : 1) : 0));
  for (let p = 0; p < 20; p++) zb[2 * p + 1] = 1 - zb[2 * p];
  for (let b = 0; b < 8; b++) draw.shuffle(Array.from({ length: 20 }, (_, k) => 40 + 20 * b + k)).slice(0, 10).forEach((i) => (zb[i] = 1));
  const blkna = blk.map((v, i) => (i > 6 && draw.chance(0.05) ? null : v));
  const zc = cl.map((c) => c % 2);
  const fEffect: Record<string, number> = { p: 0.3, q: 0, r: 0.2, s: -0.1, t: 0.5 };
  const stateEffect = new Map([...new Set(state)].map((s) => [s, 0.3 * draw.normal()]));
  const feEffect = Array.from({ length: 5 }, () => draw.normal());
  const shock = Array.from({ length: 45 }, () => 0.4 * draw.normal());
  const blockEffect = Array.from({ length: 29 }, () => 0.5 * draw.normal());
  const y = rows.map((i) =>
    Number((1 + 0.1 * x[i] + 0.4 * z[i] + 0.3 * zb[i] + 0.2 * zc[i] + fEffect[f[i]] + (stateEffect.get(state[i]) as number) + 0.05 * xi[i] + 0.1 * xj[i] +
      feEffect[i % 5] + shock[cl[i] - 1] + blockEffect[blk[i] - 1] + draw.normal()).toFixed(4)));
  const yna = y.map((v, i) => (i < 4 || (i > 6 && draw.chance(0.05)) ? null : v));
  return [
    numbers('id', rows.map((i) => i + 1), 0), numbers('xi', xi, 0), numbers('xj', xj, 0), numbers('xk', xk, 0), numbers('xl', xl, 0),
    numbers('x', x, 1), numbers('xna', xna, 1), numbers('z', z, 0), strings('f', f), strings('fna', fna),
    strings('region', region), strings('state', state), numbers('w', w, 3), numbers('wz', wz, 3), numbers('wna', wna, 3),
    numbers('cl', cl, 0), numbers('clna', clna, 0), numbers('cl1', cl1, 0), strings('fe', fe), strings('fena', fena),
    numbers('blk', blk, 0), numbers('zb', zb, 0), numbers('blkna', blkna, 0), numbers('zc', zc, 0),
    numbers('y', y, 4), numbers('yna', yna, 4),
  ];
}

/** y ~ z * f's terms fitted within cluster 1 of cl and cl1 (level p of f, rows 1–4, only there). */
const WITHIN_CLUSTER_1 = ['(Intercept)', 'z'];

const NA_ROLES: FitRow[] = [
  ['fe-na', 'y ~ z + x', 'HC2', { fixed_effects: '~ fena' }],
  ['fe-na-cr2', 'y ~ z * x', 'CR2', { fixed_effects: '~ fena', clusters: 'cl' }],
  ['fe-na-stata-weighted', 'yna ~ z + xna', 'stata', { fixed_effects: '~ fena', clusters: 'clna', weights: 'wna' }],
  ['clusters-na-cr2', 'y ~ z + f', 'CR2', { clusters: 'clna' }],
  ['subset-na', 'y ~ z + x', 'HC2', { subset: 'xna > 3' }],
  // Level p of f lies in cluster 1 only (rows 1–4): the intercept and z are fitted within it, their clustered SEs 0 by
  // construction (R: noise, SE 1e-7 and t 1e6; vlab: NA with a warning).
  ['subset-na-weights', 'y ~ z * f', 'CR0', { subset: 'xna > 3', clusters: 'cl', weights: 'wz', zero_by_construction: WITHIN_CLUSTER_1 }],
  ['subset-na-factor-fe', 'y ~ z + x', 'HC1', { subset: 'fna != "q"', fixed_effects: '~ fe' }],
  ['factor-na-cregg', 'y ~ z + fna', 'cregg', { clusters: 'clna', weights: 'wna' }],
  ['every-role', 'yna ~ z + xna + fna', 'CR2', { clusters: 'clna', weights: 'wna' }],
  ['relevel-na', 'yna ~ relevel(factor(fna), ref = "s") + z', 'HC3'],
  ['interaction-na', 'yna ~ fna * xna', 'stata', { clusters: 'cl' }],
  ['na-empties-reference', 'yna ~ f + z', 'HC2'],
  ['na-empties-reference-declared', 'yna ~ f * z', 'CR2', { clusters: 'cl', levels: { f: ['p', 'r', 'q', 's', 't'] } }],
  ['na-empties-reference-fe', 'yna ~ f + x', 'CR0', { clusters: 'cl', fixed_effects: '~ fe', weights: 'w' }],
];

const COLLINEAR: FitRow[] = [
  ['sum-last', 'y ~ xi + xj + xk', 'HC2'],
  ['sum-first', 'y ~ xk + xi + xj', 'HC2'],
  ['sum-middle-weighted', 'y ~ xi + xk + xj + z', 'HC1', { weights: 'w' }],
  ['intercept-line', 'y ~ xi + xl', 'classical'],
  ['intercept-line-first', 'y ~ xl + xi + z', 'CR2', { clusters: 'cl' }],
  ['nested-state', 'y ~ region + state', 'HC2'],
  ['nested-state-first', 'y ~ state + region', 'HC2'],
  ['nested-by-z', 'y ~ region * z + state', 'CR2', { clusters: 'cl' }],
  ['nested-fe', 'y ~ state + z', 'HC1', {
    fixed_effects: '~ region', weights: 'w', declined: 'two of their demeaned norms tie',
    note: 'state nested in the fixed effect region: one state of each region is left out, and which one estimatr\'s pivoted QR of the demeaned columns leaves out (statenorth 2, statesouth 3, statewest 2) is decided by norms that tie up to rounding',
  }],
  ['nested-cregg', 'y ~ region + state + z', 'cregg', { clusters: 'cl', weights: 'w' }],
  ['sum-stata-fe', 'y ~ xi + xj + xk + z', 'stata', { clusters: 'cl', fixed_effects: '~ fe', weights: 'wz' }],
  ['sum-interaction', 'y ~ z * (xi + xj + xk)', 'HC2'],
  ['complement', 'y ~ z + I(1 - z) + x', 'HC2'],
  ['sum-cr2-weighted', 'y ~ xk + xj + xi', 'CR2', { clusters: 'cl', weights: 'w' }],
];

const DECLARED: FitRow[] = [
  ['unused-first', 'y ~ f + x', 'HC2', { levels: { f: ['u', 's', 'q', 'r', 't', 'p'] } }],
  ['unused-first-interaction', 'y ~ f * z', 'CR2', { clusters: 'cl', levels: { f: ['u', 't', 's', 'r', 'q', 'p'] } }],
  ['unused-middle-cregg', 'y ~ f + z', 'cregg', { clusters: 'cl', levels: { f: ['r', 'u', 'p', 'q', 's', 't'] } }],
  ['subset-drops-reference', 'y ~ f + z', 'HC1', { subset: 'f != "q"', levels: { f: ['q', 'r', 'p', 's', 't', 'u'] } }],
  ['region-declared-nested', 'y ~ region + state', 'HC2', { levels: { region: ['west', 'centre', 'north', 'south', 'east'] } }],
  ['declared-beside-fe', 'y ~ f + z', 'HC2', { fixed_effects: '~ region', levels: { f: ['t', 'u', 's', 'r', 'q', 'p'] } }],
  ['declared-weighted-stata', 'y ~ f * x', 'stata', { clusters: 'cl1', weights: 'w', levels: { f: ['t', 's', 'r', 'q', 'p', 'u'] } }],
  ['cr2-weights-fe-interaction', 'y ~ f * z', 'CR2', { clusters: 'cl', weights: 'w', fixed_effects: '~ fe', levels: { f: ['u', 'r', 'q', 'p', 's', 't'] } }],
];

const STATA_SINGLETON: FitRow[] = [
  ['one', 'y ~ z + x', 'stata', { clusters: 'cl1' }],
  ['one-weighted', 'y ~ z * x', 'stata', { clusters: 'cl1', weights: 'w' }],
  ['one-fe', 'y ~ z + x', 'stata', { clusters: 'cl1', fixed_effects: '~ fe' }],
  ['one-zero-weights', 'y ~ z + f', 'stata', { clusters: 'cl1', weights: 'wz' }],
  ['five-cr2-weighted', 'y ~ z + x', 'CR2', { clusters: 'cl', weights: 'w' }],
  ['one-cr0', 'y ~ z * f', 'CR0', { clusters: 'cl1', weights: 'w', zero_by_construction: WITHIN_CLUSTER_1 }],
  ['one-cr2', 'y ~ z * f', 'CR2', { clusters: 'cl1', zero_by_construction: WITHIN_CLUSTER_1 }],
  ['one-cregg', 'y ~ z + f', 'cregg', { clusters: 'cl1' }],
  // The clusters absorbed too: z is fitted within cluster 1 still (R: NaN), vlab's demeaning hands it to the dummies' fit.
  ['own-fe-cr0', 'y ~ z * f', 'CR0', { clusters: 'cl1', fixed_effects: '~ cl1', zero_by_construction: ['z'] }],
  ['own-fe-stata-weighted', 'y ~ z * f', 'stata', { clusters: 'cl1', fixed_effects: '~ cl1', weights: 'w', zero_by_construction: ['z'] }],
  ['by-subset', 'y ~ z + x', 'stata', { clusters: 'cl', subset: 'id > 4' }],
];

function dimCases(data: string): DimCase[] {
  const d = (name: string, extra: Partial<DimCase>) => dim('dim-blocks-38', `${ID}-dim-${name}`, data, { treatment: 'zb', ...extra });
  return [
    d('pairs-beside-blocks', { blocks: 'blk' }),
    d('pairs-only', { blocks: 'blk', subset: 'id <= 40' }),
    d('pairs-only-reversed', { blocks: 'blk', subset: 'id <= 40', condition1: '1', condition2: '0', alpha: 0.1 }),
    d('pairs-only-weighted', { blocks: 'blk', subset: 'id <= 40', weights: 'w' }),
    d('blocks-na', { blocks: 'blkna' }),
    d('blocks-na-outcome-na', { outcome: 'yna', blocks: 'blkna', subset: 'id > 40' }),
    d('large-blocks-zero-weights', { blocks: 'blk', weights: 'wz', subset: 'id > 40' }),
    d('large-blocks-weights-na', { outcome: 'yna', blocks: 'blkna', weights: 'wna', subset: 'id > 40', alpha: 0.01 }),
    d('clusters-na-blocks', { treatment: 'zc', blocks: 'fe', clusters: 'clna' }),
    d('clusters-na', { treatment: 'zc', clusters: 'clna', weights: 'w' }),
  ];
}

function pAdjustCases(draw: Draw): PAdjustCase[] {
  const pa = (name: string, values: (number | null)[], method: PAdjustCase['method'], n?: number): PAdjustCase => ({
    kind: 'p_adjust', id: `${ID}-p-adjust-${name}`, group: 'p-adjust-38', p: values, method, ...(n === undefined ? {} : { n }),
  });
  const methods: PAdjustCase['method'][] = ['holm', 'hochberg', 'hommel', 'bonferroni', 'BH', 'BY'];
  const ties = Array.from({ length: 10 }, (_, i) => (i === 1 || i === 6 ? null : draw.pick([0.05, 0.05, 0.01, 0.01, 0.2])));
  return [...methods.map((m) => pa(`ties-na-${m}`, ties, m)), ...methods.map((m) => pa(`ties-na-n-15-${m}`, ties, m, 15))];
}

const power = (name: string, input: Omit<PowerCase, 'kind' | 'id' | 'group' | 'sd'>): PowerCase => ({ kind: 'power', id: `${ID}-power-${name}`, group: 'power-38', sd: 1, ...input });
const cohen = (name: string, input: Omit<PowerHCase, 'kind' | 'id' | 'group'>): PowerHCase => ({ kind: 'power_h', id: `${ID}-power-h-${name}`, group: 'power-38', ...input });

const POWER: (PowerCase | PowerHCase)[] = [
  power('t2n-two-beside-million-effect', { solve: 'effect', n: 2, n2: 1e6, power: 0.8, alpha: 0.05 }),
  power('t2n-three-beside-1e5-power', { solve: 'power', effect: 1.5, n: 3, n2: 1e5, alpha: 0.05 }),
  power('t2n-two-two-power', { solve: 'power', effect: 2, n: 2, n2: 2, alpha: 0.05 }),
  power('t2n-n2-small', { solve: 'n2', effect: 3, n: 1e5, n2: 'solve', power: 0.8, alpha: 0.05 }),
  power('t2n-one-sided-effect', { solve: 'effect', n: 3, n2: 1e7, power: 0.99, alpha: 0.05, alternative: 'one.sided' }),
  power('t2n-strict-near-alpha', { solve: 'effect', n: 2, n2: 1000, power: 0.06, alpha: 0.05, strict: true }),
  cohen('two-beside-million-h', { solve: 'h', n: 2, n2: 1e6, power: 0.8, alpha: 0.05 }),
  cohen('n2-small', { solve: 'n2', h: 2, n: 1e5, n2: 'solve', power: 0.8, alpha: 0.05 }),
  cohen('three-beside-1e7-power', { solve: 'power', h: 1, n: 3, n2: 1e7, alpha: 0.05 }),
  cohen('less-h', { solve: 'h', n: 3, n2: 1e5, power: 0.9, alpha: 0.05, alternative: 'less' }),
  cohen('greater-n2', { solve: 'n2', h: 0.8, n: 5000, n2: 'solve', power: 0.9, alpha: 0.01, alternative: 'greater' }),
];

/** The stored cases of the thirty-eighth trial. */
export function trial38Designs(): Built {
  const data = `${ID}-data`;
  const fits = (group: FitCase['group'], prefix: string, list: FitRow[]) => fitRows(group, `${ID}-${prefix}`, data, list);
  return {
    data: [{ id: data, columns: trialData(new Draw(SEED)) }],
    cases: [
      ...fits('na-roles-38', 'na-roles', NA_ROLES),
      ...fits('collinear-38', 'collinear', COLLINEAR),
      ...fits('declared-levels-38', 'declared', DECLARED),
      ...fits('stata-singleton-38', 'stata-singleton', STATA_SINGLETON),
      ...dimCases(data),
      ...pAdjustCases(new Draw(P_SEED)),
      ...POWER,
      ...drawnCases(new Draw(RANDOM_SEED), 30),
    ],
  };
}

/** `count` drawn fits of these columns (seed 38_100_002), the collinear, nested, missing and singleton columns among them. */
function drawnCases(draw: Draw, count: number): FitCase[] {
  return drawnFits(draw, count, 'trial38-random', (k) => `${ID}-random-${k}`, `${ID}-data`, {
    outcomes: ['y', 'yna'],
    terms: ['x', 'z', 'f', 'fna', 'xna', 'xi', 'xj', 'xk', 'region', 'state', 'z:f', 'I(1 - z)'],
    weights: [undefined, 'w', 'wz', 'wna'],
    types: ['classical', 'HC0', 'HC1', 'HC2', 'HC3', 'CR0', 'stata', 'CR2', 'cregg'],
    clusterings: ['cl', 'clna', 'cl1'],
    fixedEffects: ['~ fe', '~ fena', '~ region'],
    subsets: ['xna > 2', 'f != "q"', 'id > 4', 'fna != "t"'],
  });
}
