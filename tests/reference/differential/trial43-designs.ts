// The forty-third R trial's classes (task rtrial43, 2026-12-07): combinations the earlier trials stored only apart,
// drawn from stated seeds (Draw(43_100_000) for the wave, Draw(43_100_001) for the leverage set, Draw(43_100_002) for the
// blocked and clustered difference in means, Draw(43_100_003) for the drawn fits, Draw(43_100_020) for the edges of the
// classes, Draw(43_100_030) for the factor × numeric cells), fitted by R and stored in
// expected.json.gz with R's warnings (refit: write-inputs.ts, then differential.R; only new cases are refitted).
// What each class stresses:
// - factor-numeric-na-43: factor × numeric interactions with missing values in both (f NA on some rows, x NA on others),
//   weighted and clustered, under classical, HC0–HC3, CR0, CR2 and stata, `f * x`, `f:x` alone, `0 + f + f:x`.
// - subset-weights-clusters-43: `subset =` with weights and clusters together: a subset that leaves a cluster one row,
//   one that leaves out every row of a missing weight (no warning then), one on the factor, under CR2, CR0, stata, HC1.
// - cr2-mixed-sizes-43: CR2 with 40 clusters of one row beside three of 60, weighted and not, with a factor and an
//   interaction, at alpha 0.1.
// - hc3-near-leverage-43: HC3 and HC2 with rows of leverage 1 − 4e-5 and 1 − 4e-9 (an x far out), and a weight of 1e4
//   (HC2 also 1e6) on one row of a two-row level (leverage 1 − 1e-4, 1 − 1e-6), classical and HC1 beside them.
// - dim-blocks-clusters-43: difference_in_means with blocks and clusters of unequal sizes (2 to 9 rows), weighted, with
//   a missing block and a missing cluster (estimatr's warnings), a subset, alpha 0.1, text arms by condition1/condition2.
// - p-adjust-43: every method of vectors with NA among ties (ties at the smallest, the largest, across an NA), 0 and 1
//   tied, one value beside NAs, with and without a larger n.
// - power-43: power.t.test, power.prop.test, pwr.2p.test and pwr.t2n.test at edge alphas (1e-6, 0.3, 0.5, 0.9) and
//   effects (1e-3, 3, proportions 0.001 and 0.999).
// - rake-43: rake to margins given as counts with a level no row has (survey stops; vlab refuses), with base weights.
// - trial43-random: 30 drawn fits of the wave's columns (seed 43_100_003).
import { dim, drawnFits, fitRows, numbers, strings, type FitRow } from './case-builders.ts';
import type { DataSet, DimCase, FitCase, PAdjustCase, PowerCase, PowerHCase, PowerPropCase, RakeCase } from './case-types.ts';
import { Draw, type Column } from './random-data.ts';

interface Built {
  data: DataSet[];
  cases: (FitCase | DimCase | PAdjustCase | PowerCase | PowerPropCase | PowerHCase | RakeCase)[];
}

const SEED = 43_100_000;
const LEVERAGE_SEED = 43_100_001;
const DIM_SEED = 43_100_002;
const RANDOM_SEED = 43_100_003;
const EDGE_SEED = 43_100_020;
const CELL_SEED = 43_100_030;
const ID = 't43';
const EDGES = `${ID}-edges`;
const CELLS = `${ID}-cells`;
const N = 240;

/**
 * 240 rows: id; t (0/1); f (lo/mid/hi, NA on ~4 %); x (0–5, NA on ~4 %, drawn apart from f's); g (text region:
 * north/south/east); cl (40 clusters, drawn); cm (3 clusters of 60 rows, then 60 clusters of one row); w (0.2–3, NA on
 * rows 5 and 77); y.
 */
function waveData(draw: Draw): Column[] {
  const rows = Array.from({ length: N }, (_, i) => i);
  const t = rows.map(() => (draw.chance(0.5) ? 1 : 0));
  const f = rows.map((i) => (i > 9 && draw.chance(0.04) ? null : draw.pick(['lo', 'mid', 'hi'])));
  const x = rows.map((i) => (i > 9 && draw.chance(0.04) ? null : Number(draw.uniform(0, 5).toFixed(2))));
  const g = rows.map(() => draw.pick(['north', 'south', 'east']));
  const cl = rows.map(() => 1 + draw.int(40));
  // Clusters of mixed sizes: rows 0–179 in three clusters of 60, rows 180–239 each a cluster of its own.
  const cm = rows.map((i) => (i < 180 ? 1 + Math.floor(i / 60) : 4 + (i - 180)));
  const w = rows.map((i) => (i === 4 || i === 76 ? null : Number(draw.uniform(0.2, 3).toFixed(2))));
  const fEffect: Record<string, number> = { lo: 0, mid: 0.3, hi: -0.4 };
  const y = rows.map((i) => Number((1 + 0.4 * t[i] + 0.25 * (x[i] ?? 0) + (f[i] === null ? 0 : fEffect[f[i] as string] * (1 + 0.3 * (x[i] ?? 0)))
    + (g[i] === 'south' ? 0.2 : 0) + 0.1 * (cm[i] % 3) + draw.normal()).toFixed(2)));
  return [
    numbers('id', rows.map((i) => i + 1), 0), numbers('t', t, 0), strings('f', f), numbers('x', x, 2), strings('g', g),
    numbers('cl', cl, 0), numbers('cm', cm, 0), numbers('w', w, 2), numbers('y', y, 2),
  ];
}

/**
 * 40 rows for leverage near 1: x (normal), far3 (x with row 40 at 1,000: leverage 1 − 4e-5), far5 (row 40 at 100,000:
 * 1 − 4e-9), k (a/b/c, "c" on rows 39–40 only), wk (1, and 1e6 on row 40: its leverage in level c 1 − 1e-6), wk4 (1, and
 * 1e4 on row 40: 1 − 1e-4), y. Under wk estimatr's weighted HC3 loses digits (kc's SE 4e-8 off the exact rational value,
 * vlab's 1.6e-9; its interval's upper end, 0.0015, 1.5e-5 apart): that fit is checked against the exact value in
 * tests/analysis/hc3-near-leverage.test.ts, and this suite fits wk4.
 */
function leverageData(draw: Draw): Column[] {
  const rows = Array.from({ length: 40 }, (_, i) => i);
  const x = rows.map(() => Number(draw.normal().toFixed(3)));
  const far3 = rows.map((i) => (i === 39 ? 1000 : x[i]));
  const far5 = rows.map((i) => (i === 39 ? 100000 : x[i]));
  const k = rows.map((i) => (i >= 38 ? 'c' : draw.pick(['a', 'b'])));
  const wk = rows.map((i) => (i === 39 ? 1e6 : 1));
  const wk4 = rows.map((i) => (i === 39 ? 1e4 : 1));
  const y = rows.map((i) => Number((1 + 0.5 * x[i] + (k[i] === 'b' ? 0.3 : k[i] === 'c' ? -0.2 : 0) + draw.normal()).toFixed(3)));
  return [numbers('x', x, 3), numbers('far3', far3, 3), numbers('far5', far5, 3), strings('k', k), numbers('wk', wk, 0), numbers('wk4', wk4, 0), numbers('y', y, 3)];
}

/**
 * 8 blocks of 4–7 clusters of 2–9 rows; the arm (text: "control", "treat A", "treat B") assigned by cluster within
 * block, each block with at least one cluster of control and of treat A; wd (0.3–2.5); block NA on one row, cluster NA
 * on another; y.
 */
function dimData(draw: Draw): Column[] {
  const cols = { blk: [] as (number | null)[], dcl: [] as (number | null)[], arm: [] as string[], wd: [] as number[], y: [] as number[] };
  let cluster = 0;
  for (let b = 1; b <= 8; b++) {
    const clusters = 4 + draw.int(4);
    const arms = ['control', 'treat A', ...Array.from({ length: clusters - 2 }, () => draw.pick(['control', 'treat A', 'treat B']))];
    for (let c = 0; c < clusters; c++) {
      cluster += 1;
      const size = 2 + draw.int(8);
      const shift = draw.normal() * 0.3;
      for (let r = 0; r < size; r++) {
        cols.blk.push(b);
        cols.dcl.push(cluster);
        cols.arm.push(arms[c]);
        cols.wd.push(Number(draw.uniform(0.3, 2.5).toFixed(2)));
        cols.y.push(Number((0.2 * b + shift + (arms[c] === 'treat A' ? 0.5 : arms[c] === 'treat B' ? 0.2 : 0) + draw.normal()).toFixed(2)));
      }
    }
  }
  cols.blk[7] = null;
  cols.dcl[20] = null;
  return [numbers('blk', cols.blk, 0), numbers('dcl', cols.dcl, 0), strings('arm', cols.arm), numbers('wd', cols.wd, 2), numbers('y', cols.y, 2)];
}

const FACTOR_NUMERIC_NA: FitRow[] = [
  ['classical', 'y ~ f * x', 'classical'],
  ['hc0', 'y ~ f * x + t', 'HC0'],
  ['hc2-weighted', 'y ~ f * x', 'HC2', { weights: 'w' }],
  ['hc3', 'y ~ t + f * x', 'HC3'],
  ['hc1-interaction-only', 'y ~ t + f:x', 'HC1'],
  ['cr2', 'y ~ f * x', 'CR2', { clusters: 'cl' }],
  ['cr2-weighted', 'y ~ t * f + f:x', 'CR2', { clusters: 'cl', weights: 'w' }],
  ['cr0-cell-slopes', 'y ~ 0 + f + f:x', 'CR0', { clusters: 'cl' }],
  ['stata-three-way', 'y ~ t * f * x', 'stata', { clusters: 'cl', weights: 'w' }],
  ['hc2-text-moderator', 'y ~ g * x + f', 'HC2'],
];

const SUBSET_WEIGHTS_CLUSTERS: FitRow[] = [
  ['cr2-one-row-cluster', 'y ~ t + x', 'CR2', { clusters: 'cm', weights: 'w', subset: 'id <= 181' }],
  ['cr2-factor', 'y ~ t * x', 'CR2', { clusters: 'cl', weights: 'w', subset: 'f != "hi"' }],
  ['cr0-weight-na-out', 'y ~ t + f', 'CR0', { clusters: 'cl', weights: 'w', subset: 'id > 80' }],
  ['stata-region', 'y ~ t * f', 'stata', { clusters: 'cl', weights: 'w', subset: 'g %in% c("north", "east")' }],
  ['hc1-numeric', 'y ~ t + f * x', 'HC1', { weights: 'w', subset: 'x > 1' }],
  ['cr2-unweighted', 'y ~ t + g', 'CR2', { clusters: 'cm', subset: 'id > 150' }],
  ['cr2-or-subset', 'y ~ t + f', 'CR2', { clusters: 'cl', weights: 'w', subset: 't == 1 | x < 4' }],
];

const CR2_MIXED: FitRow[] = [
  ['plain', 'y ~ t', 'CR2', { clusters: 'cm' }],
  ['factor', 'y ~ t + f', 'CR2', { clusters: 'cm' }],
  ['interaction', 'y ~ t * x', 'CR2', { clusters: 'cm', alpha: 0.1 }],
  ['weighted', 'y ~ t + f', 'CR2', { clusters: 'cm', weights: 'w' }],
  ['weighted-interaction', 'y ~ t * g', 'CR2', { clusters: 'cm', weights: 'w' }],
  ['cr0', 'y ~ t * x', 'CR0', { clusters: 'cm', weights: 'w' }],
  ['fe-region', 'y ~ t * x', 'CR2', { clusters: 'cm', fixed_effects: '~ g' }],
  ['fe-factor-na', 'y ~ t + x', 'CR2', { clusters: 'cm', fixed_effects: '~ f' }],
  ['fe-stata-weighted', 'y ~ t * x', 'stata', { clusters: 'cm', weights: 'w', fixed_effects: '~ g' }],
  ['fe-hc3-f-x', 'y ~ t + f:x', 'HC3', { fixed_effects: '~ g' }],
];

const NEAR_LEVERAGE: FitRow[] = [
  ['hc3-far3', 'y ~ far3', 'HC3'],
  ['hc2-far3', 'y ~ far3 + k', 'HC2'],
  ['hc3-far5', 'y ~ far5', 'HC3'],
  ['hc2-far5', 'y ~ far5 + k', 'HC2'],
  ['hc1-far5', 'y ~ far5', 'HC1'],
  ['classical-far5', 'y ~ far5 + k', 'classical'],
  ['hc3-weighted-level', 'y ~ x + k', 'HC3', { weights: 'wk4' }],
  ['hc2-weighted-level', 'y ~ x + k', 'HC2', { weights: 'wk4' }],
  ['hc2-weighted-level-1e6', 'y ~ x + k', 'HC2', { weights: 'wk' }],
];

function dimCases(data: string): DimCase[] {
  const d = (name: string, extra: Partial<DimCase>) => dim('dim-blocks-clusters-43', `${ID}-dim-${name}`, data, { treatment: 'arm', condition1: 'control', condition2: 'treat A', ...extra });
  return [
    d('blocks-clusters', { blocks: 'blk', clusters: 'dcl' }),
    d('weighted', { blocks: 'blk', clusters: 'dcl', weights: 'wd' }),
    d('alpha-10', { blocks: 'blk', clusters: 'dcl', alpha: 0.1 }),
    d('subset', { blocks: 'blk', clusters: 'dcl', subset: 'blk != 3' }),
    d('reversed', { blocks: 'blk', clusters: 'dcl', condition1: 'treat A', condition2: 'control' }),
    d('treat-b', { blocks: 'blk', clusters: 'dcl', condition2: 'treat B', weights: 'wd' }),
  ];
}

const pAdjust = (name: string, method: PAdjustCase['method'], p: (number | null)[], n?: number): PAdjustCase => ({
  kind: 'p_adjust', id: `${ID}-p-adjust-${name}`, group: 'p-adjust-43', p, method, ...(n === undefined ? {} : { n }),
});
const METHODS = ['holm', 'hochberg', 'hommel', 'bonferroni', 'BH', 'BY', 'fdr', 'none'] as const;
const TIES_NA = [0.02, null, 0.02, 0.3, 0.3, null, 0.02, 1, 1, 0.3, null, 0];
const ONE_AMONG_NA = [null, null, 0.004, null];
const P_ADJUST: PAdjustCase[] = [
  ...METHODS.map((m) => pAdjust(`ties-${m}`, m, TIES_NA)),
  ...(['holm', 'hochberg', 'hommel', 'BH', 'BY'] as const).map((m) => pAdjust(`ties-n-${m}`, m, TIES_NA, 15)),
  ...(['hommel', 'BY', 'hochberg'] as const).map((m) => pAdjust(`one-${m}`, m, ONE_AMONG_NA)),
  pAdjust('one-hommel-n', 'hommel', ONE_AMONG_NA, 3),
];

const power = (name: string, input: Omit<PowerCase, 'kind' | 'id' | 'group'>): PowerCase => ({ kind: 'power', id: `${ID}-power-${name}`, group: 'power-43', ...input });
const powerProp = (name: string, input: Omit<PowerPropCase, 'kind' | 'id' | 'group'>): PowerPropCase => ({ kind: 'power_prop', id: `${ID}-power-prop-${name}`, group: 'power-43', ...input });
const powerH = (name: string, input: Omit<PowerHCase, 'kind' | 'id' | 'group'>): PowerHCase => ({ kind: 'power_h', id: `${ID}-power-h-${name}`, group: 'power-43', ...input });
const POWER = [
  power('alpha-1e-6', { solve: 'power', effect: 0.5, sd: 1, n: 100, alpha: 1e-6 }),
  power('alpha-half', { solve: 'n', effect: 0.2, sd: 1, power: 0.8, alpha: 0.5 }),
  power('alpha-0.9-one-sided', { solve: 'power', effect: 0.1, sd: 1, n: 20, alpha: 0.9, alternative: 'one.sided' }),
  power('effect-tiny', { solve: 'n', effect: 1e-3, sd: 1, power: 0.8, alpha: 0.05 }),
  power('effect-huge', { solve: 'power', effect: 3, sd: 1, n: 2, alpha: 0.01 }),
  power('mde-alpha-0.3', { solve: 'effect', sd: 2, n: 40, power: 0.9, alpha: 0.3 }),
  power('t2n-alpha-1e-4', { solve: 'n2', effect: 0.5, sd: 1, n: 50, n2: 'solve', power: 0.8, alpha: 1e-4 }),
  power('t2n-alpha-0.3', { solve: 'power', effect: 0.2, sd: 1, n: 30, n2: 90, alpha: 0.3 }),
  powerProp('rare', { solve: 'n', p1: 0.001, p2: 0.005, power: 0.8, alpha: 0.05 }),
  powerProp('near-one', { solve: 'power', p1: 0.99, p2: 0.999, n: 2000, alpha: 0.01 }),
  powerProp('alpha-0.3-p2', { solve: 'p2', p1: 0.4, n: 100, power: 0.9, alpha: 0.3 }),
  powerH('alpha-1e-5', { solve: 'n', h: 0.2, power: 0.8, alpha: 1e-5 }),
  powerH('alpha-0.4-less', { solve: 'power', h: -0.1, n: 60, alpha: 0.4, alternative: 'less' }),
  powerH('tiny-h', { solve: 'power', h: 1e-3, n: 1e6, alpha: 0.05 }),
  powerH('n2-alpha-half', { solve: 'n2', h: 0.2, n: 100, n2: 'solve', power: 0.8, alpha: 0.5 }),
  powerH('h-alpha-1e-8-greater', { solve: 'h', n: 500, power: 0.9, alpha: 1e-8, alternative: 'greater' }),
  power('t2n-effect-alpha-1e-6', { solve: 'effect', sd: 1, n: 40, n2: 400, power: 0.8, alpha: 1e-6 }),
  power('paired-alpha-0.9', { solve: 'n', effect: 0.1, sd: 1, power: 0.95, alpha: 0.9, type: 'paired' }),
  power('one-sample-strict-alpha-0.4', { solve: 'power', effect: 0.05, sd: 1, n: 12, alpha: 0.4, type: 'one.sample', strict: true }),
  powerProp('one-sided-alpha-0.5', { solve: 'n', p1: 0.5, p2: 0.52, power: 0.8, alpha: 0.5, alternative: 'one.sided' }),
];

const rake = (name: string, margins: RakeCase['margins'], base?: string, data = `${ID}-wave`): RakeCase => ({
  kind: 'rake', id: `${ID}-rake-${name}`, group: 'rake-43', data, margins, ...(base ? { base_weights: base } : {}),
});
const RAKE: RakeCase[] = [
  rake('counts', { g: { north: 300, south: 250, east: 200 }, t: { 0: 400, 1: 350 } }),
  rake('counts-absent', { g: { north: 300, south: 250, east: 200, west: 50 } }),
  rake('counts-absent-second', { t: { 0: 400, 1: 350 }, g: { north: 300, south: 250, east: 200, west: 50 } }, 'cm'),
  rake('absent-zero-count', { g: { north: 300, south: 250, east: 200, west: 0 }, t: { 0: 400, 1: 350 } }, 'cm'),
];

export function trial43Designs(): Built {
  const data = `${ID}-wave`;
  const leverage = `${ID}-leverage`;
  const dimSet = `${ID}-dim`;
  const fits = (group: FitCase['group'], prefix: string, list: FitRow[], on = data) => fitRows(group, `${ID}-${prefix}`, on, list);
  return {
    data: [
      { id: data, columns: waveData(new Draw(SEED)) },
      { id: leverage, columns: leverageData(new Draw(LEVERAGE_SEED)) },
      { id: dimSet, columns: dimData(new Draw(DIM_SEED)) },
      { id: EDGES, columns: edgeData(new Draw(EDGE_SEED)) },
      { id: CELLS, columns: cellData(new Draw(CELL_SEED)) },
    ],
    cases: [
      ...fits('factor-numeric-na-43', 'fnx', FACTOR_NUMERIC_NA),
      ...fits('subset-weights-clusters-43', 'subset', SUBSET_WEIGHTS_CLUSTERS),
      ...fits('cr2-mixed-sizes-43', 'cr2-mixed', CR2_MIXED),
      ...fits('hc3-near-leverage-43', 'leverage', NEAR_LEVERAGE, leverage),
      ...dimCases(dimSet),
      ...P_ADJUST,
      ...POWER,
      ...RAKE,
      ...drawnCases(new Draw(RANDOM_SEED), 30),
      ...EDGE_CASES,
      ...CELL_CASES,
    ],
  };
}

/** `count` drawn fits of the wave's columns (seed 43_100_003): NA in the factor and the numeric, mixed cluster sizes. */
function drawnCases(draw: Draw, count: number): FitCase[] {
  return drawnFits(draw, count, 'trial43-random', (k) => `${ID}-random-${k}`, `${ID}-wave`, {
    outcomes: ['y', 'I(y > 1.5)', 'log(y + 10)'],
    terms: ['t', 'f', 'x', 'g', 't:x', 'f:x', 't:f', 'g:x', 'I(x^2)'],
    weights: [undefined, 'w'],
    types: ['classical', 'HC0', 'HC1', 'HC2', 'HC3', 'CR0', 'stata', 'CR2', 'cregg'],
    clusterings: ['cl', 'cm'],
    fixedEffects: ['~ g', '~ f'],
    subsets: ['x > 1', 'f != "lo"', 'id > 30', 'g == "north" | t == 1'],
  });
}

/**
 * 60 rows for the edges (seed 43_100_020): blk (4 blocks of 15), cl (20 clusters of 3 rows), span (cl, but rows 14–17 in
 * cluster 99, which spans blocks 1 and 2), z (by cluster), w (0.2–3, 0 on every seventh row, NA on row 6), r (m/f, NA on
 * row 10), f (a/b/c), wf (0 on every "c" row, else 1), x, y.
 */
function edgeData(draw: Draw): Column[] {
  const rows = Array.from({ length: 60 }, (_, i) => i);
  const blk = rows.map((i) => 1 + Math.floor(i / 15));
  const cl = rows.map((i) => 1 + Math.floor(i / 3));
  const span = rows.map((i) => (i >= 13 && i <= 16 ? 99 : cl[i]));
  const z = rows.map((i) => cl[i] % 2);
  const w = rows.map((i) => (i === 5 ? null : i % 7 === 0 ? 0 : Number(draw.uniform(0.2, 3).toFixed(2))));
  const r = rows.map((i) => (i === 9 ? null : draw.pick(['m', 'f'])));
  const f = rows.map(() => draw.pick(['a', 'b', 'c']));
  const wf = rows.map((i) => (f[i] === 'c' ? 0 : 1));
  const x = rows.map(() => Number(draw.normal().toFixed(2)));
  const y = rows.map((i) => Number((0.5 * z[i] + 0.3 * x[i] + 0.1 * blk[i] + draw.normal()).toFixed(2)));
  return [numbers('id', rows.map((i) => i + 1), 0), numbers('blk', blk, 0), numbers('cl', cl, 0), numbers('span', span, 0), numbers('z', z, 0),
    numbers('w', w, 2), strings('r', r), strings('f', f), numbers('wf', wf, 0), numbers('x', x, 2), numbers('y', y, 2)];
}

/**
 * Edges of the classes above, each once: a cluster spanning two blocks (estimatr stops), zero and missing weights in a
 * blocked and clustered difference, a subset leaving one block (or every block) a pair of clusters, CR2 and stata with every cluster one row, a subset on the weights column itself, a
 * factor level whose every weight is 0, rake with NA in the raking variable and from base weights 0 on a whole level
 * (survey stops on both), p.adjust with n below the count of p-values (R stops) or all NA, power.prop.test of equal
 * proportions (R's uniroot stops) and a p2 beyond 1 (R returns 1.03; vlab refuses), power at alpha 0.999 and effect 0.
 */
const EDGE_CASES = [
  dim('dim-blocks-clusters-43', `${ID}-dim-edge-span`, EDGES, { blocks: 'blk', clusters: 'span' }),
  dim('dim-blocks-clusters-43', `${ID}-dim-edge-zero-w`, EDGES, { clusters: 'cl', weights: 'w' }),
  dim('dim-blocks-clusters-43', `${ID}-dim-edge-blocks-zero-w`, EDGES, { blocks: 'blk', clusters: 'cl', weights: 'w' }),
  dim('dim-blocks-clusters-43', `${ID}-dim-edge-row-blocks-w`, EDGES, { blocks: 'blk', weights: 'w' }),
  dim('dim-blocks-clusters-43', `${ID}-dim-edge-subset-pair`, EDGES, { blocks: 'blk', clusters: 'cl', subset: 'id <= 6 | id > 15' }),
  dim('dim-blocks-clusters-43', `${ID}-dim-edge-subset-pair-w`, EDGES, { blocks: 'blk', clusters: 'cl', weights: 'w', subset: 'id <= 6 | id > 15' }),
  dim('dim-blocks-clusters-43', `${ID}-dim-edge-subset-all-pairs`, EDGES, { blocks: 'blk', clusters: 'cl', subset: 'cl %% 5 == 1 | cl %% 5 == 2', alpha: 0.01 }),
  ...fitRows('cr2-mixed-sizes-43', `${ID}-edge`, EDGES, [
    ['cr2-singletons', 'y ~ z + x', 'CR2', { clusters: 'id' }],
    ['cr2-singletons-w', 'y ~ z + x', 'CR2', { clusters: 'id', weights: 'w' }],
    ['stata-singletons', 'y ~ z + x', 'stata', { clusters: 'id' }],
    ['cr2-span-fe', 'y ~ z + x', 'CR2', { clusters: 'span', fixed_effects: '~ blk' }],
  ]),
  ...fitRows('subset-weights-clusters-43', `${ID}-edge`, EDGES, [
    ['subset-on-weights', 'y ~ z + x', 'HC2', { weights: 'w', subset: 'w > 1' }],
    ['subset-on-weights-cr2', 'y ~ z * x', 'CR2', { weights: 'w', clusters: 'cl', subset: 'w > 0.5' }],
    ['zero-weight-level', 'y ~ z + f', 'HC2', { weights: 'wf' }],
    ['zero-weight-level-cr2', 'y ~ z + f', 'CR2', { weights: 'wf', clusters: 'cl' }],
    ['zero-weight-level-classical', 'y ~ f * x', 'classical', { weights: 'wf' }],
    ['subset-na-factor', 'y ~ z * x', 'HC1', { subset: 'r == "m"' }],
  ]),
  rake('edge-na', { r: { m: 0.5, f: 0.5 } }, undefined, EDGES),
  rake('edge-zero-base', { f: { a: 0.3, b: 0.3, c: 0.4 } }, 'wf', EDGES),
  pAdjust('edge-n-small', 'holm', [0.1, 0.2, 0.3], 2),
  pAdjust('edge-all-na', 'hommel', [null, null]),
  pAdjust('edge-na-n-1', 'BH', [null, 0.5], 1),
  powerProp('edge-equal', { solve: 'n', p1: 0.3, p2: 0.3, power: 0.8, alpha: 0.05 }),
  powerProp('edge-p2-beyond-one', { solve: 'p2', p1: 0.95, n: 30, power: 0.9, alpha: 0.05, declined: 'no p2 in [0.95, 1] reaches the target power',
    note: "R's uniroot leaves [p1, 1] and returns p2 = 1.03, no proportion; vlab refuses in words" }),
  power('edge-alpha-0.999', { solve: 'power', effect: 0.1, sd: 1, n: 10, alpha: 0.999 }),
  power('edge-effect-zero', { solve: 'power', effect: 0, sd: 1, n: 10, alpha: 0.05 }),
  powerH('edge-h-zero', { solve: 'power', h: 0, n: 50, alpha: 0.05 }),
];

/**
 * 120 rows (seed 43_100_030): f ("hi" on rows 1–6, "q" on rows 7–10, else lo/mid), x (NA on rows 1–3, 2 on rows 4–6),
 * xc (x with 2 on rows 1–6: constant within "hi"), cm (rows 1–10 each a cluster of its own, the rest 4 clusters of 27
 * or 28), cq (as cm, but the "q" rows one cluster), t, w (0.5–2, 0 on rows 101–110), y.
 */
function cellData(draw: Draw): Column[] {
  const rows = Array.from({ length: 120 }, (_, i) => i);
  const f = rows.map((i) => (i < 6 ? 'hi' : i < 10 ? 'q' : draw.pick(['lo', 'mid'])));
  const x = rows.map((i) => (i < 3 ? null : i < 6 ? 2 : Number(draw.uniform(0, 5).toFixed(2))));
  const xc = rows.map((i) => (i < 6 ? 2 : x[i]));
  const cm = rows.map((i) => (i < 10 ? 100 + i : 1 + (i % 4)));
  const cq = rows.map((i) => (i < 6 ? 100 + i : i < 10 ? 200 : 1 + (i % 4)));
  const t = rows.map(() => (draw.chance(0.5) ? 1 : 0));
  const w = rows.map((i) => (i >= 100 && i < 110 ? 0 : Number(draw.uniform(0.5, 2).toFixed(2))));
  const y = rows.map((i) => Number((0.3 * t[i] + 0.2 * (xc[i] ?? 0) + (f[i] === 'q' ? 1 : 0) + draw.normal()).toFixed(2)));
  return [numbers('id', rows.map((i) => i + 1), 0), strings('f', f), numbers('x', x, 2), numbers('xc', xc, 2), numbers('cm', cm, 0), numbers('cq', cq, 0),
    numbers('t', t, 0), numbers('w', w, 2), numbers('y', y, 2)];
}

/**
 * Factor × numeric cells at their edges: a level whose every x is NA (dropped), a level whose x is constant (its slope
 * aliased), under HC1–HC3 and CR2; a level only in one-row clusters or in one cluster of its own; a subset leaving one
 * level (R stops) or removing a fixed effect's level; declared levels with one nobody has.
 */
const CELL_CASES = [
  ...fitRows('factor-numeric-na-43', `${ID}-cells`, CELLS, [
    ['level-x-na', 'y ~ f * x', 'HC2'],
    ['level-x-constant', 'y ~ f * xc', 'HC2'],
    ['level-x-constant-cr2', 'y ~ f * xc', 'CR2', { clusters: 'cm' }],
    ['level-x-constant-no-main', 'y ~ t + f:xc', 'HC1'],
    ['level-x-constant-hc3', 'y ~ f * xc + t', 'HC3', { weights: 'w' }],
    ['declared-unused', 'y ~ f * x', 'HC2', { levels: { f: ['mid', 'lo', 'q', 'hi', 'none'] } }],
  ]),
  ...fitRows('cr2-mixed-sizes-43', `${ID}-cells`, CELLS, [
    ['level-singletons-cr2', 'y ~ t + f', 'CR2', { clusters: 'cm' }],
    ['level-one-cluster-cr2', 'y ~ t + f', 'CR2', { clusters: 'cq' }],
    ['level-singletons-cr0-w', 'y ~ t * x + f', 'CR0', { clusters: 'cm', weights: 'w' }],
  ]),
  ...fitRows('subset-weights-clusters-43', `${ID}-cells`, CELLS, [
    ['subset-one-level', 'y ~ t + f', 'HC2', { subset: 'f == "lo"' }],
    ['subset-fe-level-gone', 'y ~ t + x', 'CR2', { clusters: 'cm', fixed_effects: '~ f', subset: 'f != "q"' }],
    ['zero-weight-clusters-stata', 'y ~ t + x', 'stata', { clusters: 'cm', weights: 'w', subset: 'id > 90' }],
  ]),
];
