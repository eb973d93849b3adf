// The forty-second R trial's classes (task rtrial42, 2026-12-07): combinations the earlier trials stored only apart,
// drawn from stated seeds (Draw(42_100_000) for the wave, Draw(42_100_001) for the drawn fits), fitted by R and stored
// in expected.json.gz with R's warnings (refit: write-inputs.ts, then differential.R; only new cases are refitted).
// - weights-fe-clusters-42: weights, fixed effects and clusters in one fit, with a weight, a cluster and a fixed
//   effect missing on a few rows each (estimatr's three warnings), under stata and CR0 at alpha 0.01, 0.1 and 0.2, HC1
//   without clusters, and weighted CR2 (estimatr stops: "Cannot use fixed_effects with weighted CR2").
// - alpha-42: confidence levels other than 95 % (alpha 0.001, 0.1, 0.5) under classical, HC2, CR2 and stata.
// - trial42-random: 20 drawn fits of the wave's columns at drawn alphas (seed 42_100_001).
import { drawnFits, fitRows, numbers, strings, type FitRow } from './case-builders.ts';
import type { DataSet, FitCase } from './case-types.ts';
import { Draw, type Column } from './random-data.ts';

const SEED = 42_100_000;
const RANDOM_SEED = 42_100_001;
const ID = 't42';
const N = 200;

/** 200 rows: id; t (0/1); f (a/b/c); x (normal); g (12 groups, NA on rows 9 and 90); cl (30 clusters, NA on row 7); w (0.2–3, NA on rows 3 and 50); y. */
function waveData(draw: Draw): Column[] {
  const rows = Array.from({ length: N }, (_, i) => i);
  const t = rows.map(() => (draw.chance(0.5) ? 1 : 0));
  const f = rows.map(() => draw.pick(['a', 'b', 'c']));
  const x = rows.map(() => Number(draw.normal().toFixed(3)));
  const g = rows.map((i) => (i === 8 || i === 89 ? null : 1 + draw.int(12)));
  const cl = rows.map((i) => (i === 6 ? null : 1 + draw.int(30)));
  const w = rows.map((i) => (i === 2 || i === 49 ? null : Number(draw.uniform(0.2, 3).toFixed(3))));
  const y = rows.map((i) => Number((1 + 0.5 * t[i] + 0.3 * x[i] + 0.1 * (g[i] ?? 0) + (f[i] === 'b' ? 0.2 : 0) + draw.normal()).toFixed(3)));
  return [
    numbers('id', rows.map((i) => i + 1), 0), numbers('t', t, 0), strings('f', f), numbers('x', x, 3), numbers('g', g, 0),
    numbers('cl', cl, 0), numbers('w', w, 3), numbers('y', y, 3),
  ];
}

const WFC = { weights: 'w', clusters: 'cl', fixed_effects: '~ g' } as const;
const WEIGHTS_FE_CLUSTERS: FitRow[] = [
  ['stata-01', 'y ~ t * x', 'stata', { ...WFC, alpha: 0.01 }],
  ['stata-10', 'y ~ t * x + f', 'stata', { ...WFC, alpha: 0.1 }],
  ['stata-20', 'y ~ t + x', 'stata', { ...WFC, alpha: 0.2 }],
  ['cr0-01', 'y ~ t * x', 'CR0', { ...WFC, alpha: 0.01 }],
  ['cr0-10', 'y ~ t * f', 'CR0', { ...WFC, alpha: 0.1 }],
  ['hc1-10', 'y ~ t * x', 'HC1', { weights: 'w', fixed_effects: '~ g', alpha: 0.1 }],
  ['cr2-refused', 'y ~ t * x', 'CR2', { ...WFC }],
  ['cr2-unweighted-10', 'y ~ t * x', 'CR2', { clusters: 'cl', fixed_effects: '~ g', alpha: 0.1 }],
];

const ALPHAS: FitRow[] = [
  ['classical-001', 'y ~ t + x + f', 'classical', { alpha: 0.001 }],
  ['hc2-10', 'y ~ t * f', 'HC2', { alpha: 0.1 }],
  ['hc2-50', 'y ~ t + x', 'HC2', { alpha: 0.5 }],
  ['cr2-001', 'y ~ t * x', 'CR2', { clusters: 'cl', alpha: 0.001 }],
  ['cr2-50', 'y ~ t + f', 'CR2', { clusters: 'cl', weights: 'w', alpha: 0.5 }],
  ['stata-10', 'y ~ t * x', 'stata', { clusters: 'cl', alpha: 0.1 }],
];

export function trial42Designs(): { data: DataSet[]; cases: FitCase[] } {
  const data = `${ID}-wave`;
  const fits = (group: FitCase['group'], prefix: string, list: FitRow[]) => fitRows(group, `${ID}-${prefix}`, data, list);
  return {
    data: [{ id: data, columns: waveData(new Draw(SEED)) }],
    cases: [...fits('weights-fe-clusters-42', 'wfc', WEIGHTS_FE_CLUSTERS), ...fits('alpha-42', 'alpha', ALPHAS), ...drawnCases(new Draw(RANDOM_SEED), 20)],
  };
}

/** `count` drawn fits (seed 42_100_001), each at a drawn alpha (0.01, 0.1 or 0.2). */
function drawnCases(draw: Draw, count: number): FitCase[] {
  const fits = drawnFits(draw, count, 'trial42-random', (k) => `${ID}-random-${k}`, `${ID}-wave`, {
    outcomes: ['y', 'I(y > 1)'],
    terms: ['t', 'f', 'x', 't:x', 't:f', 'I(x^2)'],
    weights: [undefined, 'w'],
    types: ['classical', 'HC1', 'HC2', 'HC3', 'CR0', 'stata', 'CR2'],
    clusterings: ['cl'],
    fixedEffects: ['~ g', '~ f'],
    subsets: ['x > -1', 'f != "a"'],
  });
  return fits.map((c) => ({ ...c, alpha: draw.pick([0.01, 0.1, 0.2]) }));
}
