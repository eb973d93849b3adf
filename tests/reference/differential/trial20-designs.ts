// The twentieth R trial's classes (2026-12-05): inputs no earlier trial stored, each drawn from a stated seed
// (Draw(seed), seeds 20_100_000 + k), fitted by estimatr / survey and stored in expected.json.gz (refit: write-inputs.ts,
// then differential.R). What each class stresses:
// - weights-zero-tiny-cr2-20: weights with zeros AND tiny values (1e-10, 1e-6) in one column, on single rows, on a
//   whole cluster (all 0, all 1e-8) and on a cluster that is half zeros, with clusters under CR2, CR0 and stata, and
//   HC2/HC1 without them; a factor × treatment term beside them.
// - factor-by-transform-20: a factor crossed with a transformed numeric (`f * log(x)`, `f:log(x)`, `f / log(x)`,
//   `f * log(x, 10)`, `f * sqrt(x)`, `f * scale(x)`, `f * poly(log(x), 2)`, `f * I(log(x)^2)`, `g * log1p(x) + f`),
//   unweighted, weighted and clustered.
// - no-intercept-factors-20: `- 1`, `+ 0` and `0 +` with factors: the first factor in full dummies wherever it stands
//   (`y ~ z + f - 1`), two factors, `f:x - 1`, `f * x - 1`, `(f + g)^2 - 1`, `0 + z + z:f`, `-1 + log(x) * f`.
// - dim-arms-blocks-20: difference_in_means with condition1/condition2 of four arms and blocks (no clusters), weighted
//   or not, every pair both ways, numeric arm codes, and a block where one of the two compared arms is absent.
// - rake-20: survey::rake with a numeric-coded margin variable, three margins, margins as counts, a share of 0.999,
//   base weights spanning 1e-3 to 1e3, and margins listed in another order than the levels appear.
// - trial20-random: 30 drawn fits of these formulas, weights columns and se types (Draw(SEED + 9)).
import type { SeType } from '../../../analysis/index.ts';
import type { DataSet, DimCase, FitCase, RakeCase } from './case-types.ts';
import { dim, fit, numbers, strings } from './case-builders.ts';
import { Draw, type Column } from './random-data.ts';

interface Built {
  data: DataSet[];
  cases: (FitCase | DimCase | RakeCase)[];
}

const SEED = 20_100_000;
const ID = 't20';

/** Cluster sizes for 180 rows: 18 clusters of 7, 6 of 1, then clusters of 12, 15, 9 and 12. */
function clusters(): number[] {
  const sizes = [...Array.from({ length: 18 }, () => 7), ...Array.from({ length: 6 }, () => 1), 12, 15, 9, 12];
  return sizes.flatMap((size, k) => Array.from({ length: size }, () => k + 1));
}

/**
 * 180 rows in 28 clusters (cl): y; x > 0 (0.05–9); z (0/1); f (lo, mid, hi) and g (4 levels); four arms (arm: ctl, a,
 * b, c; armn 0–3) within blocks blk (5); weights w (0.2–3), wz (zeros on single rows and all of cluster 3), wt (1e-10
 * and 1e-6 on rows, 1e-8 on all of cluster 5), wmix (both, cluster 7 half zeros); k2 (numeric codes 1–3) and r1, r2
 * for raking, and a base weight bw (1e-3 to 1e3).
 */
function trialData(draw: Draw): Column[] {
  const cl = clusters();
  const rows = cl.map((_, i) => i);
  const x = rows.map(() => Number(draw.uniform(0.05, 9).toFixed(3)));
  const z = rows.map(() => (draw.chance(0.5) ? 1 : 0));
  const f = rows.map((i) => ['lo', 'mid', 'hi'][i < 3 ? i : draw.int(3)]);
  const g = rows.map(() => draw.pick(['g1', 'g2', 'g3', 'g4']));
  const blk = rows.map((i) => `B${1 + (i % 5)}`);
  // Block B5 never gets arm "c": a compared pair with c finds a block without one of its arms.
  const armn = rows.map((i) => (blk[i] === 'B5' ? draw.int(3) : draw.int(4)));
  const arm = armn.map((k) => ['ctl', 'a', 'b', 'c'][k]);
  const w = rows.map(() => Number(draw.uniform(0.2, 3).toFixed(3)));
  const wz = rows.map((i) => (cl[i] === 3 || draw.chance(0.15) ? 0 : w[i]));
  const wt = rows.map((i) => (cl[i] === 5 ? 1e-8 : draw.chance(0.08) ? 1e-10 : draw.chance(0.08) ? 1e-6 : w[i]));
  const wmix = rows.map((i) => (cl[i] === 7 && i % 2 === 0 ? 0 : draw.chance(0.1) ? 0 : draw.chance(0.1) ? 1e-10 : w[i]));
  const shock = Array.from({ length: 30 }, () => 0.4 * draw.normal());
  const effect: Record<string, number> = { lo: 0, mid: 0.3, hi: -0.4 };
  const armEffect = [0, 0.4, 0.7, -0.2];
  // A log(x) slope that differs by f, so that f * log(x) has something to find.
  const slope: Record<string, number> = { lo: 0.2, mid: 0.5, hi: -0.1 };
  const logish = (v: number) => (v - 1) - ((v - 1) * (v - 1)) / (2 * v + 2); // a rational stand-in for log: exact arithmetic only
  const y = rows.map((i) => Number((1 + 0.5 * z[i] + effect[f[i]] + slope[f[i]] * logish(x[i]) + armEffect[armn[i]] + shock[cl[i]] + draw.normal()).toFixed(5)));
  const k2 = rows.map(() => 1 + draw.int(3));
  const r1 = rows.map(() => draw.pick(['north', 'south', 'east']));
  const bw = rows.map((i) => Number((i % 3 === 0 ? draw.uniform(0.001, 0.01) : i % 3 === 1 ? draw.uniform(1, 10) : draw.uniform(100, 1000)).toFixed(6)));
  return [numbers('y', y, 5), numbers('x', x, 3), numbers('z', z, 0), strings('f', f), strings('g', g), strings('blk', blk), strings('arm', arm),
    numbers('armn', armn, 0), numbers('w', w, 3), numbers('wz', wz, 3), numbers('wt', wt, 12), numbers('wmix', wmix, 12), numbers('cl', cl, 0),
    numbers('k2', k2, 0), strings('r1', r1), numbers('bw', bw, 6)];
}

function weightCases(data: string): FitCase[] {
  const cases: FitCase[] = [];
  for (const weights of ['wz', 'wt', 'wmix']) {
    for (const se of ['CR2', 'CR0', 'stata'] as SeType[]) {
      cases.push(fit('weights-zero-tiny-cr2-20', `${ID}-weights-${weights}-${se}`, data, 'y ~ x + z + f', se, { weights, clusters: 'cl' }));
    }
    cases.push(fit('weights-zero-tiny-cr2-20', `${ID}-weights-${weights}-HC2`, data, 'y ~ x + z + f', 'HC2', { weights }));
    cases.push(fit('weights-zero-tiny-cr2-20', `${ID}-weights-${weights}-interaction-CR2`, data, 'y ~ z * f + x', 'CR2', { weights, clusters: 'cl' }));
  }
  cases.push(fit('weights-zero-tiny-cr2-20', `${ID}-weights-wmix-HC1-log`, data, 'y ~ f * log(x)', 'HC1', { weights: 'wmix' }));
  return cases;
}

const TRANSFORM_FORMULAS: [string, string][] = [
  ['log', 'y ~ f * log(x)'],
  ['colon', 'y ~ f:log(x)'],
  ['log-first', 'y ~ log(x) * f + z'],
  ['nested', 'y ~ f / log(x)'],
  ['log10', 'y ~ f * log(x, 10)'],
  ['sqrt', 'y ~ f * sqrt(x)'],
  ['scale', 'y ~ f * scale(x)'],
  ['poly', 'y ~ f * poly(log(x), 2)'],
  ['I-square', 'y ~ f * I(log(x)^2)'],
  ['two-factors', 'y ~ g * log1p(x) + f'],
];

function transformCases(data: string): FitCase[] {
  return TRANSFORM_FORMULAS.flatMap(([name, formula], k) => [
    fit('factor-by-transform-20', `${ID}-transform-${name}`, data, formula, k % 2 === 0 ? 'HC2' : 'classical'),
    fit('factor-by-transform-20', `${ID}-transform-${name}-CR2-weighted`, data, formula, 'CR2', { clusters: 'cl', weights: 'w' }),
  ]);
}

const NO_INTERCEPT_FORMULAS: [string, string][] = [
  ['minus-one', 'y ~ f - 1'],
  ['zero-plus', 'y ~ 0 + f'],
  ['two-factors', 'y ~ f + g - 1'],
  ['numeric-first', 'y ~ z + f - 1'],
  ['plus-zero-middle', 'y ~ x + 0 + f + g'],
  ['colon-x', 'y ~ 0 + f:x'],
  ['crossed-x', 'y ~ f * x - 1'],
  ['factors-colon', 'y ~ f:g - 1'],
  ['square', 'y ~ (f + g)^2 - 1'],
  ['z-by-f', 'y ~ 0 + z + z:f'],
  ['log-by-f', 'y ~ -1 + log(x) * f'],
  ['f-and-slopes', 'y ~ f - 1 + f:x'],
];

function noInterceptCases(data: string): FitCase[] {
  const types: SeType[] = ['classical', 'HC2', 'HC3', 'HC1'];
  return NO_INTERCEPT_FORMULAS.flatMap(([name, formula], k) => [
    fit('no-intercept-factors-20', `${ID}-nointercept-${name}`, data, formula, types[k % 4]),
    fit('no-intercept-factors-20', `${ID}-nointercept-${name}-CR2`, data, formula, 'CR2', { clusters: 'cl', ...(k % 2 === 0 ? { weights: 'w' } : {}) }),
  ]);
}

function armCases(data: string): DimCase[] {
  const arms = ['ctl', 'a', 'b', 'c'];
  const cases: DimCase[] = [];
  const pairs: [string, string][] = [['ctl', 'a'], ['a', 'ctl'], ['ctl', 'b'], ['b', 'a'], ['a', 'b'], ['ctl', 'c'], ['c', 'b']];
  for (const [c1, c2] of pairs) {
    cases.push(dim('dim-arms-blocks-20', `${ID}-arms-${c1}-${c2}`, data, { treatment: 'arm', blocks: 'blk', condition1: c1, condition2: c2 }));
    cases.push(dim('dim-arms-blocks-20', `${ID}-arms-${c1}-${c2}-weighted`, data, { treatment: 'arm', blocks: 'blk', weights: 'w', condition1: c1, condition2: c2 }));
  }
  // Numeric arm codes: condition1 3 (c), condition2 1 (a); and 0 against 2 with zero weights in some rows.
  cases.push(dim('dim-arms-blocks-20', `${ID}-armn-3-1`, data, { treatment: 'armn', blocks: 'blk', condition1: '3', condition2: '1' }));
  cases.push(dim('dim-arms-blocks-20', `${ID}-armn-0-2-wz`, data, { treatment: 'armn', blocks: 'blk', weights: 'wz', condition1: '0', condition2: '2' }));
  cases.push(dim('dim-arms-blocks-20', `${ID}-arms-declared`, data, { treatment: 'arm', blocks: 'blk', levels: { arm: [arms[2], arms[0], arms[1], arms[3]] }, condition1: 'b', condition2: 'ctl' }));
  cases.push(dim('dim-arms-blocks-20', `${ID}-arms-no-blocks`, data, { treatment: 'arm', condition1: 'c', condition2: 'a', weights: 'wt' }));
  return cases;
}

function rakeCases(data: string): RakeCase[] {
  const rake = (name: string, margins: RakeCase['margins'], baseWeights?: string): RakeCase => ({
    kind: 'rake', id: `${ID}-rake-${name}`, group: 'rake-20', data, margins, ...(baseWeights ? { base_weights: baseWeights } : {}),
  });
  return [
    rake('numeric-codes', { k2: { 1: 0.2, 2: 0.5, 3: 0.3 } }),
    rake('three-margins', { k2: { 1: 0.3, 2: 0.3, 3: 0.4 }, r1: { north: 0.5, south: 0.3, east: 0.2 }, f: { lo: 0.4, mid: 0.4, hi: 0.2 } }),
    rake('counts', { r1: { east: 2_000_000, north: 5_000_000, south: 3_000_000 }, g: { g4: 1_000_000, g3: 2_000_000, g2: 3_000_000, g1: 4_000_000 } }),
    rake('near-one', { z: { 0: 0.999, 1: 0.001 } }),
    rake('spread-base', { r1: { north: 0.2, south: 0.5, east: 0.3 }, f: { hi: 0.1, mid: 0.6, lo: 0.3 } }, 'bw'),
    rake('spread-base-three', { k2: { 3: 0.1, 2: 0.1, 1: 0.8 }, r1: { north: 0.4, south: 0.4, east: 0.2 }, z: { 0: 0.5, 1: 0.5 } }, 'bw'),
  ];
}

/** 30 drawn fits (Draw(SEED + 9)): a formula of the classes above, a weights column or none, an se type. */
function randomCases(draw: Draw, data: string): FitCase[] {
  const formulas = [...TRANSFORM_FORMULAS, ...NO_INTERCEPT_FORMULAS].map(([, formula]) => formula);
  const types: SeType[] = ['classical', 'HC0', 'HC1', 'HC2', 'HC3', 'CR0', 'stata', 'CR2'];
  return Array.from({ length: 30 }, (_, k) => {
    const se = draw.pick(types);
    const weights = draw.pick([undefined, 'w', 'wz', 'wt', 'wmix']);
    const clustered = se.startsWith('CR') || se === 'stata';
    return fit('trial20-random', `${ID}-random-${k}`, data, draw.pick(formulas), se, { ...(weights ? { weights } : {}), ...(clustered ? { clusters: 'cl' } : {}) });
  });
}

/** The twentieth trial's stored cases. */
export function trial20Designs(): Built {
  const data = `${ID}-data`;
  const columns = trialData(new Draw(SEED));
  return {
    data: [{ id: data, columns }],
    cases: [...weightCases(data), ...transformCases(data), ...noInterceptCases(data), ...armCases(data), ...rakeCases(data), ...randomCases(new Draw(SEED + 9), data)],
  };
}
