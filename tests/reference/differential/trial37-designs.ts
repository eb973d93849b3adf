// The thirty-seventh R trial's classes (task rtrial37, 2026-12-07): combinations no earlier trial stored, drawn from
// stated seeds (Draw(37_100_000) for the data, Draw(37_100_001) for the p-values, Draw(37_100_002) for the drawn fits),
// fitted by R and stored in expected.json.gz (refit: write-inputs.ts, then differential.R; only new cases are refitted).
// What each class stresses:
// - all-roles-37: weights, clusters and one or two fixed effects in one fit beside alpha 0.01, 0.2 and 0.5, a factor ×
//   factor with an empty cell (rank deficient), I(x^2), log(xp), missing values and a subset, under HC1, classical,
//   CR0 and stata (and CR2 without weights, which estimatr refuses with fixed effects).
// - empty-cell-terms-37: two factors with an empty cell crossed with each other and with a numeric (f * m * x, f:m + x,
//   f * m + I(x^2) + log(xp)), poly(x, 2) beside them, weighted and clustered, under HC2, HC3, CR2, stata and cregg.
// - unicode-levels-37: text levels R sorts by code point where JavaScript's UTF-16 order differs ("ｆull width" U+FF46
//   against "😀 smile" U+1F600), "Zoë" and "zoë", "10", "9" and "-1", as a factor, in interactions, as a fixed effect,
//   as the clusters, relevel()ed to the emoji, declared, in a subset, and as difference_in_means's named arms.
// - dim-all-roles-37: difference_in_means with blocks, clusters and weights at once, at alpha 0.01, 0.2 and 0.5, arms
//   named in reverse, missing outcomes, a subset.
// - rake-many-levels-37: survey::rake to a margin of 24 levels (single years of age) beside sex and region, from base
//   weights or not, then fits with those weights under HC2, CR2, cregg and a fixed effect.
// - p-adjust-37: every method on vectors of one value, of 0 and 1 only, of ties at 0, 1 and in between with n larger.
// - power-37: power just above alpha (0.0501, 0.051) solved for n, effect, h and p2; power 0.999999 with a tiny effect;
//   one-sided and paired near those edges.
// - trial37-random: 30 drawn fits of these columns (seed 37_100_002).
import { dim, drawnFits, fitRows, numbers, strings, type FitRow } from './case-builders.ts';
import type { DataSet, DimCase, FitCase, PAdjustCase, PowerCase, PowerHCase, PowerPropCase, RakeCase } from './case-types.ts';
import { Draw, type Column } from './random-data.ts';

interface Built {
  data: DataSet[];
  cases: (FitCase | DimCase | PAdjustCase | PowerCase | PowerHCase | PowerPropCase | RakeCase)[];
}

const SEED = 37_100_000;
const P_SEED = 37_100_001;
const RANDOM_SEED = 37_100_002;
const ID = 't37';
const N = 240;

/** Levels R (C locale) sorts by code point: the full-width letter (U+FF46) before the emoji (U+1F600), unlike UTF-16. */
const LABELS = ['ｆull width', '😀 smile', 'Zoë', 'zoë', '10', '9', '-1', 'a b'];
const ARMS = ['control ☐', 'treat 😀', 'treat ｆ'];

/**
 * 240 rows: id; x (0–10, one decimal), xp (0.5–20, positive for log), xna (x with ~5 % NA), z (0/1); m (a/b/c), f (f1–f4,
 * never f4 with m c: an empty cell); lab (LABELS); arm (ARMS); w (0.2–3), wz (w with ~10 % exact zeros), wna (w with ~4 %
 * NA); fe (6 groups of 40), fe2 (4 crossing fe); cl (40 of 6), clb (48 of 5, nested in fe); zc (half of each fe group's clb clusters treated), armc
 * (ARMS by clb cluster); age (24 single years),
 * sex, region; y, yna.
 */
function trialData(draw: Draw): Column[] {
  const rows = Array.from({ length: N }, (_, i) => i);
  const x = rows.map(() => Number(draw.uniform(0, 10).toFixed(1)));
  const xp = rows.map(() => Number(draw.uniform(0.5, 20).toFixed(2)));
  const xna = x.map((v, i) => (i > 6 && draw.chance(0.05) ? null : v));
  const z = rows.map((i) => (i < 2 ? i : draw.chance(0.5) ? 1 : 0));
  const m = rows.map((i) => ['a', 'b', 'c'][i < 3 ? i : draw.int(3)]);
  const f = rows.map((i) => (m[i] === 'c' ? ['f1', 'f2', 'f3'][draw.int(3)] : ['f1', 'f2', 'f3', 'f4'][draw.int(4)]));
  const lab = rows.map((i) => LABELS[i < LABELS.length ? i : draw.int(LABELS.length)]);
  const arm = rows.map((i) => ARMS[i < 3 ? i : draw.int(3)]);
  const w = rows.map(() => Number(draw.uniform(0.2, 3).toFixed(3)));
  const wz = w.map((v, i) => (i > 3 && draw.chance(0.1) ? 0 : v));
  const wna = w.map((v, i) => (i > 6 && draw.chance(0.04) ? null : v));
  const fe = rows.map((i) => `g${1 + Math.floor(i / 40)}`);
  const fe2 = rows.map((i) => `h${1 + (i % 4)}`);
  const cl = rows.map((i) => 1 + Math.floor(i / 6));
  const clb = rows.map((i) => 1 + Math.floor(i / 5));
  const zc = clb.map((c) => ([0, 3, 5, 6].includes((c - 1) % 8) ? 1 : 0));
  const armc = clb.map((c) => ARMS[(c - 1) % 3]);
  const age = rows.map((i) => String(18 + (i < 24 ? i : draw.int(24))));
  const sex = rows.map(() => (draw.chance(0.45) ? 'male' : 'female'));
  const region = rows.map(() => draw.pick(['north', 'south', 'east', 'west']));
  const mEffect: Record<string, number> = { a: 0, b: 0.3, c: -0.2 };
  const fEffect: Record<string, number> = { f1: 0, f2: 0.2, f3: -0.1, f4: 0.5 };
  const labEffect = LABELS.map(() => 0.3 * draw.normal());
  const armEffect = [0, 0.4, 0.25];
  const feEffect = Array.from({ length: 6 }, () => draw.normal());
  const shock = Array.from({ length: 48 }, () => 0.4 * draw.normal());
  const y = rows.map((i) =>
    Number((1 + 0.1 * x[i] - 0.01 * x[i] * x[i] + 0.4 * z[i] + mEffect[m[i]] + fEffect[f[i]] + 0.05 * x[i] * fEffect[f[i]] +
      labEffect[LABELS.indexOf(lab[i])] + armEffect[ARMS.indexOf(arm[i])] + 0.02 * xp[i] + feEffect[Math.floor(i / 40)] + shock[clb[i] - 1] + draw.normal()).toFixed(4)));
  const yna = y.map((v, i) => (i > 6 && draw.chance(0.05) ? null : v));
  return [
    numbers('id', rows.map((i) => i + 1), 0), numbers('x', x, 1), numbers('xp', xp, 2), numbers('xna', xna, 1), numbers('z', z, 0),
    strings('m', m), strings('f', f), strings('lab', lab), strings('arm', arm),
    numbers('w', w, 3), numbers('wz', wz, 3), numbers('wna', wna, 3),
    strings('fe', fe), strings('fe2', fe2), numbers('cl', cl, 0), numbers('clb', clb, 0),
    numbers('zc', zc, 0), strings('armc', armc),
    strings('age', age), strings('sex', sex), strings('region', region), numbers('y', y, 4), numbers('yna', yna, 4),
  ];
}

const ALL_ROLES: FitRow[] = [
  ['cr0-alpha-01', 'y ~ z * x + m', 'CR0', { weights: 'w', clusters: 'cl', fixed_effects: '~ fe', alpha: 0.01 }],
  ['stata-alpha-02', 'y ~ z * x + m', 'stata', { weights: 'w', clusters: 'clb', fixed_effects: '~ fe', alpha: 0.2 }],
  ['cr0-alpha-05-two-fe', 'y ~ z + x + f', 'CR0', { weights: 'w', clusters: 'cl', fixed_effects: '~ fe + fe2', alpha: 0.5 }],
  ['stata-empty-cell', 'y ~ f * m + x', 'stata', { weights: 'w', clusters: 'cl', fixed_effects: '~ fe', alpha: 0.1 }],
  ['cr0-poly-log', 'y ~ z + x + I(x^2) + log(xp)', 'CR0', { weights: 'wz', clusters: 'clb', fixed_effects: '~ fe + fe2', alpha: 0.01 }],
  ['stata-missing', 'yna ~ z * xna + m', 'stata', { weights: 'wna', clusters: 'cl', fixed_effects: '~ fe', alpha: 0.2 }],
  ['cr0-subset', 'y ~ z * m + x', 'CR0', { weights: 'wz', clusters: 'cl', fixed_effects: '~ fe', subset: 'x > 1 & m != "c"', alpha: 0.5 }],
  ['hc1-weights-fe', 'y ~ f * m + I(x^2)', 'HC1', { weights: 'w', fixed_effects: '~ fe + fe2', alpha: 0.01 }],
  ['classical-weights-fe', 'y ~ z * log(xp) + m', 'classical', { weights: 'wz', fixed_effects: '~ fe', alpha: 0.2 }],
  ['cr2-unweighted-fe', 'y ~ f * m + I(x^2)', 'CR2', { clusters: 'cl', fixed_effects: '~ fe + fe2', alpha: 0.01 }],
  ['cr2-nested-alpha-05', 'y ~ z * x + log(xp)', 'CR2', { clusters: 'clb', fixed_effects: '~ fe', alpha: 0.5 }],
  ['stata-lab', 'y ~ z + lab + x', 'stata', { weights: 'w', clusters: 'cl', fixed_effects: '~ fe', alpha: 0.01 }],
];

const EMPTY_CELL_TERMS: FitRow[] = [
  ['fm-hc2', 'y ~ f * m', 'HC2'],
  ['fmx-hc2', 'y ~ f * m * x', 'HC2'],
  ['fm-colon-x-hc3', 'y ~ f:m + x', 'HC3'],
  ['fm-poly-cr2', 'y ~ f * m + I(x^2) + log(xp)', 'CR2', { clusters: 'cl' }],
  ['fm-poly2-cr2-weighted', 'y ~ f * m + poly(x, 2)', 'CR2', { clusters: 'clb', weights: 'w' }],
  ['fmx-stata-weighted', 'y ~ f * m * x', 'stata', { clusters: 'cl', weights: 'wz' }],
  ['fm-cregg', 'y ~ f * m', 'cregg', { clusters: 'cl' }],
  ['fm-cregg-weighted', 'y ~ f * m + x', 'cregg', { clusters: 'cl', weights: 'w' }],
  ['fm-log-x-hc2', 'y ~ f * log(xp) + m', 'HC2', { weights: 'w' }],
  ['fm-x2-interaction', 'y ~ f * m + m:I(x^2)', 'HC1'],
  ['fm-declared-reversed', 'y ~ f * m', 'HC2', { levels: { f: ['f4', 'f3', 'f2', 'f1'], m: ['c', 'b', 'a'] } }],
  ['fm-missing-cr2', 'yna ~ f * m + xna', 'CR2', { clusters: 'cl' }],
];

const OWN_TERMS = 'standard errors are 0 by construction';

const UNICODE_LEVELS: FitRow[] = [
  ['main', 'y ~ lab + x', 'HC2'],
  ['by-z', 'y ~ lab * z', 'HC2'],
  ['by-x-cr2', 'y ~ lab:x + z', 'CR2', { clusters: 'cl' }],
  ['relevel-emoji', 'y ~ relevel(factor(lab), ref = "😀 smile") + z', 'HC2'],
  ['relevel-number', 'y ~ relevel(factor(lab), ref = "9") * z', 'HC1'],
  ['declared', 'y ~ lab + z', 'HC2', { levels: { lab: ['a b', '😀 smile', 'ｆull width', 'zoë', 'Zoë', '10', '9', '-1'] } }],
  ['fixed-effect', 'y ~ z * x', 'HC2', { fixed_effects: '~ lab' }],
  ['fixed-effect-and-fe', 'y ~ z + x', 'CR0', { fixed_effects: '~ lab + fe', clusters: 'cl', weights: 'w' }],
  ['clusters', 'y ~ z + x', 'CR2', { clusters: 'lab' }],
  ['clusters-stata', 'y ~ z + m', 'stata', { clusters: 'lab', weights: 'w' }],
  // The clusters are a term's levels and every column is the clusters' own (each cluster's residuals sum to 0 against
  // its columns): every SE is 0 by construction, R prints rounding noise (SE ~1e-17, t ~1e17); vlab refuses in words.
  ['clusters-own-term-cr2', 'y ~ lab', 'CR2', { clusters: 'lab', refusal: OWN_TERMS }],
  ['clusters-own-term-cr0', 'y ~ lab * z', 'CR0', { clusters: 'lab', refusal: OWN_TERMS }],
  ['clusters-own-term-stata-weighted', 'y ~ lab + lab:x', 'stata', { clusters: 'lab', weights: 'w', refusal: OWN_TERMS }],
  ['clusters-own-term-fe-cr0', 'y ~ z:lab', 'CR0', { clusters: 'lab', fixed_effects: '~ lab', refusal: OWN_TERMS }],
  ['clusters-own-term-fe-cr2', 'y ~ z:lab', 'CR2', { clusters: 'lab', fixed_effects: '~ lab', refusal: OWN_TERMS }],
  ['clusters-own-term-cregg', 'y ~ lab * z', 'cregg', { clusters: 'lab', refusal: OWN_TERMS }],
  ['clusters-own-term-and-x', 'y ~ lab + x', 'CR2', { clusters: 'lab' }],
  ['clusters-own-term-fe-and-x', 'y ~ z:lab + x', 'stata', { clusters: 'lab', fixed_effects: '~ lab' }],
  ['subset', 'y ~ lab + z', 'HC2', { subset: 'lab != "Zoë" & lab != "ｆull width"' }],
  ['arm', 'y ~ arm + x', 'HC2'],
  ['arm-cregg', 'y ~ arm * z', 'cregg', { clusters: 'cl' }],
  ['equals', 'y ~ I(lab == "😀 smile") + z', 'HC2'],
];

function unicodeDims(data: string): DimCase[] {
  const d = (name: string, extra: Partial<DimCase>) => dim('unicode-levels-37', `${ID}-unicode-dim-${name}`, data, { treatment: 'arm', ...extra });
  return [
    d('emoji-control', { condition1: 'control ☐', condition2: 'treat 😀' }),
    d('full-width-emoji', { condition1: 'treat ｆ', condition2: 'treat 😀' }),
    d('emoji-full-width', { condition1: 'treat 😀', condition2: 'treat ｆ', weights: 'w' }),
    d('blocks-clusters', { treatment: 'armc', condition1: 'control ☐', condition2: 'treat ｆ', blocks: 'fe', clusters: 'clb', subset_conditions: true }),
    d('clusters-weights', { treatment: 'armc', condition1: 'treat 😀', condition2: 'control ☐', clusters: 'clb', weights: 'w' }),
    d('lab-blocks', { treatment: 'z', blocks: 'lab' }),
  ];
}

function allRolesDims(data: string): DimCase[] {
  const d = (name: string, extra: Partial<DimCase>) => dim('dim-all-roles-37', `${ID}-dim-${name}`, data, { treatment: 'zc', ...extra });
  return [
    d('alpha-01', { blocks: 'fe', clusters: 'clb', weights: 'w', alpha: 0.01 }),
    d('alpha-02', { blocks: 'fe', clusters: 'clb', weights: 'w', alpha: 0.2 }),
    d('alpha-05', { blocks: 'fe', clusters: 'clb', weights: 'wz', alpha: 0.5 }),
    d('reversed', { blocks: 'fe', clusters: 'clb', weights: 'w', condition1: '1', condition2: '0' }),
    d('missing', { outcome: 'yna', blocks: 'fe', clusters: 'clb', weights: 'wna', alpha: 0.1 }),
    d('subset', { blocks: 'fe', clusters: 'clb', weights: 'w', subset: 'x > 2', alpha: 0.01 }),
  ];
}

const SEX = { male: 0.49, female: 0.51 };
const REGION = { north: 0.3, south: 0.25, east: 0.2, west: 0.25 };
/** 24 single years, shares rising then falling (1 to 12 and back, over their total). */
const AGE: Record<string, number> = Object.fromEntries(Array.from({ length: 24 }, (_, k) => [String(18 + k), (k < 12 ? k + 1 : 24 - k) / 156]));

const RAKE_MANY_FITS: FitRow[] = [
  ['fit-hc2', 'y ~ z * x', 'HC2', { rake_margins: { age: AGE, sex: SEX } }],
  ['fit-cr2', 'y ~ z + m', 'CR2', { rake_margins: { age: AGE, sex: SEX, region: REGION }, clusters: 'cl' }],
  ['fit-base-cr0', 'y ~ z * m', 'CR0', { rake_margins: { age: AGE }, clusters: 'cl', weights: 'w' }],
  ['fit-cregg', 'y ~ z * m', 'cregg', { rake_margins: { age: AGE, region: REGION }, clusters: 'cl' }],
  ['fit-fe', 'y ~ z * x', 'HC1', { rake_margins: { age: AGE, sex: SEX }, fixed_effects: '~ fe' }],
];

function rakeCases(data: string): RakeCase[] {
  const rake = (name: string, margins: RakeCase['margins'], base?: string): RakeCase => ({
    kind: 'rake', id: `${ID}-rake-many-${name}`, group: 'rake-many-levels-37', data, margins, ...(base ? { base_weights: base } : {}),
  });
  return [
    rake('age', { age: AGE }),
    rake('age-sex', { age: AGE, sex: SEX }),
    rake('age-sex-region', { sex: SEX, age: AGE, region: REGION }),
    rake('age-base', { age: AGE, region: REGION }, 'w'),
    rake('age-base-zeros', { region: REGION, age: AGE }, 'wz'),
  ];
}

function pAdjustCases(draw: Draw): PAdjustCase[] {
  const pa = (name: string, values: (number | null)[], method: PAdjustCase['method'], n?: number): PAdjustCase => ({
    kind: 'p_adjust', id: `${ID}-p-adjust-${name}`, group: 'p-adjust-37', p: values, method, ...(n === undefined ? {} : { n }),
  });
  const methods: PAdjustCase['method'][] = ['holm', 'hochberg', 'hommel', 'bonferroni', 'BH', 'BY'];
  const ties = Array.from({ length: 9 }, () => draw.pick([0, 1, 0.04, 0.04, 0.5]));
  return [
    ...methods.map((m) => pa(`one-${m}`, [0.02], m)),
    ...methods.map((m) => pa(`one-n-5-${m}`, [0.02], m, 5)),
    ...methods.map((m) => pa(`zero-one-${m}`, [0, 1, 0, 1, 1], m)),
    ...methods.map((m) => pa(`ties-n-20-${m}`, ties, m, 20)),
  ];
}

const power = (name: string, input: Omit<PowerCase, 'kind' | 'id' | 'group' | 'sd'>): PowerCase => ({ kind: 'power', id: `${ID}-power-${name}`, group: 'power-37', sd: 1, ...input });
const cohen = (name: string, input: Omit<PowerHCase, 'kind' | 'id' | 'group'>): PowerHCase => ({ kind: 'power_h', id: `${ID}-power-h-${name}`, group: 'power-37', ...input });
const prop = (name: string, input: Omit<PowerPropCase, 'kind' | 'id' | 'group'>): PowerPropCase => ({ kind: 'power_prop', id: `${ID}-power-prop-${name}`, group: 'power-37', ...input });

const POWER: (PowerCase | PowerHCase | PowerPropCase)[] = [
  power('near-alpha-effect', { solve: 'effect', n: 50, power: 0.0501, alpha: 0.05 }),
  power('near-alpha-effect-one-sided', { solve: 'effect', n: 50, power: 0.051, alpha: 0.05, alternative: 'one.sided' }),
  power('near-alpha-effect-paired', { solve: 'effect', n: 30, power: 0.051, alpha: 0.05, type: 'paired' }),
  power('near-alpha-n', { solve: 'n', effect: 0.05, power: 0.06, alpha: 0.05 }),
  power('high-power-tiny-effect', { solve: 'n', effect: 0.01, power: 0.999999, alpha: 0.05 }),
  power('high-power-tiny-effect-one-sample', { solve: 'n', effect: 0.01, power: 0.999999, alpha: 0.05, type: 'one.sample' }),
  power('t2n-near-alpha-effect', { solve: 'effect', n: 40, n2: 80, power: 0.0501, alpha: 0.05 }),
  cohen('near-alpha-h', { solve: 'h', n: 50, power: 0.0501, alpha: 0.05 }),
  cohen('near-alpha-h-two', { solve: 'h', n: 50, n2: 200, power: 0.051, alpha: 0.05 }),
  cohen('near-alpha-n', { solve: 'n', h: 0.02, power: 0.051, alpha: 0.05 }),
  prop('near-alpha-p2', { solve: 'p2', n: 100, p1: 0.3, power: 0.051, alpha: 0.05 }),
  prop('near-alpha-n', { solve: 'n', p1: 0.3, p2: 0.31, power: 0.06, alpha: 0.05 }),
  prop('tiny-p-n', { solve: 'n', p1: 1e-6, p2: 2e-6, power: 0.8, alpha: 0.05 }),
];

/** The stored cases of the thirty-seventh trial. */
export function trial37Designs(): Built {
  const data = `${ID}-data`;
  const fits = (group: FitCase['group'], prefix: string, list: FitRow[]) => fitRows(group, `${ID}-${prefix}`, data, list);
  return {
    data: [{ id: data, columns: trialData(new Draw(SEED)) }],
    cases: [
      ...fits('all-roles-37', 'all-roles', ALL_ROLES),
      ...fits('empty-cell-terms-37', 'empty-cell', EMPTY_CELL_TERMS),
      ...fits('unicode-levels-37', 'unicode', UNICODE_LEVELS),
      ...unicodeDims(data),
      ...allRolesDims(data),
      ...fits('rake-many-levels-37', 'rake-many', RAKE_MANY_FITS),
      ...rakeCases(data),
      ...pAdjustCases(new Draw(P_SEED)),
      ...POWER,
      ...drawnCases(new Draw(RANDOM_SEED), 30),
    ],
  };
}

/** `count` drawn fits of these columns (seed 37_100_002), with the empty cell, the transforms and the text levels among the terms. */
function drawnCases(draw: Draw, count: number): FitCase[] {
  return drawnFits(draw, count, 'trial37-random', (k) => `${ID}-random-${k}`, `${ID}-data`, {
    outcomes: ['y', 'yna'],
    terms: ['x', 'z', 'm', 'f', 'f:m', 'lab', 'z:lab', 'I(x^2)', 'log(xp)', 'xna', 'arm'],
    weights: [undefined, 'w', 'wz', 'wna'],
    types: ['classical', 'HC0', 'HC1', 'HC2', 'HC3', 'CR0', 'stata', 'CR2', 'cregg'],
    clusterings: ['cl', 'clb', 'lab'],
    fixedEffects: ['~ fe', '~ fe + fe2', '~ lab'],
    subsets: ['f != "f4"', 'x > 1', 'lab != "10"', 'id > 20'],
  }, (k) => (k === 25 ? { refusal: OWN_TERMS } : {}));
}
