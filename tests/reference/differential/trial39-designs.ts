// The thirty-ninth R trial's classes (task rtrial39, 2026-12-07): combinations no earlier trial stored, drawn from
// stated seeds (Draw(39_100_000) for the data, Draw(39_100_001) for the p-values, Draw(39_100_002) for the drawn fits),
// fitted by R and stored in expected.json.gz (refit: write-inputs.ts, then differential.R; only new cases are refitted).
// What each class stresses:
// - weights-1e18-39: one weight column with exact zeros beside nonzero weights from 1e-9 to 9e9 (a range of 1e19),
//   under HC1–HC3, classical, CR0, CR2, stata and cregg, with a factor × numeric, fixed effects and a subset.
// - clusters-in-fe-39: classrooms (clusters) nested in schools (fixed effects), a factor × numeric whose numeric has
//   missing values, under CR0, CR2, stata, weighted, and a subset that leaves one school a single classroom.
// - constant-arm-39: lm_robust of outcomes constant within the treated arm (a number, or a 0/1 outcome all 1 there)
//   by z, z + x, z * x, z * f under classical, HC0–HC3, CR2, stata, weighted.
// - dim-arms-39: difference_in_means of four cluster-level arms in blocks (each school one classroom per arm, so two
//   arms make cluster pairs), condition1/condition2 in either order, weighted, with outcomes at 1e8 and 1e-8 and one
//   constant within an arm; an individual-level arm with clusters (R stops: so must vlab).
// - scales-fe-39: outcomes at 1e8 and 1e-8 with nested clusters, fixed effects and the extreme weights.
// - p-adjust-39: 200 p-values drawn from six values with NA, every method, with and without n = 250.
// - rake-39: schools and f raked from base weights with exact zeros and from the 1e-9–9e9 weights, a margin level
//   no row has given share 0.
// - trial39-random: 30 drawn fits of these columns (seed 39_100_002).
import { dim, drawnFits, fitRows, numbers, strings, type FitRow } from './case-builders.ts';
import type { DataSet, DimCase, FitCase, PAdjustCase, RakeCase } from './case-types.ts';
import { Draw, type Column } from './random-data.ts';

interface Built {
  data: DataSet[];
  cases: (FitCase | DimCase | PAdjustCase | RakeCase)[];
}

const SEED = 39_100_000;
const P_SEED = 39_100_001;
const RANDOM_SEED = 39_100_002;
const ID = 't39';
const SCHOOLS = 6;
const ROOMS = 4;
const ROOM_SIZE = 10;
const N = SCHOOLS * ROOMS * ROOM_SIZE;

/** A weight m·10^e, m in 1–9, e in −9…9, or exactly 0 (about one in eight): a range of 1e19 in one column. */
function extremeWeight(draw: Draw): number {
  if (draw.chance(0.125)) return 0;
  return (1 + draw.int(9)) * 10 ** (draw.int(19) - 9);
}

/**
 * 240 rows: id; school (s1–s6, the fixed effects), cl (24 classrooms of 10, four in each school), armc (the classroom's
 * arm a–d, one classroom of each arm in each school), arm (a row-level arm a–d); x (0–10, one decimal), xna (x with
 * ~8 % NA); z (0/1), f (lo/mid/hi); w (0.2–3), wz (w with ~15 % zeros), wx (0 or 1e-9…9e9); y, yhuge (1e8 + 1e8·y
 * at 8 digits), ytiny (1e-8·y), yconst (3 where z = 1), y01 (0/1, every z = 1 row 1), yarm (the same number in arm b).
 */
function trialData(draw: Draw): Column[] {
  const rows = Array.from({ length: N }, (_, i) => i);
  const school = rows.map((i) => Math.floor(i / (ROOMS * ROOM_SIZE)));
  const cl = rows.map((i) => 1 + Math.floor(i / ROOM_SIZE));
  const armOf = Array.from({ length: SCHOOLS }, () => draw.shuffle(['a', 'b', 'c', 'd']));
  const armc = rows.map((i) => armOf[school[i]][(cl[i] - 1) % ROOMS]);
  const arm = rows.map(() => draw.pick(['a', 'b', 'c', 'd']));
  const x = rows.map(() => Number(draw.uniform(0, 10).toFixed(1)));
  const xna = x.map((v, i) => (i > 3 && draw.chance(0.08) ? null : v));
  const z = rows.map((i) => (i < 2 ? i : draw.chance(0.5) ? 1 : 0));
  const f = rows.map((i) => ['lo', 'mid', 'hi'][i < 3 ? i : draw.int(3)]);
  const w = rows.map(() => Number(draw.uniform(0.2, 3).toFixed(3)));
  const wz = w.map((v, i) => (i > 3 && draw.chance(0.15) ? 0 : v));
  const wx = rows.map((i) => (i < 3 ? 1 : extremeWeight(draw)));
  const fEffect: Record<string, number> = { lo: 0, mid: 0.3, hi: -0.2 };
  const armEffect: Record<string, number> = { a: 0, b: 0.4, c: -0.3, d: 0.2 };
  const schoolEffect = Array.from({ length: SCHOOLS }, () => draw.normal());
  const roomShock = Array.from({ length: SCHOOLS * ROOMS }, () => 0.4 * draw.normal());
  const y = rows.map((i) =>
    Number((1 + 0.1 * x[i] + 0.4 * z[i] + fEffect[f[i]] + 0.2 * z[i] * x[i] + armEffect[armc[i]] + schoolEffect[school[i]] + roomShock[cl[i] - 1] + draw.normal()).toFixed(4)));
  const yhuge = y.map((v) => 1e8 + Math.round(1e4 * v) * 1e4);
  const ytiny = y.map((v) => Math.round(1e4 * v) * 1e-12);
  const yconst = y.map((v, i) => (z[i] === 1 ? 3 : v));
  const y01 = y.map((v, i) => (z[i] === 1 ? 1 : v > 1.5 ? 1 : 0));
  const yarm = y.map((v, i) => (armc[i] === 'b' ? 2 : v));
  return [
    numbers('id', rows.map((i) => i + 1), 0), strings('school', school.map((s) => `s${s + 1}`)), numbers('cl', cl, 0),
    strings('armc', armc), strings('arm', arm), numbers('x', x, 1), numbers('xna', xna, 1), numbers('z', z, 0), strings('f', f),
    numbers('w', w, 3), numbers('wz', wz, 3), numbers('wx', wx, 9),
    numbers('y', y, 4), numbers('yhuge', yhuge, 0), numbers('ytiny', ytiny, 12), numbers('yconst', yconst, 4), numbers('y01', y01, 0), numbers('yarm', yarm, 4),
  ];
}

const EXTREME_WEIGHTS: FitRow[] = [
  ['hc3', 'y ~ z + x', 'HC3', { weights: 'wx' }],
  ['hc2-factor-numeric', 'y ~ f * x', 'HC2', { weights: 'wx' }],
  ['hc1', 'y ~ z + f', 'HC1', { weights: 'wx' }],
  ['classical', 'y ~ z * x', 'classical', { weights: 'wx' }],
  ['cr2', 'y ~ z + x', 'CR2', { weights: 'wx', clusters: 'cl' }],
  ['cr2-factor', 'y ~ z + f', 'CR2', { weights: 'wx', clusters: 'cl' }],
  ['cr0-fe', 'y ~ z + x', 'CR0', { weights: 'wx', clusters: 'cl', fixed_effects: '~ school' }],
  ['stata-factor-numeric', 'y ~ f * x', 'stata', { weights: 'wx', clusters: 'cl' }],
  ['hc3-fe', 'y ~ z * x', 'HC3', { weights: 'wx', fixed_effects: '~ school' }],
  ['hc2-subset', 'y ~ z + x', 'HC2', { weights: 'wx', subset: 'x > 2' }],
  ['cregg', 'y ~ z + f', 'cregg', { weights: 'wx', clusters: 'cl' }],
];

const CLUSTERS_IN_FE: FitRow[] = [
  ['cr2', 'y ~ z + x', 'CR2', { clusters: 'cl', fixed_effects: '~ school' }],
  ['cr2-factor-numeric-na', 'y ~ f * xna', 'CR2', { clusters: 'cl', fixed_effects: '~ school' }],
  ['cr0-weighted', 'y ~ f * xna', 'CR0', { clusters: 'cl', fixed_effects: '~ school', weights: 'w' }],
  ['stata-zero-weights', 'y ~ z * xna', 'stata', { clusters: 'cl', fixed_effects: '~ school', weights: 'wz' }],
  ['cr2-dummies', 'y ~ f * xna + school', 'CR2', { clusters: 'cl' }],
  ['cr2-one-room', 'y ~ z + xna', 'CR2', { clusters: 'cl', fixed_effects: '~ school', subset: 'cl > 3' }],
  ['stata-one-room', 'y ~ f + x', 'stata', { clusters: 'cl', fixed_effects: '~ school', subset: 'cl > 3', weights: 'w' }],
  ['hc2', 'y ~ xna:f + z', 'HC2', { fixed_effects: '~ school' }],
  ['cregg-dummies', 'y ~ f * xna + school', 'cregg', { clusters: 'cl', weights: 'w' }],
  ['cr2-arm', 'y ~ armc + x', 'CR2', { clusters: 'cl', fixed_effects: '~ school' }],
];

const CONSTANT_ARM: FitRow[] = [
  ['z-classical', 'yconst ~ z', 'classical'],
  ['z-hc2', 'yconst ~ z', 'HC2'],
  ['z-x-hc3', 'yconst ~ z + x', 'HC3'],
  ['zx-hc2', 'yconst ~ z * x', 'HC2'],
  ['zf-hc0-weighted', 'yconst ~ z * f', 'HC0', { weights: 'w' }],
  ['zx-cr2', 'yconst ~ z * x', 'CR2', { clusters: 'cl' }],
  ['z-stata-weighted', 'yconst ~ z + x', 'stata', { clusters: 'cl', weights: 'w' }],
  ['binary-hc2', 'y01 ~ z', 'HC2'],
  ['binary-zx-hc3', 'y01 ~ z * x', 'HC3'],
  ['binary-cr2-fe', 'y01 ~ z + x', 'CR2', { clusters: 'cl', fixed_effects: '~ school' }],
  ['arm-constant-cr2', 'yarm ~ armc', 'CR2', { clusters: 'cl' }],
];

const SCALES_FE: FitRow[] = [
  ['huge-cr2', 'yhuge ~ z + x', 'CR2', { clusters: 'cl', fixed_effects: '~ school' }],
  ['huge-hc3-weighted', 'yhuge ~ f * x', 'HC3', { weights: 'w', fixed_effects: '~ school' }],
  ['huge-stata-extreme-weights', 'yhuge ~ z + x', 'stata', { weights: 'wx', clusters: 'cl' }],
  ['tiny-cr2', 'ytiny ~ z * x', 'CR2', { clusters: 'cl', fixed_effects: '~ school' }],
  ['tiny-hc2-extreme-weights', 'ytiny ~ f + x', 'HC2', { weights: 'wx' }],
  ['tiny-cr0', 'ytiny ~ f * xna', 'CR0', { clusters: 'cl', fixed_effects: '~ school', weights: 'wz' }],
];

function dimCases(data: string): DimCase[] {
  const d = (name: string, extra: Partial<DimCase>) => dim('dim-arms-39', `${ID}-dim-${name}`, data, { treatment: 'armc', blocks: 'school', clusters: 'cl', ...extra });
  return [
    d('a-b', { condition1: 'a', condition2: 'b' }),
    d('d-a', { condition1: 'd', condition2: 'a' }),
    d('c-b-weighted', { condition1: 'c', condition2: 'b', weights: 'w' }),
    d('a-c-huge', { condition1: 'a', condition2: 'c', outcome: 'yhuge' }),
    d('b-d-tiny', { condition1: 'b', condition2: 'd', outcome: 'ytiny', alpha: 0.1 }),
    d('constant-b', { condition1: 'a', condition2: 'b', outcome: 'yarm' }),
    d('constant-b-reversed', { condition1: 'b', condition2: 'c', outcome: 'yarm', weights: 'w' }),
    d('clusters-only', { condition1: 'a', condition2: 'd', blocks: undefined }),
    d('blocks-only', { condition1: 'a', condition2: 'b', clusters: undefined }),
    d('row-arm-clusters', { treatment: 'arm', condition1: 'a', condition2: 'b' }),
    d('row-arm-blocks', { treatment: 'arm', condition1: 'c', condition2: 'a', clusters: undefined, weights: 'wz' }),
  ];
}

function pAdjustCases(draw: Draw): PAdjustCase[] {
  const pa = (name: string, values: (number | null)[], method: PAdjustCase['method'], n?: number): PAdjustCase => ({
    kind: 'p_adjust', id: `${ID}-p-adjust-${name}`, group: 'p-adjust-39', p: values, method, ...(n === undefined ? {} : { n }),
  });
  const methods: PAdjustCase['method'][] = ['holm', 'hochberg', 'hommel', 'bonferroni', 'BH', 'BY'];
  const ties = Array.from({ length: 200 }, () => (draw.chance(0.05) ? null : draw.pick([0.001, 0.01, 0.04, 0.05, 0.5, 1])));
  return [...methods.map((m) => pa(`ties-200-${m}`, ties, m)), ...methods.map((m) => pa(`ties-200-n-250-${m}`, ties, m, 250))];
}

const SCHOOL_MARGIN = { s1: 0.1, s2: 0.2, s3: 0.15, s4: 0.25, s5: 0.1, s6: 0.2 };
const F_MARGIN = { lo: 0.5, mid: 0.3, hi: 0.2, none: 0 };

function rakeCases(data: string): RakeCase[] {
  const rake = (name: string, margins: RakeCase['margins'], base?: string): RakeCase => ({
    kind: 'rake', id: `${ID}-rake-${name}`, group: 'rake-39', data, margins, ...(base ? { base_weights: base } : {}),
  });
  return [
    rake('zeros', { school: SCHOOL_MARGIN, f: F_MARGIN }, 'wz'),
    rake('extreme', { school: SCHOOL_MARGIN, f: F_MARGIN }, 'wx'),
    rake('extreme-one-margin', { f: F_MARGIN }, 'wx'),
  ];
}

/** The stored cases of the thirty-ninth trial. */
export function trial39Designs(): Built {
  const data = `${ID}-data`;
  const fits = (group: FitCase['group'], prefix: string, list: FitRow[]) => fitRows(group, `${ID}-${prefix}`, data, list);
  return {
    data: [{ id: data, columns: trialData(new Draw(SEED)) }],
    cases: [
      ...fits('weights-1e18-39', 'weights-1e18', EXTREME_WEIGHTS),
      ...fits('clusters-in-fe-39', 'clusters-in-fe', CLUSTERS_IN_FE),
      ...fits('constant-arm-39', 'constant-arm', CONSTANT_ARM),
      ...fits('scales-fe-39', 'scales-fe', SCALES_FE),
      ...dimCases(data),
      ...pAdjustCases(new Draw(P_SEED)),
      ...rakeCases(data),
      ...drawnCases(new Draw(RANDOM_SEED), 30),
    ],
  };
}

/** `count` drawn fits of these columns (seed 39_100_002), the extreme weights, nested clusters and constant arms among them. */
function drawnCases(draw: Draw, count: number): FitCase[] {
  return drawnFits(draw, count, 'trial39-random', (k) => `${ID}-random-${k}`, `${ID}-data`, {
    outcomes: ['y', 'yhuge', 'ytiny', 'yconst', 'y01'],
    terms: ['x', 'z', 'f', 'xna', 'armc', 'z:x', 'f:xna'],
    weights: [undefined, 'w', 'wz', 'wx'],
    types: ['classical', 'HC0', 'HC1', 'HC2', 'HC3', 'CR0', 'stata', 'CR2', 'cregg'],
    clusterings: ['cl'],
    fixedEffects: ['~ school', '~ armc'],
    subsets: ['x > 2', 'cl > 3', 'f != "mid"', 'id > 20'],
  });
}
