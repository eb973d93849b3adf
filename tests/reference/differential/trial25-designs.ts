// The twenty-fifth R trial's classes (task rtrial25, 2026-12-05): inputs no earlier trial stored, drawn from a stated
// seed (Draw(25_100_000)), fitted by estimatr and stored in expected.json.gz (refit: write-inputs.ts, then
// differential.R; only new cases are refitted). What each class stresses:
// - moderation-25: a treatment z interacted with a moderator: a three-level moderator m3 (lo, mid, hi) plain, relevelled,
//   declared in another order, as z + z:m3 and as m3/z; a moderator me whose (z = 1, me = "c") cell is empty (R leaves
//   z:mec NA, aliased) under HC2, CR2, weighted stata and cregg; a continuous moderator x, centred with mean(), weighted,
//   with NA in outcome and moderator; a cluster-level treatment zc by m3 under CR2.
// - dim-blocks-clusters-25: difference_in_means with blocks AND clusters (a cluster-level treatment zc, clusters inside
//   blocks): plain, weighted, with missing outcomes, at alpha 0.1.
// - alpha-25: lm_robust at alpha 0.01, 0.1, 0.2 and 0.001 under HC2, classical, CR2, stata (weighted) and cregg.
// - gamma-row-25: the functions trial 24 found vlab refusing: lgamma(), gamma(), factorial(), rowSums()/rowMeans() of
//   cbind() (with na.rm and a column with NA) under HC, CR2, weighted stata and cregg.
import type { SeType } from '../../../analysis/index.ts';
import type { DataSet, DimCase, FitCase } from './case-types.ts';
import { dim, fit, numbers, strings } from './case-builders.ts';
import { Draw, type Column } from './random-data.ts';

interface Built {
  data: DataSet[];
  cases: (FitCase | DimCase)[];
}

const SEED = 25_100_000;
const ID = 't25';
const ROWS = 120;

/**
 * 120 rows in 24 clusters of 5 (cl) and 6 blocks of 4 clusters (bl); z (0/1 by row), zc (0/1 by cluster, two
 * clusters of each in every block); m3 (lo/mid/hi), me (a/b/c, "c" only where z = 0); x (0.1–5) and xq (NA in rows
 * i % 6 = 1); y, yq (NA in rows i % 5 = 3); f (p/q); weights w (0.2–3).
 */
function trialData(draw: Draw): Column[] {
  const rows = Array.from({ length: ROWS }, (_, i) => i);
  const cl = rows.map((i) => 1 + Math.floor(i / 5));
  const bl = cl.map((c) => 1 + Math.floor((c - 1) / 4));
  const zc = cl.map((c) => ((c - 1) % 4 < 2 ? 1 : 0));
  const z = rows.map((i) => (i < 2 ? i : draw.chance(0.5) ? 1 : 0));
  const m3 = rows.map((i) => ['lo', 'mid', 'hi'][i < 3 ? i : draw.int(3)]);
  const me = z.map((t) => (t === 1 ? draw.pick(['a', 'b']) : draw.pick(['a', 'b', 'c'])));
  const x = rows.map(() => Number(draw.uniform(0.1, 5).toFixed(1)));
  const f = rows.map(() => (draw.chance(0.5) ? 'p' : 'q'));
  const w = rows.map(() => Number(draw.uniform(0.2, 3).toFixed(3)));
  const shock = Array.from({ length: 25 }, () => 0.5 * draw.normal());
  const effect: Record<string, number> = { lo: 0.2, mid: 0.5, hi: 0.9 };
  const y = rows.map((i) => Number((1 + 0.3 * x[i] + (effect[m3[i]] + 0.2 * x[i]) * z[i] + 0.4 * zc[i] + (me[i] === 'c' ? 0.3 : 0) + shock[cl[i]] + draw.normal()).toFixed(5)));
  const yq = y.map((v, i) => (i % 5 === 3 ? null : v));
  const xq = x.map((v, i) => (i % 6 === 1 ? null : v));
  return [numbers('y', y, 5), numbers('yq', yq, 5), numbers('z', z, 0), numbers('zc', zc, 0), strings('m3', m3), strings('me', me),
    numbers('x', x, 1), numbers('xq', xq, 1), strings('f', f), numbers('w', w, 3), numbers('cl', cl, 0), numbers('bl', bl, 0)];
}

const MODERATION: [string, string, SeType, Partial<FitCase>?][] = [
  ['three-level', 'y ~ z * m3', 'HC2'],
  ['three-level-cr2', 'y ~ z * m3 + x', 'CR2', { clusters: 'cl' }],
  ['three-level-relevel', 'y ~ z * relevel(factor(m3), ref = "mid")', 'HC1', { weights: 'w' }],
  ['three-level-declared', 'y ~ z * m3', 'stata', { clusters: 'cl', levels: { m3: ['hi', 'mid', 'lo'] } }],
  ['three-level-colon', 'y ~ z + z:m3', 'HC3'],
  ['three-level-nested', 'y ~ m3/z', 'CR2', { clusters: 'cl', weights: 'w' }],
  ['empty-cell', 'y ~ z * me', 'HC2'],
  ['empty-cell-cr2', 'y ~ z * me + x', 'CR2', { clusters: 'cl' }],
  ['empty-cell-stata', 'y ~ z * me', 'stata', { clusters: 'cl', weights: 'w' }],
  ['empty-cell-cregg', 'y ~ z * me', 'cregg', { clusters: 'cl' }],
  ['empty-cell-three-way', 'y ~ z * me * f', 'HC2'],
  ['continuous', 'y ~ z * x', 'HC2'],
  ['continuous-centred', 'y ~ z * I(x - mean(x))', 'CR2', { clusters: 'cl' }],
  ['continuous-weighted', 'y ~ z * x + f', 'HC1', { weights: 'w' }],
  ['continuous-na', 'yq ~ z * xq', 'CR0', { clusters: 'cl' }],
  ['continuous-and-factor', 'y ~ z * (x + m3)', 'classical'],
  ['cluster-treatment', 'y ~ zc * m3', 'CR2', { clusters: 'cl' }],
];

const ALPHA: [string, string, SeType, number, Partial<FitCase>?][] = [
  ['hc2-01', 'y ~ z * m3', 'HC2', 0.01],
  ['classical-10', 'y ~ z + x', 'classical', 0.1],
  ['cr2-20', 'y ~ z * x', 'CR2', 0.2, { clusters: 'cl' }],
  ['stata-001', 'y ~ z + m3', 'stata', 0.001, { clusters: 'cl', weights: 'w' }],
  ['cregg-10', 'y ~ z * me', 'cregg', 0.1, { clusters: 'cl' }],
];

const GAMMA_ROW: [string, string, SeType, Partial<FitCase>?][] = [
  ['lgamma', 'y ~ lgamma(x) + z', 'HC2'],
  ['gamma-by-z', 'y ~ I(gamma(x/2)) * z', 'CR2', { clusters: 'cl' }],
  ['factorial', 'y ~ factorial(round(x)) + m3', 'HC1', { weights: 'w' }],
  ['row-means', 'y ~ rowMeans(cbind(x, xq)) * z', 'stata', { clusters: 'cl', weights: 'w' }],
  ['row-means-na-rm', 'y ~ rowMeans(cbind(x, xq, z), na.rm = TRUE) + m3', 'CR2', { clusters: 'cl' }],
  ['row-sums', 'yq ~ rowSums(cbind(xq, z), na.rm = TRUE) + lgamma(x + 1)', 'cregg', { clusters: 'cl' }],
];

/** The stored cases of the twenty-fifth trial. */
export function trial25Designs(): Built {
  const data = `${ID}-data`;
  const moderation = MODERATION.map(([name, formula, se, extra]) => fit('moderation-25', `${ID}-moderation-${name}`, data, formula, se, extra));
  const blocked = { treatment: 'zc', clusters: 'cl', blocks: 'bl' };
  const dims = [
    dim('dim-blocks-clusters-25', `${ID}-dim-bc`, data, blocked),
    dim('dim-blocks-clusters-25', `${ID}-dim-bc-weighted`, data, { ...blocked, weights: 'w' }),
    dim('dim-blocks-clusters-25', `${ID}-dim-bc-missing`, data, { ...blocked, outcome: 'yq' }),
    dim('dim-blocks-clusters-25', `${ID}-dim-bc-alpha`, data, { ...blocked, weights: 'w', alpha: 0.1 }),
  ];
  const alpha = ALPHA.map(([name, formula, se, level, extra]) => fit('alpha-25', `${ID}-alpha-${name}`, data, formula, se, { ...extra, alpha: level }));
  const gammaRow = GAMMA_ROW.map(([name, formula, se, extra]) => fit('gamma-row-25', `${ID}-gamma-row-${name}`, data, formula, se, extra));
  return { data: [{ id: data, columns: trialData(new Draw(SEED)) }], cases: [...moderation, ...dims, ...alpha, ...gammaRow] };
}
