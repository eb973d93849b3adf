// The thirty-second R trial's classes (task rtrial32, 2026-12-06): inputs no earlier trial stored, drawn from stated seeds
// (Draw(32_100_000) for the data, Draw(32_100_001) for the p-values, Draw(32_100_002) for the drawn fits), fitted by R
// and stored in expected.json.gz (refit: write-inputs.ts, then differential.R; only new cases are refitted). What each
// class stresses:
// - near-collinear-32: a covariate that is x plus 1e-2 down to 1e-9 of noise (printed at 12 decimals), a numeric column
//   that is a factor's dummy plus 1e-6 of noise, three columns whose sum is nearly constant: where estimatr's rank
//   threshold and vlab's aliasing meet, under HC2, classical, CR2, weighted stata and cregg, and with fixed effects
//   under HC1, CR0 and stata. estimatr's SEs lose digits
//   there (its estimates do not): R's reference is the fit on the orthonormal Q of X = QR (q-reference.R). x + 1e-9·u
//   is left out: vlab and the Q route differ by 1.1e-6 there (a norm ratio of 3e-10, the doubles' limit).
// - huge-offset-32: outcomes of 1e6, 1e9 and 1e12 plus a noise of unit scale (R fitting I(y - shift), `outcome_shift`)
//   under HC, CR2 (weighted), stata, with fixed effects; covariates offset by 1e3 and 1e4; difference_in_means of the
//   offset outcomes (blocked, clustered, weighted), R computing the weighted and clustered ones (estimatr's regression
//   routes) on y less the shift (`outcome_shift`: on y12 itself estimatr loses 7.7e-4 of the difference); the Welch
//   route on y itself, whose R mean() vlab takes as estimatr does (difference-in-means-huge-outcome.test.ts).
// - unbalanced-32: 600 rows with 4 treated (zr), 3 treated all in two clusters (zq), a factor level of 2 rows, under
//   HC0–HC3, CR0, stata, CR2 and weights; difference_in_means of them, blocked with one treated row in some blocks.
// - fe-moderation-32: weights, clusters and fixed effects together with a treatment × moderator, the moderator constant
//   within the fixed effect (its main effect absorbed: R's NA) or not, a treatment × numeric, two fixed effects, under
//   HC1, HC2, CR0, stata and CR2 (unweighted: estimatr stops on weighted CR2 with fixed effects).
// - unused-levels-32: declared levels no row has on a fixed-effect column, a block column, the treatment of
//   difference_in_means (condition2 an unused level: R stops), a factor inside an interaction under CR2 and cregg.
// - zero-weight-levels-32: a factor level, an interaction cell and a whole cluster present only on rows of weight 0
//   (their columns are zero once weighted: aliased), under HC2, CR2, stata and cregg; difference_in_means with a block
//   and a cluster of weight 0.
// - poly-high-32: poly() of degree 3 to 5 (orthogonal, on a column of many ties), raw of degree 3 on x + 10, poly() by a
//   factor and by a treatment, with weights, clusters, missing outcomes (poly on every row) and cregg.
// - cregg-moderation-32: survey::svyglm (cregg) with weights and clusters of a treatment × moderator (factor and
//   numeric), moderation by a three-way cell.
// - p-adjust-32: p-values that are subnormal (5e-324, 1e-310), exactly 0 and 1 together, sums that just miss a tie
//   (0.1 + 0.2 beside 0.3), 200 equal values, one value with n = 1, every method.
// - power-32: power.t.test, pwr.t2n.test and power.prop.test at alpha 1e-15, 1e-12, 0.9 and 0.999, solved for power, n
//   and effect.
// - trial32-random: 30 drawn fits of these columns, weights, clusters and fixed effects (seed 32_100_002).
import type { SeType } from '../../../analysis/index.ts';
import { dim, fit, numbers, strings } from './case-builders.ts';
import type { DataSet, DimCase, FitCase, PAdjustCase, PowerCase, PowerPropCase } from './case-types.ts';
import { Draw, type Column } from './random-data.ts';

interface Built {
  data: DataSet[];
  cases: (FitCase | DimCase | PAdjustCase | PowerCase | PowerPropCase)[];
}

const SEED = 32_100_000;
const P_SEED = 32_100_001;
const RANDOM_SEED = 32_100_002;
const ID = 't32';
const ROWS = 600;

/**
 * 600 rows: cl (60 clusters of 10), bl (20 blocks of 30, 3 clusters each), fe (10 levels, e1…e10 cycling), fe2 (4, by
 * threes of rows, crossing fe);
 * z (0/1), zc (0/1 by cluster), zr (1 on 4 rows), zq (1 on rows 0, 1 and 11: clusters 1 and 2), zb (one treated row in
 * each of blocks 1–5, half the rows elsewhere); x (0.1–5), u, u2 (normal); xa…xf (x + 1e-2 … 1e-9 · u2, 12 decimals);
 * f3 (a/b/c), dn (f3 == "b" + 1e-6 · u2), s1, s2, s3 (s1 + s2 + s3 = 1 + 1e-8 · u2); xo3, xo4 (x + 1e3, x + 1e4);
 * m (lo/mid/hi), mfe (constant within fe); fl (f3, with "d" on two rows); fu (a/b/c); w (0.2–3), wz (w, 0 on the rows
 * of fz = "d", of cluster 7, of block 4 and of (f3 = "c", m = "hi")), fz (a/b/c and "d" on zero-weight rows only);
 * y, yna (NA on ~5 %), y6, y9, y12 (1e6, 1e9, 1e12 + y at 4, 4 and 2 decimals).
 */
function trialData(draw: Draw): Column[] {
  const rows = Array.from({ length: ROWS }, (_, i) => i);
  const cl = rows.map((i) => 1 + Math.floor(i / 10));
  const bl = rows.map((i) => 1 + Math.floor(i / 30));
  const fe = rows.map((i) => `e${1 + (i % 10)}`);
  // Not (7i) % 4: its parity is i's, which fe fixes, so ~ fe + fe2 were collinear (vlab refuses that in words).
  const fe2 = rows.map((i) => `g${1 + (Math.floor(i / 3) % 4)}`);
  const z = rows.map((i) => (i < 2 ? i : draw.chance(0.5) ? 1 : 0));
  const zcOf = Array.from({ length: 61 }, (_, c) => (c < 3 ? c % 2 : draw.chance(0.5) ? 1 : 0));
  const zc = cl.map((c) => zcOf[c]);
  const zr = rows.map((i) => ([17, 203, 388, 555].includes(i) ? 1 : 0));
  const zq = rows.map((i) => ([0, 1, 11].includes(i) ? 1 : 0));
  const zb = rows.map((i) => (bl[i] <= 5 ? (i % 30 === 7 ? 1 : 0) : draw.chance(0.5) ? 1 : 0));
  const x = rows.map(() => Number(draw.uniform(0.1, 5).toFixed(1)));
  const u = rows.map(() => Number(draw.normal().toFixed(2)));
  const u2 = rows.map(() => Number(draw.normal().toFixed(2)));
  const near = (scale: number) => rows.map((i) => Number((x[i] + scale * u2[i]).toFixed(12)));
  const f3 = rows.map((i) => ['a', 'b', 'c'][i < 3 ? i : draw.int(3)]);
  const dn = rows.map((i) => Number(((f3[i] === 'b' ? 1 : 0) + 1e-6 * u2[i]).toFixed(12)));
  const s1 = rows.map(() => Number(draw.uniform(0, 0.6).toFixed(2)));
  const s2 = rows.map((i) => Number(draw.uniform(0, 1 - s1[i]).toFixed(2)));
  const s3 = rows.map((i) => Number((1 - s1[i] - s2[i] + 1e-8 * u2[i]).toFixed(12)));
  const m = rows.map((i) => ['lo', 'mid', 'hi'][i < 3 ? i : draw.int(3)]);
  const mfeOf: Record<string, string> = { e1: 'lo', e2: 'lo', e3: 'mid', e4: 'hi', e5: 'mid', e6: 'lo', e7: 'hi', e8: 'hi', e9: 'mid', e10: 'lo' };
  const fl = rows.map((i) => ([100, 400].includes(i) ? 'd' : f3[i]));
  const fu = rows.map((i) => ['a', 'b', 'c'][i % 3]);
  const w = rows.map(() => Number(draw.uniform(0.2, 3).toFixed(3)));
  const fz = rows.map((i) => (i % 37 === 5 ? 'd' : f3[i]));
  const wz = w.map((v, i) => (fz[i] === 'd' || cl[i] === 7 || bl[i] === 4 || (f3[i] === 'c' && m[i] === 'hi') ? 0 : v));
  const mEffect: Record<string, number> = { lo: -0.2, mid: 0, hi: 0.3 };
  const fEffect: Record<string, number> = { a: 0, b: 0.4, c: -0.3 };
  const shock = Array.from({ length: 61 }, () => 0.4 * draw.normal());
  const y = rows.map((i) =>
    Number((1 + 0.3 * x[i] + 0.5 * z[i] + 0.4 * zc[i] + 0.8 * zr[i] + 0.6 * zq[i] + 0.3 * zb[i] + fEffect[f3[i]] + mEffect[m[i]] + 0.3 * z[i] * mEffect[m[i]] + 0.2 * u[i] + shock[cl[i]] + draw.normal()).toFixed(4)));
  const yna = y.map((v, i) => (i > 3 && draw.chance(0.05) ? null : v));
  return [
    numbers('id', rows.map((i) => i + 1), 0), numbers('cl', cl, 0), numbers('bl', bl, 0), strings('fe', fe), strings('fe2', fe2),
    numbers('z', z, 0), numbers('zc', zc, 0), numbers('zr', zr, 0), numbers('zq', zq, 0), numbers('zb', zb, 0),
    numbers('x', x, 1), numbers('u', u, 2), numbers('u2', u2, 2),
    numbers('xa', near(1e-2), 12), numbers('xb', near(1e-4), 12), numbers('xc', near(1e-6), 12), numbers('xd', near(1e-7), 12),
    numbers('xe', near(1e-8), 12), numbers('xf', near(1e-9), 12),
    strings('f3', f3), numbers('dn', dn, 12), numbers('s1', s1, 2), numbers('s2', s2, 2), numbers('s3', s3, 12),
    numbers('xo3', x.map((v) => v + 1e3), 1), numbers('xo4', x.map((v) => v + 1e4), 1),
    strings('m', m), strings('mfe', fe.map((e) => mfeOf[e])), strings('fl', fl), strings('fu', fu), strings('fz', fz),
    numbers('w', w, 3), numbers('wz', wz, 3),
    numbers('y', y, 4), numbers('yna', yna, 4),
    numbers('y6', y.map((v) => 1e6 + v), 4), numbers('y9', y.map((v) => 1e9 + v), 4), numbers('y12', y.map((v) => 1e12 + v), 2),
  ];
}

type Row = [string, string, SeType, Partial<FitCase>?];

const NEAR_COLLINEAR: Row[] = [
  ['1e-2', 'y ~ x + xa + z', 'HC2'],
  ['1e-4', 'y ~ x + xb + z', 'HC2'],
  ['1e-6', 'y ~ x + xc + z', 'HC2'],
  ['1e-7', 'y ~ x + xd + z', 'HC2'],
  ['1e-8', 'y ~ x + xe + z', 'HC2'],
  ['1e-6-classical', 'y ~ x + xc', 'classical'],
  ['1e-7-cr2', 'y ~ x + xd + z', 'CR2', { clusters: 'cl' }],
  ['1e-8-stata-weighted', 'y ~ x + xe + z', 'stata', { clusters: 'cl', weights: 'w' }],
  ['1e-4-cregg', 'y ~ x + xb + z', 'cregg', { clusters: 'cl' }],
  ['1e-8-cregg', 'y ~ x + xe + z', 'cregg', { clusters: 'cl' }],
  ['reversed-1e-7', 'y ~ xd + x + z', 'HC1'],
  ['dummy', 'y ~ f3 + dn + x', 'HC2'],
  ['dummy-cr2', 'y ~ dn + f3', 'CR2', { clusters: 'cl' }],
  ['shares', 'y ~ s1 + s2 + s3', 'HC2'],
  ['shares-no-intercept', 'y ~ 0 + s1 + s2 + s3', 'HC2'],
  ['shares-weighted', 'y ~ s1 + s2 + s3 + z', 'HC1', { weights: 'w' }],
  ['interaction-1e-6', 'y ~ x * z + xc:z', 'HC2'],
  ['fe-1e-7-hc1', 'y ~ x + xd + z', 'HC1', { fixed_effects: '~ fe', weights: 'w' }],
  ['fe-1e-6-cr0', 'y ~ x + xc + z', 'CR0', { fixed_effects: '~ fe', clusters: 'cl' }],
  ['fe-dummy-stata', 'y ~ f3 + dn + x', 'stata', { fixed_effects: '~ fe + fe2', clusters: 'cl', weights: 'w' }],
];

const HUGE_OFFSET: Row[] = [
  ['y6-hc2', 'y6 ~ x + z', 'HC2', { outcome_shift: 1e6 }],
  ['y9-classical', 'y9 ~ x + z + f3', 'classical', { outcome_shift: 1e9 }],
  ['y9-hc3', 'y9 ~ x * z', 'HC3', { outcome_shift: 1e9 }],
  ['y9-cr2', 'y9 ~ x + z', 'CR2', { clusters: 'cl', outcome_shift: 1e9 }],
  ['y9-cr2-weighted', 'y9 ~ x + zc + m', 'CR2', { clusters: 'cl', weights: 'w', outcome_shift: 1e9 }],
  ['y9-stata', 'y9 ~ x + z', 'stata', { clusters: 'cl', outcome_shift: 1e9 }],
  ['y9-fe', 'y9 ~ x + z', 'HC1', { fixed_effects: '~ fe', outcome_shift: 1e9 }],
  ['y12-hc2', 'y12 ~ x + z', 'HC2', { outcome_shift: 1e12 }],
  ['y12-cr0-weighted', 'y12 ~ x + z + f3', 'CR0', { clusters: 'cl', weights: 'w', outcome_shift: 1e12 }],
  ['y12-cr2', 'y12 ~ z', 'CR2', { clusters: 'cl', outcome_shift: 1e12 }],
  ['covariate-1e3-hc2', 'y ~ xo3 + z', 'HC2'],
  ['covariate-1e3-cr2', 'y ~ xo3 + z', 'CR2', { clusters: 'cl' }],
  ['covariate-1e4-classical', 'y ~ xo4 + z', 'classical'],
  ['covariate-1e4-hc1', 'y ~ xo4 * z', 'HC1', { weights: 'w' }],
  ['both-1e9-1e3', 'y9 ~ xo3 + z', 'HC2', { outcome_shift: 1e9 }],
  // The intercept aliased (xo3 and poly(x, 2)'s first column span it): the shift moves xo3 and poly's columns, not it.
  // Not y9 here: a shift of 1e9 times the rounding of those columns' fit of ones (~1e-16 · κ) leaves ~1e-7 on z in R's
  // reference and in vlab's fit of y9 alike, and z's p of 1.5e-12 magnifies it to 2.9e-6.
  ['aliased-intercept-cr0', 'y6 ~ xo3 + poly(x, 2) + f3', 'CR0', { clusters: 'cl', weights: 'w', outcome_shift: 1e6 }],
];

const UNBALANCED: Row[] = [
  ['rare-hc0', 'y ~ zr + x', 'HC0'],
  ['rare-hc1', 'y ~ zr + x', 'HC1'],
  ['rare-hc2', 'y ~ zr + x', 'HC2'],
  ['rare-hc3', 'y ~ zr + x', 'HC3'],
  ['rare-classical', 'y ~ zr * x', 'classical'],
  ['rare-cr2', 'y ~ zr + x', 'CR2', { clusters: 'cl' }],
  ['rare-cr2-weighted', 'y ~ zr + x + f3', 'CR2', { clusters: 'cl', weights: 'w' }],
  ['two-clusters-cr2', 'y ~ zq + x', 'CR2', { clusters: 'cl' }],
  ['two-clusters-cr0', 'y ~ zq + x', 'CR0', { clusters: 'cl' }],
  ['two-clusters-stata', 'y ~ zq', 'stata', { clusters: 'cl' }],
  ['level-of-two-hc2', 'y ~ fl + x', 'HC2'],
  ['level-of-two-hc3', 'y ~ fl * z', 'HC3'],
  ['level-of-two-cr2', 'y ~ fl + z', 'CR2', { clusters: 'cl' }],
  ['rare-fe', 'y ~ zr + x', 'HC2', { fixed_effects: '~ fe' }],
  ['rare-cregg', 'y ~ zr + x', 'cregg', { clusters: 'cl' }],
];

const FE_MODERATION: Row[] = [
  ['absorbed-moderator-hc1', 'y ~ z * mfe', 'HC1', { fixed_effects: '~ fe', weights: 'w' }],
  ['absorbed-moderator-cr0', 'y ~ z * mfe + x', 'CR0', { fixed_effects: '~ fe', weights: 'w', clusters: 'cl' }],
  ['absorbed-moderator-stata', 'y ~ z * mfe', 'stata', { fixed_effects: '~ fe', weights: 'w', clusters: 'cl' }],
  ['absorbed-moderator-cr2', 'y ~ z * mfe', 'CR2', { fixed_effects: '~ fe', clusters: 'cl' }],
  ['moderator-cr0', 'y ~ z * m', 'CR0', { fixed_effects: '~ fe', weights: 'w', clusters: 'cl' }],
  ['moderator-cr2', 'y ~ z * m + x', 'CR2', { fixed_effects: '~ fe', clusters: 'cl' }],
  ['numeric-moderator-stata', 'y ~ z * x', 'stata', { fixed_effects: '~ fe + fe2', weights: 'w', clusters: 'cl' }],
  ['numeric-moderator-hc2', 'y ~ z * x + u', 'HC2', { fixed_effects: '~ fe2', weights: 'w' }],
  ['cluster-treatment-cr0', 'y ~ zc * m', 'CR0', { fixed_effects: '~ fe', weights: 'w', clusters: 'cl' }],
  ['cluster-treatment-cr2', 'y ~ zc * x', 'CR2', { fixed_effects: '~ fe', clusters: 'cl' }],
  ['missing-outcome-stata', 'yna ~ z * m', 'stata', { fixed_effects: '~ fe', weights: 'w', clusters: 'cl' }],
  ['no-main-effect', 'y ~ z:m + x', 'HC1', { fixed_effects: '~ fe', weights: 'w' }],
];

const UNUSED_LEVELS: Row[] = [
  ['fe-declared', 'y ~ x + z', 'HC2', { fixed_effects: '~ fe2', levels: { fe2: ['g0', 'g1', 'g2', 'g3', 'g4', 'g9'] } }],
  ['fe-declared-cr0', 'y ~ x + z', 'CR0', { fixed_effects: '~ fe2', clusters: 'cl', weights: 'w', levels: { fe2: ['g4', 'g3', 'g2', 'g1', 'g5'] } }],
  ['interaction-cr2', 'y ~ z * fu', 'CR2', { clusters: 'cl', levels: { fu: ['a', 'b', 'c', 'd'] } }],
  ['interaction-cr2-weighted', 'y ~ z * fu + x', 'CR2', { clusters: 'cl', weights: 'w', levels: { fu: ['d', 'a', 'b', 'c'] } }],
  ['interaction-cregg', 'y ~ z * fu', 'cregg', { clusters: 'cl', levels: { fu: ['a', 'b', 'c', 'd'] } }],
  ['numeric-interaction-stata', 'y ~ x:fu + fu', 'stata', { clusters: 'cl', levels: { fu: ['c', 'zz', 'a', 'b'] } }],
  ['two-factors-classical', 'y ~ fu + m', 'classical', { levels: { fu: ['a', 'b', 'c', 'd'], m: ['lo', 'mid', 'hi', 'none'] } }],
];

const ZERO_WEIGHT: Row[] = [
  ['level-hc2', 'y ~ fz + x', 'HC2', { weights: 'wz' }],
  ['level-classical', 'y ~ fz + x', 'classical', { weights: 'wz' }],
  ['level-cr2', 'y ~ fz + x', 'CR2', { weights: 'wz', clusters: 'cl' }],
  ['level-stata', 'y ~ fz * z', 'stata', { weights: 'wz', clusters: 'cl' }],
  ['level-cregg', 'y ~ fz + x', 'cregg', { weights: 'wz', clusters: 'cl' }],
  ['cell-hc1', 'y ~ f3 * m', 'HC1', { weights: 'wz' }],
  ['cell-cr2', 'y ~ f3 * m', 'CR2', { weights: 'wz', clusters: 'cl' }],
  ['cluster-cr2', 'y ~ x + z', 'CR2', { weights: 'wz', clusters: 'cl' }],
  ['cluster-cr0', 'y ~ x + zc', 'CR0', { weights: 'wz', clusters: 'cl' }],
  ['level-fe-hc1', 'y ~ fz + x', 'HC1', { weights: 'wz', fixed_effects: '~ fe' }],
];

const POLY: Row[] = [
  ['degree-3', 'y ~ poly(x, 3) + z', 'HC2'],
  ['degree-5', 'y ~ poly(x, 5)', 'HC2'],
  ['degree-4-u', 'y ~ poly(u, 4) * z', 'HC1'],
  ['degree-3-cr2-weighted', 'y ~ poly(x, 3) + z', 'CR2', { clusters: 'cl', weights: 'w' }],
  ['degree-3-stata', 'y ~ poly(x, 3):f3 + f3', 'stata', { clusters: 'cl' }],
  ['raw-3-offset', 'y ~ poly(I(x + 10), 3, raw = TRUE) + z', 'HC2'],
  ['raw-3-offset-cr2', 'y ~ poly(I(x + 10), 3, raw = TRUE)', 'CR2', { clusters: 'cl' }],
  ['degree-3-missing-outcome', 'yna ~ poly(x, 3) + z', 'HC2'],
  ['degree-3-fe', 'y ~ poly(x, 3) + z', 'CR0', { fixed_effects: '~ fe', clusters: 'cl' }],
  ['degree-3-cregg', 'y ~ poly(x, 3) * z', 'cregg', { clusters: 'cl', weights: 'w' }],
  ['degree-2-u2', 'y ~ poly(u2, 2) + poly(x, 2)', 'classical'],
];

const CREGG_MODERATION: Row[] = [
  ['factor', 'y ~ z * m', 'cregg', { clusters: 'cl', weights: 'w' }],
  ['factor-covariate', 'y ~ z * m + x + f3', 'cregg', { clusters: 'cl', weights: 'w' }],
  ['numeric', 'y ~ z * x', 'cregg', { clusters: 'cl', weights: 'w' }],
  ['three-way', 'y ~ z * m * f3', 'cregg', { clusters: 'cl', weights: 'w' }],
  ['cluster-treatment', 'zc ~ m', 'cregg', { clusters: 'cl' }],
  ['cluster-treatment-moderated', 'y ~ zc * m', 'cregg', { clusters: 'cl', weights: 'w' }],
  ['missing-outcome', 'yna ~ z * m', 'cregg', { clusters: 'cl', weights: 'w' }],
  ['no-main-effects', 'y ~ z:m', 'cregg', { clusters: 'cl', weights: 'w' }],
  ['alpha-0.1', 'y ~ z * m', 'cregg', { clusters: 'cl', weights: 'w', alpha: 0.1 }],
];

/** difference_in_means of offset outcomes, unbalanced arms, unused levels and zero-weight blocks. */
function dimCases(): DimCase[] {
  const d = (group: DimCase['group'], name: string, extra: Partial<DimCase>) => dim(group, `${ID}-dim-${name}`, `${ID}-data`, extra);
  return [
    d('huge-offset-32', 'y9', { outcome: 'y9' }),
    d('huge-offset-32', 'y9-blocks', { outcome: 'y9', blocks: 'bl' }),
    d('huge-offset-32', 'y9-clusters', { outcome: 'y9', treatment: 'zc', clusters: 'cl', outcome_shift: 1e9 }),
    d('huge-offset-32', 'y12-weighted', { outcome: 'y12', weights: 'w', outcome_shift: 1e12 }),
    d('huge-offset-32', 'y12-blocks-clusters', { outcome: 'y12', treatment: 'zc', clusters: 'cl', blocks: 'bl', outcome_shift: 1e12 }),
    d('huge-offset-32', 'y6-pairs-like', { outcome: 'y6', blocks: 'fe' }),
    d('unbalanced-32', 'rare', { treatment: 'zr' }),
    d('unbalanced-32', 'rare-weighted', { treatment: 'zr', weights: 'w' }),
    d('unbalanced-32', 'rare-blocks', { treatment: 'zr', blocks: 'fe2' }),
    d('unbalanced-32', 'three-in-two-clusters', { treatment: 'zq', clusters: 'cl' }),
    d('unbalanced-32', 'one-treated-blocks', { treatment: 'zb', blocks: 'bl' }),
    d('unbalanced-32', 'one-treated-blocks-weighted', { treatment: 'zb', blocks: 'bl', weights: 'w' }),
    d('unused-levels-32', 'treatment-declared', { levels: { z: ['0', '1', '2'] } }),
    d('unused-levels-32', 'condition-unused', { levels: { z: ['0', '1', '2'] }, condition1: '0', condition2: '2' }),
    d('unused-levels-32', 'blocks-declared', { blocks: 'fe2', levels: { fe2: ['g1', 'g2', 'g3', 'g4', 'g7'] } }),
    d('zero-weight-levels-32', 'block-zero', { blocks: 'bl', weights: 'wz', refusal: 'each arm needs at least two units with a positive weight' }),
    d('zero-weight-levels-32', 'cluster-zero', { treatment: 'zc', clusters: 'cl', weights: 'wz' }),
    d('zero-weight-levels-32', 'blocks-clusters-zero', { treatment: 'zc', clusters: 'cl', blocks: 'bl', weights: 'wz' }),
  ];
}

/** Every method on subnormal p-values, 0 and 1 together, near-ties, 200 equal values and a single p with n = 1. */
function pAdjustCases(draw: Draw): PAdjustCase[] {
  const pa = (name: string, values: (number | null)[], method: PAdjustCase['method'], n?: number): PAdjustCase => ({
    kind: 'p_adjust', id: `${ID}-p-adjust-${name}`, group: 'p-adjust-32', p: values, method, ...(n === undefined ? {} : { n }),
  });
  const methods: PAdjustCase['method'][] = ['holm', 'hochberg', 'hommel', 'bonferroni', 'BH', 'BY'];
  const subnormal = [5e-324, 1e-310, 2.5e-308, 0, 1e-300, 0.04, 1];
  const zeroOne = [0, 1, 0, 1, 0.5, 1, 0, null, 0.02];
  const nearTies = [0.1 + 0.2, 0.3, 0.30000000000000004, 0.7 - 0.4, 0.05, 0.1 * 3, 0.15 + 0.15];
  const drawn = Array.from({ length: 40 }, () => draw.pick([0, 1, 0.05, 0.01, Number(draw.uniform().toFixed(3))]));
  return [
    ...methods.map((m) => pa(`subnormal-${m}`, subnormal, m)),
    ...methods.map((m) => pa(`zero-one-${m}`, zeroOne, m)),
    ...methods.map((m) => pa(`near-ties-${m}`, nearTies, m)),
    ...methods.map((m) => pa(`drawn-ties-${m}`, drawn, m)),
    pa('equal-200-hommel', Array.from({ length: 200 }, () => 0.04), 'hommel'),
    pa('equal-200-by', Array.from({ length: 200 }, () => 0.04), 'BY'),
    pa('single-n-1-hommel', [0.03], 'hommel', 1),
    pa('single-n-1-by', [0.03], 'BY', 1),
    pa('subnormal-n-1000-hommel', subnormal, 'hommel', 1000),
  ];
}

type PowerInput = Omit<PowerCase, 'kind' | 'id' | 'group' | 'sd'> & { sd?: number };
const power = (name: string, input: PowerInput): PowerCase => ({ kind: 'power', id: `${ID}-power-${name}`, group: 'power-32', sd: 1, ...input });
type PropInput = Omit<PowerPropCase, 'kind' | 'id' | 'group'>;
const prop = (name: string, input: PropInput): PowerPropCase => ({ kind: 'power_prop', id: `${ID}-power-prop-${name}`, group: 'power-32', ...input });

const POWER: (PowerCase | PowerPropCase)[] = [
  power('alpha-1e-15-power', { solve: 'power', effect: 1, n: 60, alpha: 1e-15, strict: false }),
  power('alpha-1e-15-n', { solve: 'n', effect: 0.5, power: 0.8, alpha: 1e-15, strict: false }),
  power('alpha-1e-12-effect', { solve: 'effect', n: 200, power: 0.9, alpha: 1e-12, strict: false }),
  power('alpha-1e-12-one-sample-n', { solve: 'n', effect: 0.3, power: 0.9, alpha: 1e-12, type: 'one.sample', strict: false }),
  power('alpha-0.9-power', { solve: 'power', effect: 0.2, n: 20, alpha: 0.9, strict: false }),
  power('alpha-0.9-strict-power', { solve: 'power', effect: 0.2, n: 20, alpha: 0.9, strict: true }),
  power('alpha-0.999-power', { solve: 'power', effect: 0.1, n: 10, alpha: 0.999, strict: true }),
  power('alpha-0.9-one-sided-n', { solve: 'n', effect: 0.2, power: 0.95, alpha: 0.9, alternative: 'one.sided', strict: false }),
  power('t2n-alpha-1e-12-power', { solve: 'power', effect: 1, n: 80, n2: 40, alpha: 1e-12 }),
  power('t2n-alpha-1e-12-n2', { solve: 'n2', effect: 1, n: 80, n2: 'solve', power: 0.8, alpha: 1e-12 }),
  power('t2n-alpha-0.9-power', { solve: 'power', effect: 0.1, n: 15, n2: 30, alpha: 0.9 }),
  prop('alpha-1e-15-power', { solve: 'power', n: 500, p1: 0.3, p2: 0.5, alpha: 1e-15 }),
  prop('alpha-1e-12-n', { solve: 'n', p1: 0.3, p2: 0.4, power: 0.8, alpha: 1e-12 }),
  prop('alpha-0.9-power', { solve: 'power', n: 50, p1: 0.3, p2: 0.35, alpha: 0.9, strict: true }),
  prop('alpha-0.999-n', { solve: 'n', p1: 0.3, p2: 0.4, power: 0.9995, alpha: 0.999 }),
];

/** Nearly collinear columns: estimatr's SEs lose κ(X)²·ε (NaN at κ ≈ 1e9); R's reference is the fit on Q (q-reference.R). */
const Q_REFERENCE: Pick<FitCase, 'note' | 'q_reference'> = {
  note: 'nearly collinear columns: estimatr\'s SEs (not its estimates) lose digits, up to NaN, and its CR2 df go to 1; R on the orthonormal Q of X = QR is the reference',
  q_reference: true,
};

/** The stored cases of the thirty-second trial. */
export function trial32Designs(): Built {
  const data = `${ID}-data`;
  const fits = (group: FitCase['group'], prefix: string, list: Row[]) =>
    list.map(([name, formula, se, extra]) => fit(group, `${ID}-${prefix}-${name}`, data, formula, se, extra));
  return {
    data: [{ id: data, columns: trialData(new Draw(SEED)) }],
    cases: [
      ...fits('near-collinear-32', 'near', NEAR_COLLINEAR).map((c) => ({ ...c, ...Q_REFERENCE })),
      ...fits('huge-offset-32', 'offset', HUGE_OFFSET),
      ...fits('unbalanced-32', 'unbalanced', UNBALANCED),
      ...fits('fe-moderation-32', 'fe-mod', FE_MODERATION),
      ...fits('unused-levels-32', 'unused', UNUSED_LEVELS),
      ...fits('zero-weight-levels-32', 'zero-weight', ZERO_WEIGHT),
      ...fits('poly-high-32', 'poly', POLY),
      ...fits('cregg-moderation-32', 'cregg-mod', CREGG_MODERATION),
      ...dimCases(),
      ...pAdjustCases(new Draw(P_SEED)),
      ...POWER,
      ...drawnCases(new Draw(RANDOM_SEED), 30),
    ],
  };
}

/**
 * `count` drawn fits mixing the classes above (seed 32_100_002): an outcome (plain, with NA, offset by 1e9 with R's
 * shift), two to four terms, weights (plain, with zeros, or none), an se type with clusters, fixed effects on some
 * (never with weighted CR2, which estimatr refuses, nor with cregg).
 */
function drawnCases(draw: Draw, count: number): FitCase[] {
  const outcomes = ['y', 'yna', 'y9'];
  // Not xc, dn or xo3: beside x, f3/fl and the intercept they are nearly collinear, which near-collinear-32 holds with R's
  // reference on Q; drawn with fixed effects or weighted CR2 (no such reference) estimatr's SEs were 2e-6 to 22 % off.
  const terms = ['x', 'z', 'zc', 'zr', 'f3', 'm', 'fl', 'u', 'z:m', 'x:z', 'poly(x, 3)', 'fu', 'fz', 'u2', 'x:m'];
  const weights = [undefined, undefined, 'w', 'wz'];
  const types: SeType[] = ['classical', 'HC0', 'HC1', 'HC2', 'HC3', 'CR0', 'stata', 'CR2', 'cregg'];
  return Array.from({ length: count }, (_, k) => {
    const drawn = draw.pick(outcomes);
    const rhs = draw.shuffle(terms).slice(0, 2 + draw.int(3)).join(' + ');
    const se = draw.pick(types);
    const w = draw.pick(weights);
    const clustered = se.startsWith('CR') || se === 'stata' || se === 'cregg';
    const fe = se !== 'cregg' && !(se === 'CR2' && w) && draw.chance(0.3) ? draw.pick(['~ fe', '~ fe2', '~ fe + fe2']) : undefined;
    // differential.R's cregg call has no outcome shift: cregg fits y in place of y9.
    const outcome = drawn === 'y9' && se === 'cregg' ? 'y' : drawn;
    const formula = `${outcome} ~ ${rhs}`;
    const shift = outcome === 'y9' ? { outcome_shift: 1e9 } : {};
    const extra: Partial<FitCase> = { ...(w ? { weights: w } : {}), ...(clustered ? { clusters: 'cl' } : {}), ...(fe ? { fixed_effects: fe } : {}), ...shift };
    return fit('trial32-random', `${ID}-random-${k}`, `${ID}-data`, formula, se, extra);
  });
}
