// The tenth R trial's classes (2026-12-04): the combinations the earlier trials drew one at a time, drawn together,
// and the edges a previous sweep found, each from a stated seed (Draw(seed), seeds 10_100_000 + k). What each stresses:
// - dim-constant-outcome: difference_in_means of an outcome that is one value (0, 0.7, −3.1), or one value per arm,
//   standard, weighted, clustered, blocked, block-clustered, matched pairs and multi-arm: R's SE is exactly 0 (its t,
//   p and interval as R derives them from 0) on Welch's route; on the weighted and clustered routes (a regression) R
//   prints rounding noise (SE 1e-16, p 0.01) and vlab refuses in words.
// - dim-design-grid: 24 drawn difference_in_means designs — blocks (2–8, uneven), clusters nested in blocks with
//   labels unique or reused in every block (c1 of
//   block 1 and c1 of block 2: R stops, so must vlab), weights, a three-arm text treatment with condition1/condition2 (either
//   or both named), missing values in outcome, treatment, blocks, clusters or weights, alpha 0.01–0.2.
// - dim-clusters-across-blocks: one cluster label in two blocks, with one arm or two: R stops ("All `clusters` must be contained within
//   `blocks`"), so must vlab.
// - odd-level-names: factor levels an export writes — spaces, commas, quotes, parentheses, "+", "-", ":", leading digits,
//   "(Intercept)", "TRUE", an empty-looking " ", and a treatment arm "Control (pure)" — as main effects, in
//   interactions with t and with a fixed effect, declared orders, under HC0–HC3, classical and CR0/stata/CR2.
// - tiny-samples: 4–9 rows (five data sets), one or two covariates, under every se type (HC2/HC3 near leverage 1; df 1–3), clustered
//   in 2–4 clusters, weighted.
// - fe-weights-clusters: fixed effects of 3–25 levels with weights, clusters (nested in or crossing the fixed effects)
//   and t × covariate interactions, the fixed effects' own dummies beside 0 +, under CR0, stata and CR2.
// - missing-everywhere: 5–25 % missing in the outcome, covariates, fixed effects, clusters and weights at once.
// - trial10-random: 80 formulas drawn from all of the above terms under every se type, clustered or not, weighted or
//   not, on five data sets of 30–400 rows.
// - p-adjust-missing: p.adjust of vectors with NA among them (n counts the non-missing), ties, 0 and 1, under every
//   method; a vector all NA but one.
import type { DataSet, DimCase, FitCase, PAdjustCase } from './case-types.ts';
import { dim, fit, numbers, strings } from './case-builders.ts';
import { clusterIds, Draw, withMissing, type Column } from './random-data.ts';
import { P_ADJUST_METHODS, type SeType } from '../../../analysis/index.ts';

interface Built {
  data: DataSet[];
  cases: (FitCase | DimCase | PAdjustCase)[];
}

const SEED = 10_100_000;
const HC: SeType[] = ['HC0', 'HC1', 'HC2', 'HC3', 'classical'];
const CR: SeType[] = ['CR0', 'stata', 'CR2'];

/** Cluster labels nested in blocks: each block's rows cut into `per` clusters, labelled by block or reused (“c1” in every block). */
function nestedClusters(draw: Draw, blocks: string[], per: () => number, unique: boolean): string[] {
  const out: string[] = new Array(blocks.length);
  for (const block of [...new Set(blocks)]) {
    const rows = blocks.flatMap((b, i) => (b === block ? [i] : []));
    const count = Math.min(per(), rows.length);
    const ids = clusterIds(draw, rows.length, count, false) as number[];
    rows.forEach((row, k) => (out[row] = unique ? `${block}/c${ids[k]}` : `c${ids[k]}`));
  }
  return out;
}

/** Treatment assigned by cluster (so every cluster has one arm), both arms in every block with two clusters or more each. */
function clusterTreatment(draw: Draw, blocks: string[], clusters: string[], arms: string[]): string[] {
  const armOf = new Map<string, string>();
  for (const block of [...new Set(blocks)]) {
    const inBlock = draw.shuffle([...new Set(clusters.filter((_, i) => blocks[i] === block).map((c) => `${block}|${c}`))]);
    inBlock.forEach((key, k) => armOf.set(key, arms[k % arms.length]));
  }
  return clusters.map((c, i) => armOf.get(`${blocks[i]}|${c}`) as string);
}

const CONSTANTS = [0, 0.7, -3.1];

function dimConstantOutcome(): Built {
  const data: DataSet[] = [];
  const cases: DimCase[] = [];
  CONSTANTS.forEach((value, k) => {
    const draw = new Draw(SEED + k);
    const n = 48;
    const b = Array.from({ length: n }, (_, i) => `b${1 + (i % 4)}`);
    const cl = nestedClusters(draw, b, () => 4, true);
    const z = clusterTreatment(draw, b, cl, ['0', '1']);
    const arm = clusterTreatment(draw, b, cl, ['ctl', 'one', 'two']);
    const w = b.map(() => Number(draw.uniform(0.2, 3).toFixed(3)));
    const y = b.map(() => value);
    // One value per arm: the difference is exact and every arm's variance 0.
    const ystep = z.map((t) => (t === '1' ? value + 2.5 : value));
    const pair = b.map((_, i) => `p${Math.floor(i / 2)}`);
    const zpair = b.map((_, i) => String(i % 2));
    const id = `t10-constant-${k}`;
    data.push({ id, columns: [numbers('y', y, 2), numbers('ystep', ystep, 2), numbers('z', z.map(Number), 0), strings('arm', arm),
      strings('b', b), strings('cl', cl), numbers('w', w, 3), strings('pair', pair), numbers('zpair', zpair.map(Number), 0)] });
    const variants: [string, Partial<DimCase>][] = [
      ['standard', {}], ['weighted', { weights: 'w' }], ['clustered', { clusters: 'cl' }], ['clustered-weighted', { clusters: 'cl', weights: 'w' }],
      ['blocked', { blocks: 'b' }], ['blocked-weighted', { blocks: 'b', weights: 'w' }], ['block-clustered', { blocks: 'b', clusters: 'cl' }],
      ['block-clustered-weighted', { blocks: 'b', clusters: 'cl', weights: 'w' }], ['pairs', { blocks: 'pair', treatment: 'zpair' }],
      ['multi-arm', { treatment: 'arm', condition1: 'ctl', condition2: 'two' }], ['multi-arm-clustered', { treatment: 'arm', condition1: 'two', condition2: 'one', clusters: 'cl' }],
      ['step', { outcome: 'ystep' }], ['step-clustered', { outcome: 'ystep', clusters: 'cl' }], ['step-weighted', { outcome: 'ystep', weights: 'w' }],
      ['step-blocked', { outcome: 'ystep', blocks: 'b' }],
    ];
    for (const [name, extra] of variants) {
      // estimatr's regression routes (weights or clusters) print rounding noise for a variance 0 by construction.
      const refusal = extra.weights || extra.clusters ? { refusal: 'standard error is 0 by construction' } : {};
      cases.push(dim('dim-constant-outcome', `${id}-${name}`, id, { ...extra, ...refusal }));
    }
  });
  return { data, cases };
}

const ARM_NAMES = [['Control (pure)', 'Treat: info', 'Treat: info + cash'], ['0', '1', '2'], ['a', 'B', 'c d']];

/** One drawn difference_in_means design and its cases (three or four: the default comparison, and named conditions). */
function dimGridDesign(k: number): Built {
  const draw = new Draw(SEED + 100 + k);
  const nBlocks = draw.pick([0, 2, 3, 5, 8]);
  const clustered = draw.chance(0.5);
  const n = draw.pick([40, 80, 160, 300]);
  const b = Array.from({ length: n }, () => (nBlocks ? `blk ${1 + draw.int(nBlocks)}` : 'one'));
  const cl = nestedClusters(draw, b, () => 4 + draw.int(6), draw.chance(0.6));
  const arms = draw.pick(ARM_NAMES);
  const z = clustered ? clusterTreatment(draw, b, cl, arms) : b.map(() => draw.pick(arms));
  const effect = new Map(arms.map((arm, a) => [arm, 0.4 * a]));
  const w = z.map(() => Number(draw.uniform(0.1, 4).toFixed(3)));
  const rate = draw.pick([0, 0, 0.05]);
  const y = withMissing(draw, z.map((arm, i) => Number(((effect.get(arm) as number) + 0.2 * (b[i].length % 3) + draw.normal()).toFixed(4))), rate);
  const id = `t10-dim-grid-${k}`;
  const numericArms = arms[0] === '0';
  // z is numeric when its labels are numbers, as read.csv reads it.
  const columns: Column[] = [numbers('y', y, 4), numericArms ? numbers('z', z.map(Number), 0) : strings('z', withMissing(draw, z, rate / 2)), strings('b', withMissing(draw, b, rate / 4)),
    strings('cl', cl), numbers('w', withMissing(draw, w, rate / 2), 3)];
  const settings: Partial<DimCase> = { ...(nBlocks ? { blocks: 'b' } : {}), ...(clustered ? { clusters: 'cl' } : {}), ...(draw.chance(0.35) ? { weights: 'w' } : {}) };
  const alpha = draw.pick([0.05, 0.05, 0.01, 0.1, 0.2]);
  // Two of three arms with blocks and clusters: estimatr stops ("missing value where TRUE/FALSE needed": the clusters of
  // the arm left out stay as empty factor levels in check_clusters_blocks) where vlab answers as R does on the rows of the
  // two arms; so those designs compare two arms of z2 only.
  const threeArms = !(nBlocks && clustered);
  const cases: DimCase[] = [
    ...(threeArms ? [dim('dim-design-grid', `${id}-first-two`, id, { ...settings, alpha, condition1: arms[0], condition2: arms[1] }),
      dim('dim-design-grid', `${id}-last-vs-first`, id, { ...settings, alpha, condition1: arms[2], condition2: arms[0] })] : []),
    dim('dim-design-grid', `${id}-condition2-only`, id, { ...settings, treatment: 'z2', condition2: arms[1] }),
  ];
  // A two-arm column for the default comparison: the rows of the first two arms only.
  const z2 = z.map((arm) => (arm === arms[2] ? null : arm));
  columns.push(numericArms ? numbers('z2', z2.map((v) => (v === null ? null : Number(v))), 0) : strings('z2', z2));
  cases.push(dim('dim-design-grid', `${id}-two-arm`, id, { ...settings, treatment: 'z2' }));
  return { data: [{ id, columns }], cases };
}

function dimDesignGrid(): Built {
  const built = Array.from({ length: 24 }, (_, k) => dimGridDesign(k));
  return { data: built.flatMap((b) => b.data), cases: built.flatMap((b) => b.cases) };
}

/** Cluster labels reused across blocks (c1 in block 1 and in block 2): R stops; vlab must refuse. */
function dimClustersAcrossBlocks(): Built {
  const draw = new Draw(SEED + 200);
  const n = 60;
  const b = Array.from({ length: n }, (_, i) => `b${1 + Math.floor(i / 20)}`);
  const cl = b.map((_, i) => `c${1 + (Math.floor(i / 5) % 4)}`);
  // Same arm for a label in every block (the nesting is the only fault), and arms differing across blocks.
  const zSame = cl.map((c) => (Number(c.slice(1)) % 2 ? 1 : 0));
  const zMixed = cl.map((c, i) => ((Number(c.slice(1)) + Number(b[i].slice(1))) % 2 ? 1 : 0));
  const y = zSame.map((t) => Number((0.5 * t + draw.normal()).toFixed(4)));
  const id = 't10-clusters-across-blocks';
  const data: DataSet[] = [{ id, columns: [numbers('y', y, 4), numbers('z', zSame, 0), numbers('zm', zMixed, 0), strings('b', b), strings('cl', cl)] }];
  return {
    data,
    cases: [
      dim('dim-clusters-across-blocks', `${id}-same-arm`, id, { blocks: 'b', clusters: 'cl' }),
      dim('dim-clusters-across-blocks', `${id}-mixed-arms`, id, { blocks: 'b', clusters: 'cl', treatment: 'zm' }),
    ],
  };
}

const ODD_LEVELS = ['a b', 'x, y', 'say "hi"', '(Intercept)', 'TRUE', '1st', '-neg', 'a+b', 'p:q', ' ', 'Ünï', 'A_B.c'];

function oddLevelNames(): Built {
  const data: DataSet[] = [];
  const cases: FitCase[] = [];
  for (let k = 0; k < 4; k++) {
    const draw = new Draw(SEED + 300 + k);
    const n = draw.pick([80, 150, 240]);
    const pool = draw.shuffle(ODD_LEVELS).slice(0, 3 + draw.int(4));
    const f = Array.from({ length: n }, (_, i) => (i < pool.length ? pool[i] : draw.pick(pool)));
    const g = f.map(() => draw.pick(['Control (pure)', 'Treated: yes', 'Treated: no']));
    const t = f.map(() => (draw.chance(0.5) ? 1 : 0));
    const x = f.map(() => Number(draw.normal().toFixed(4)));
    const fe = f.map(() => `site ${1 + draw.int(6)}`);
    const cl = clusterIds(draw, n, 10 + draw.int(10), true) as string[];
    const w = f.map(() => Number(draw.uniform(0.5, 2).toFixed(3)));
    const effect = new Map(pool.map((level, j) => [level, 0.25 * j]));
    const y = f.map((level, i) => Number(((effect.get(level) as number) + 0.4 * t[i] + 0.3 * x[i] + draw.normal()).toFixed(5)));
    const id = `t10-odd-levels-${k}`;
    data.push({ id, columns: [numbers('y', y, 5), strings('f', f), strings('g', g), numbers('t', t, 0), numbers('x', x, 4), strings('fe', fe), strings('cl', cl), numbers('w', w, 3)] });
    const declared = { f: draw.shuffle(pool) };
    const formulas: [string, string, SeType, Partial<FitCase>][] = [
      ['main', 'y ~ f + x', HC[k % 5], {}],
      ['by-t', 'y ~ f * t', HC[(k + 1) % 5], {}],
      ['by-t-clustered', 'y ~ f * t + x', CR[k % 3], { clusters: 'cl' }],
      ['with-fe', 'y ~ f + g + fe', HC[(k + 2) % 5], { weights: 'w' }],
      ['f-by-g', 'y ~ f:g + t', 'HC1', {}],
      ['declared', 'y ~ f + t', 'CR2', { clusters: 'cl', levels: declared }],
      ['declared-by-x', 'y ~ f * x', HC[(k + 3) % 5], { levels: declared }],
      ['full-dummies', 'y ~ 0 + f + t', CR[(k + 1) % 3], { clusters: 'cl', weights: 'w' }],
      ['g-only', 'y ~ g', 'HC3', {}],
      ['relevel', `y ~ relevel(factor(g), ref = "Treated: no") + x`, 'HC2', {}],
    ];
    for (const [name, formula, se, extra] of formulas) cases.push(fit('odd-level-names', `${id}-${name}`, id, formula, se, extra));
  }
  return { data, cases };
}

function tinySamples(): Built {
  const data: DataSet[] = [];
  const cases: (FitCase | DimCase)[] = [];
  for (let k = 0; k < 5; k++) {
    const draw = new Draw(SEED + 400 + k);
    const n = 4 + draw.int(6);
    const x = Array.from({ length: n }, () => Number(draw.normal().toFixed(3)));
    const x2 = x.map(() => Number(draw.uniform(-1, 1).toFixed(3)));
    const t = x.map((_, i) => i % 2);
    const y = x.map((v, i) => Number((1 + v + 0.5 * t[i] + draw.normal()).toFixed(4)));
    const cl = x.map((_, i) => `k${i % (2 + (k % 3))}`);
    const w = x.map(() => Number(draw.uniform(0.5, 2).toFixed(2)));
    const id = `t10-tiny-${k}`;
    data.push({ id, columns: [numbers('y', y, 4), numbers('x', x, 3), numbers('x2', x2, 3), numbers('t', t, 0), strings('cl', cl), numbers('w', w, 2)] });
    for (const se of HC) cases.push(fit('tiny-samples', `${id}-${se}`, id, n > 5 ? 'y ~ x + t' : 'y ~ x', se));
    cases.push(fit('tiny-samples', `${id}-two-covariates-weighted`, id, n > 5 ? 'y ~ x + x2 + t' : 'y ~ x2', HC[k % 5], { weights: 'w' }));
    for (const se of CR) cases.push(fit('tiny-samples', `${id}-${se}-clustered`, id, 'y ~ x', se, { clusters: 'cl' }));
    cases.push(fit('tiny-samples', `${id}-CR2-weighted`, id, 'y ~ x', 'CR2', { clusters: 'cl', weights: 'w' }));
    cases.push(dim('tiny-samples', `${id}-dim`, id, { treatment: 't' }));
  }
  return { data, cases };
}

/** n rows for the fixed-effect, missing-value and random classes: outcomes, treatment, covariates, factors, clusters, weights. */
function analysisRows(draw: Draw, n: number, missing: number): Column[] {
  // Three rows or more a fixed-effect level: a level of one row has leverage 1, where HC2/HC3 differ from estimatr on
  // purpose (docs/analysis.md).
  const feCount = Math.min(draw.pick([3, 8, 25]), Math.floor(n / 6));
  const fe = Array.from({ length: n }, (_, i) => `fe${String(1 + (i < 3 * feCount ? i % feCount : draw.int(feCount))).padStart(2, '0')}`);
  const t = fe.map(() => (draw.chance(0.5) ? 1 : 0));
  const x = fe.map(() => Number(draw.normal().toFixed(4)));
  const x2 = fe.map(() => Number(draw.uniform(0, 10).toFixed(2)));
  const f = fe.map(() => draw.pick(['low', 'mid', 'high', 'top']));
  const g = fe.map(() => draw.pick(['north', 'south']));
  // Clusters nested in the fixed effects (fe01/k3) or crossing them.
  const nested = draw.chance(0.5);
  const crossing = clusterIds(draw, n, Math.max(3, Math.floor(n / 12)), true) as string[];
  const cl = nested ? fe.map((v) => `${v}/k${draw.int(3)}`) : crossing;
  const w = fe.map(() => Number(draw.uniform(0.2, 3).toFixed(3)));
  const feEffect = new Map(Array.from({ length: feCount }, (_, j) => [`fe${String(j + 1).padStart(2, '0')}`, draw.normal() * 0.5]));
  const y = fe.map((v, i) => Number(((feEffect.get(v) as number) + 0.5 * t[i] + 0.3 * x[i] * t[i] + 0.05 * x2[i] + (f[i] === 'top' ? 0.4 : 0) + draw.normal()).toFixed(5)));
  const yb = y.map((v) => (v > 0.5 ? 1 : 0));
  const m = <T>(values: T[], rate: number) => (missing ? withMissing(draw, values, rate) : values);
  return [numbers('y', m(y, missing), 5), numbers('yb', yb, 0), numbers('t', t, 0), numbers('x', m(x, missing), 4), numbers('x2', x2, 2), strings('f', m(f, missing / 2)),
    strings('g', g), strings('fe', m(fe, missing / 2)), strings('cl', m(cl, missing / 3)), numbers('w', m(w, missing / 3), 3)];
}

function feWeightsClusters(): Built {
  const data: DataSet[] = [];
  const cases: FitCase[] = [];
  for (let k = 0; k < 6; k++) {
    const draw = new Draw(SEED + 500 + k);
    const id = `t10-fe-${k}`;
    data.push({ id, columns: analysisRows(draw, draw.pick([120, 250, 400]), 0) });
    const formulas: [string, string, SeType, Partial<FitCase>][] = [
      ['fe-weighted-cr2', 'y ~ t + x + fe', 'CR2', { clusters: 'cl', weights: 'w' }],
      ['fe-by-t-cr0', 'y ~ t * x + fe', 'CR0', { clusters: 'cl' }],
      ['fe-stata-weighted', 'y ~ t + fe + f', 'stata', { clusters: 'cl', weights: 'w' }],
      ['fe-full-dummies', 'y ~ 0 + fe + t', 'CR2', { clusters: 'cl' }],
      ['fe-interacted', 'y ~ t * g + fe', HC[k % 5], { weights: 'w' }],
      ['fe-factor-t', 'y ~ factor(fe) + t:x', HC[(k + 2) % 5], {}],
      ['fe-binary', 'yb ~ t + fe', 'CR2', { clusters: 'cl' }],
      ['fe-x2-poly', 'y ~ t + poly(x2, 2) + fe', 'HC2', { weights: 'w' }],
    ];
    for (const [name, formula, se, extra] of formulas) cases.push(fit('fe-weights-clusters', `${id}-${name}`, id, formula, se, extra));
  }
  return { data, cases };
}

function missingEverywhere(): Built {
  const data: DataSet[] = [];
  const cases: (FitCase | DimCase)[] = [];
  for (let k = 0; k < 5; k++) {
    const draw = new Draw(SEED + 600 + k);
    const id = `t10-missing-${k}`;
    data.push({ id, columns: analysisRows(draw, 200, [0.05, 0.1, 0.15, 0.2, 0.25][k]) });
    const formulas: [string, string, SeType, Partial<FitCase>][] = [
      ['hc', 'y ~ t + x + f', HC[k], {}],
      ['weighted', 'y ~ t * x + f', HC[(k + 1) % 5], { weights: 'w' }],
      ['clustered', 'y ~ t + x + fe', CR[k % 3], { clusters: 'cl' }],
      ['clustered-weighted', 'y ~ t + f + g', 'CR2', { clusters: 'cl', weights: 'w' }],
      ['stata', 'y ~ t:f + x2', 'stata', { clusters: 'cl' }],
    ];
    for (const [name, formula, se, extra] of formulas) cases.push(fit('missing-everywhere', `${id}-${name}`, id, formula, se, extra));
    cases.push(dim('missing-everywhere', `${id}-dim`, id, { treatment: 't', weights: 'w' }));
    cases.push(dim('missing-everywhere', `${id}-dim-blocked`, id, { treatment: 't', blocks: 'g' }));
  }
  return { data, cases };
}

const RANDOM_TERMS = ['t', 'x', 'x2', 'f', 'g', 'fe', 't:x', 't * g', 'f:t', 'I(x^2)', 'log(x2 + 1)', 'factor(fe)', 'x:g', 'poly(x, 2)', 'relevel(factor(f), ref = "mid")'];

function trial10Random(): Built {
  const data: DataSet[] = [];
  for (let k = 0; k < 5; k++) {
    const draw = new Draw(SEED + 700 + k);
    data.push({ id: `t10-random-data-${k}`, columns: analysisRows(draw, [30, 60, 120, 250, 400][k], k === 2 ? 0.05 : 0) });
  }
  const draw = new Draw(SEED + 750);
  const cases: FitCase[] = [];
  for (let c = 0; c < 80; c++) {
    const terms = [...new Set(Array.from({ length: 1 + draw.int(3) }, () => draw.pick(RANDOM_TERMS)))];
    const clustered = draw.chance(0.5);
    const weighted = draw.chance(0.4);
    const se = clustered ? draw.pick(CR) : draw.pick(HC);
    const outcome = draw.chance(0.15) ? 'yb' : 'y';
    const formula = `${outcome} ~ ${draw.chance(0.1) ? '0 + ' : ''}${terms.join(' + ')}`;
    const extra: Partial<FitCase> = { ...(clustered ? { clusters: 'cl' } : {}), ...(weighted ? { weights: 'w' } : {}), alpha: draw.pick([0.05, 0.05, 0.1, 0.01]) };
    cases.push(fit('trial10-random', `t10-random-${c}`, `t10-random-data-${draw.int(5)}`, formula, se, extra));
  }
  return { data, cases };
}

function pAdjustMissing(): Built {
  const cases: PAdjustCase[] = [];
  const draw = new Draw(SEED + 800);
  for (let k = 0; k < 3; k++) {
    const n = 2 + draw.int(12);
    const p = Array.from({ length: n }, (): number | null => {
      if (draw.chance(0.25)) return null;
      if (draw.chance(0.1)) return draw.pick([0, 1, 0.05]);
      return Number(draw.uniform(0, 0.3).toFixed(draw.pick([2, 4, 6])));
    });
    for (const method of P_ADJUST_METHODS) cases.push({ kind: 'p_adjust', group: 'p-adjust-missing', id: `t10-p-adjust-${k}-${method}`, p, method });
  }
  for (const method of P_ADJUST_METHODS) cases.push({ kind: 'p_adjust', group: 'p-adjust-missing', id: `t10-p-adjust-one-left-${method}`, p: [null, 0.02, null], method });
  return { data: [], cases };
}

/** The tenth trial's stored cases (about 400). */
export function trial10Designs(): Built {
  const parts = [dimConstantOutcome(), dimDesignGrid(), dimClustersAcrossBlocks(), oddLevelNames(), tinySamples(), feWeightsClusters(), missingEverywhere(),
    trial10Random(), pAdjustMissing()];
  return { data: parts.flatMap((p) => p.data), cases: parts.flatMap((p) => p.cases) };
}
