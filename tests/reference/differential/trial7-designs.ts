// The seventh R trial's classes (2026-12-03): inputs the earlier groups and trials did not store, each drawn from a
// stated seed (Draw(seed), seeds 7_100_000 + k). What each class stresses:
// - dim-multi-arm: difference_in_means on a treatment of three or four arms (0/1/2, 1–4, or labels with spaces)
//   with condition1/condition2 in either order, unblocked, blocked, clustered, blocked and clustered, weighted, and
//   blocks of one unit an arm (matched pairs once two arms are kept); one condition only or none (R stops).
// - numeric-interactions: numeric × numeric (x:z, x*z*f), I(x^2):z, log(k):f, poly(x, 2):z, scale(x):z, no
//   intercept (0 + x:z, f*x - 1, 0 + f:x), terms removed from a cross, slopes by factor without main effects.
// - weights-zeros-se-types: weights with zeros (a whole cluster of zero weight in some draws) under classical, HC0,
//   HC1, HC3, CR0, stata and CR2 (HC2 was stored before).
// - mixed-scale: covariates at 1e8 and at 1e-8 in one model (and 1e4 with 1e-4), outcomes at 1e-8.
// - degenerate-columns: a constant column, an all-zero column, a duplicate placed first, an indicator equal to a
//   factor's dummy (before and after the factor), a constant with no intercept, and an all-NA column (R stops).
import type { DataSet, DimCase, FitCase, RakeCase } from './case-types.ts';
import { dim, fit, numbers, strings } from './case-builders.ts';
import { clusterIds, Draw, type Column } from './random-data.ts';

interface Built {
  data: DataSet[];
  cases: (FitCase | DimCase | RakeCase)[];
}

const SEED = 7_100_000;

type ArmDesign = 'standard' | 'blocked' | 'clustered' | 'block-clustered' | 'weighted' | 'weighted-blocked' | 'weighted-clustered' | 'triplets';
const ARM_DESIGNS: ArmDesign[] = ['standard', 'blocked', 'clustered', 'block-clustered', 'weighted', 'weighted-blocked', 'weighted-clustered', 'triplets'];
const ARM_SETS: string[][] = [['0', '1', '2'], ['1', '2', '3', '4'], ['control', 'low dose', 'high dose']];

/** Rows of a multi-arm design: blocks of clusters (or units), each cluster one arm, every arm in every block. */
function armRows(draw: Draw, design: ArmDesign, arms: string[]) {
  const clustered = design.includes('clustered');
  const blocks = design === 'triplets' ? 8 + draw.int(6) : design.includes('blocked') ? 2 + draw.int(4) : 1;
  const cols = { b: [] as string[], cl: [] as string[], z: [] as string[], y: [] as number[], w: [] as number[] };
  for (let b = 0; b < blocks; b++) {
    // Triplets: one unit of each of three arms a block; otherwise 2–4 clusters (or units ×3) an arm.
    const perArm = design === 'triplets' ? 1 : (clustered ? 2 : 3) + draw.int(3);
    const units = draw.shuffle(arms.flatMap((arm) => Array.from({ length: perArm }, () => arm)));
    const shift = draw.normal();
    units.forEach((arm, u) => {
      const effect = 0.5 * draw.normal();
      for (let r = clustered ? 1 + draw.int(5) : 1; r > 0; r--) {
        cols.b.push(`block ${b + 1}`);
        cols.cl.push(`b${b + 1}u${u + 1}`);
        cols.z.push(arm);
        cols.y.push(Number((shift + effect + 0.3 * arms.indexOf(arm) + draw.normal()).toFixed(4)));
        cols.w.push(draw.chance(0.1) ? 0 : Number(draw.uniform(0.3, 3).toFixed(3)));
      }
    });
  }
  return cols;
}

function multiArm(): Built {
  const data: DataSet[] = [];
  const cases: DimCase[] = [];
  ARM_DESIGNS.forEach((design, k) => {
    const draw = new Draw(SEED + k);
    const arms = ARM_SETS[k % ARM_SETS.length].slice(0, design === 'triplets' ? 3 : undefined);
    const c = armRows(draw, design, arms);
    const numeric = arms[0] !== 'control';
    const id = `t7-arms-${k}`;
    const z: Column = numeric ? numbers('z', c.z.map(Number), 0) : strings('z', c.z);
    data.push({ id, columns: [numbers('y', c.y, 4), z, strings('b', c.b), strings('cl', c.cl), numbers('w', c.w, 3)] });
    const extra = {
      ...(design.includes('blocked') || design === 'triplets' ? { blocks: 'b' } : {}),
      ...(design.includes('clustered') ? { clusters: 'cl' } : {}),
      ...(design.startsWith('weighted') ? { weights: 'w' } : {}),
      note: `${design}, ${c.y.length} rows, arms ${arms.join(' / ')}`,
    };
    const last = arms[arms.length - 1];
    cases.push(dim('dim-multi-arm', `${id}-first-last`, id, { ...extra, condition1: arms[0], condition2: last }));
    cases.push(dim('dim-multi-arm', `${id}-reversed`, id, { ...extra, condition1: arms[1], condition2: arms[0] }));
    cases.push(dim('dim-multi-arm', `${id}-middle-last`, id, { ...extra, condition1: arms[1], condition2: last, alpha: 0.1 }));
    // R: with more than two values, both conditions must be named (parse_conditions stops); vlab refuses too.
    if (k < 3) cases.push(dim('dim-multi-arm', `${id}-one-named`, id, { ...extra, condition2: last }));
    if (k < 3) cases.push(dim('dim-multi-arm', `${id}-none-named`, id, extra));
  });
  // Declared levels on a multi-arm treatment: with conditions named, and with a level left out (its rows NA, dropped),
  // where the first declared level present is the control (estimatr's levels(droplevels(t))).
  cases.push(dim('dim-multi-arm', 't7-arms-2-declared-conditions', 't7-arms-2', { clusters: 'cl', levels: { z: ['high dose', 'control', 'low dose'] }, condition1: 'control', condition2: 'high dose' }));
  cases.push(dim('dim-multi-arm', 't7-arms-2-declared-two', 't7-arms-2', { clusters: 'cl', levels: { z: ['high dose', 'control'] } }));
  // A block without one of the two arms compared (block 1 has no "low dose"): R stops, "Must have units with both
  // treatment conditions within each block"; so must vlab.
  const draw = new Draw(SEED + 50);
  const c = armRows(draw, 'blocked', ['control', 'low dose', 'high dose']);
  const keep = c.z.map((arm, i) => !(c.b[i] === 'block 1' && arm === 'low dose'));
  const pick = <T,>(values: T[]): T[] => values.filter((_, i) => keep[i]);
  const id = 't7-arms-missing-arm';
  data.push({ id, columns: [numbers('y', pick(c.y), 4), strings('z', pick(c.z)), strings('b', pick(c.b))] });
  cases.push(dim('dim-multi-arm', `${id}-blocked`, id, { blocks: 'b', condition1: 'control', condition2: 'low dose' }));
  cases.push(dim('dim-multi-arm', `${id}-other-pair`, id, { blocks: 'b', condition1: 'control', condition2: 'high dose' }));
  return { data, cases };
}

function numericInteractions(): Built {
  const data: DataSet[] = [];
  const cases: FitCase[] = [];
  const formulas: [string, string][] = [
    ['colon', 'y ~ x:z'],
    ['cross', 'y ~ x * z'],
    ['cross-factor', 'y ~ x * z * f'],
    ['square-by', 'y ~ I(x^2):z + x'],
    ['log-by-factor', 'y ~ log(k):f'],
    ['no-intercept-colon', 'y ~ 0 + x:z + f'],
    ['minus-one', 'y ~ f * x - 1'],
    ['numeric-no-intercept', 'y ~ x + z - 1'],
    ['poly-by', 'y ~ poly(x, 2):z'],
    ['cross-removed', 'y ~ (x + z + f)^2 - x:z'],
    ['slopes-only', 'y ~ x:f + z:f'],
    ['scale-by', 'y ~ scale(x):z + f'],
    ['zero-factor-slopes', 'y ~ 0 + f:x'],
  ];
  for (let k = 0; k < 3; k++) {
    const draw = new Draw(SEED + 100 + k);
    const n = draw.pick([50, 120, 400]);
    const x = Array.from({ length: n }, () => Number(draw.normal().toFixed(4)));
    const z = x.map(() => Number(draw.uniform(-2, 3).toFixed(4)));
    const kk = x.map(() => Number(draw.uniform(0.5, 20).toFixed(3)));
    const f = x.map(() => draw.pick(['alpha', 'beta', 'gamma']));
    const y = x.map((v, i) => 0.5 * v - 0.3 * z[i] + 0.4 * v * z[i] + (f[i] === 'beta' ? 0.5 : 0) + 0.02 * kk[i] + draw.normal());
    const cl = clusterIds(draw, n, draw.pick([6, 15, 30]), true) as string[];
    const w = x.map(() => Number(draw.uniform(0.2, 4).toFixed(3)));
    const id = `t7-numeric-${k}`;
    data.push({ id, columns: [numbers('y', y, 5), numbers('x', x, 4), numbers('z', z, 4), numbers('k', kk, 3), strings('f', f), strings('cl', cl), numbers('w', w, 3)] });
    for (const [name, formula] of formulas) {
      const options = k === 1 ? { clusters: 'cl' } : k === 2 ? { weights: 'w' } : {};
      cases.push(fit('numeric-interactions', `${id}-${name}`, id, formula, k === 1 ? 'CR2' : k === 2 ? 'HC1' : 'HC2', { ...options, note: `N ${n}` }));
    }
  }
  return { data, cases };
}

function weightsZeros(): Built {
  const data: DataSet[] = [];
  const cases: FitCase[] = [];
  for (let k = 0; k < 4; k++) {
    const draw = new Draw(SEED + 200 + k);
    const n = draw.pick([40, 80, 200]);
    const groups = draw.pick([5, 8, 16]);
    const cl = clusterIds(draw, n, groups, true) as string[];
    // Draws 2 and 3: every row of the first cluster weighs 0.
    const w = cl.map((c) => (k >= 2 && c === 'c001' ? 0 : draw.chance(0.15) ? 0 : Number(draw.uniform(0.2, 5).toFixed(3))));
    const f = cl.map(() => draw.pick(['a', 'b', 'c']));
    const x = cl.map(() => Number(draw.normal().toFixed(3)));
    const y = x.map((v, i) => 0.3 * v + (f[i] === 'b' ? 0.4 : 0) + draw.normal());
    const id = `t7-zero-weights-${k}`;
    data.push({ id, columns: [numbers('y', y, 4), strings('f', f), numbers('x', x, 3), strings('cl', cl), numbers('w', w, 3)] });
    const note = `N ${n}, ${groups} clusters${k >= 2 ? ', cluster c001 all zero weight' : ''}`;
    for (const se of ['classical', 'HC0', 'HC1', 'HC3'] as const) cases.push(fit('weights-zeros-se-types', `${id}-${se}`, id, 'y ~ f + x', se, { weights: 'w', note }));
    for (const se of ['CR0', 'stata', 'CR2'] as const) cases.push(fit('weights-zeros-se-types', `${id}-${se}`, id, 'y ~ f + x', se, { weights: 'w', clusters: 'cl', note }));
  }
  return { data, cases };
}

/**
 * Covariates at 1e8 and 1e-8 in one model (and at 1e4 and 1e-4). Next to the 1e8 column the 1e-8 one is below
 * the QR's rank threshold (its norm ratio is ~1e-16): estimatr aliases it, so must vlab; alone it is estimated.
 * (A covariate far from zero with little spread, 1e6 + N(0, 1), was drawn too: there estimatr's intercept SE is
 * off by 1e-4 to 1e-3 where vlab agrees with the orthonormal route, X = QR, to 1e-11 — the class of random-17's
 * cr2_reference and near-collinear.test.ts — so it is not stored.)
 */
function mixedScale(): Built {
  const data: DataSet[] = [];
  const cases: FitCase[] = [];
  for (let k = 0; k < 3; k++) {
    const draw = new Draw(SEED + 300 + k);
    const n = draw.pick([60, 150, 500]);
    const big = Array.from({ length: n }, () => draw.normal());
    const small = big.map(() => draw.normal());
    const g = big.map(() => draw.pick(['p', 'q']));
    const yScale = k === 2 ? 1e-8 : 1;
    const y = big.map((v, i) => yScale * (1 + 0.4 * v - 0.3 * small[i] + (g[i] === 'q' ? 0.3 : 0) + draw.normal()));
    const cl = clusterIds(draw, n, 12, true) as string[];
    const id = `t7-mixed-scale-${k}`;
    data.push({
      id,
      columns: [
        numbers('y', y, k === 2 ? 14 : 6), numbers('big', big.map((v) => v * 1e8), 0), numbers('small', small.map((v) => v * 1e-8), 14),
        numbers('mid', big.map((v) => v * 1e4), 2), numbers('tiny', small.map((v) => v * 1e-4), 10), strings('g', g), strings('cl', cl),
      ],
    });
    const note = `N ${n}, big ~ 1e8, small ~ 1e-8, mid ~ 1e4, tiny ~ 1e-4${k === 2 ? ', y ~ 1e-8' : ''}`;
    for (const se of ['classical', 'HC2', 'HC3'] as const) {
      cases.push(fit('mixed-scale', `${id}-${se}`, id, 'y ~ big + small + g', se, { note }));
      cases.push(fit('mixed-scale', `${id}-moderate-${se}`, id, 'y ~ mid + tiny + g', se, { note }));
    }
    for (const se of ['CR2', 'stata'] as const) {
      cases.push(fit('mixed-scale', `${id}-${se}`, id, 'y ~ big + small + g', se, { clusters: 'cl', note }));
      cases.push(fit('mixed-scale', `${id}-moderate-${se}`, id, 'y ~ mid * tiny + g', se, { clusters: 'cl', note }));
    }
    cases.push(fit('mixed-scale', `${id}-small-alone`, id, 'y ~ small + g', 'HC2', { note }));
    cases.push(fit('mixed-scale', `${id}-interaction`, id, 'y ~ big * small + g', 'HC2', { note }));
  }
  return { data, cases };
}

function degenerateColumns(): Built {
  const draw = new Draw(SEED + 400);
  const n = 90;
  const x = Array.from({ length: n }, () => Number(draw.normal().toFixed(3)));
  const f = x.map(() => draw.pick(['a', 'b', 'c']));
  const y = x.map((v, i) => 0.5 * v + (f[i] === 'b' ? 0.6 : 0) + draw.normal());
  const cl = clusterIds(draw, n, 10, true) as string[];
  const wDraw = x.map(() => Number(draw.uniform(0.3, 3).toFixed(3)));
  const id = 't7-degenerate';
  const columns: Column[] = [
    numbers('y', y, 4), numbers('x', x, 3), strings('f', f), strings('cl', cl),
    numbers('const', x.map(() => 5), 0), numbers('zero', x.map(() => 0), 0), numbers('dup', x, 3),
    numbers('isb', f.map((level) => (level === 'b' ? 1 : 0)), 0), numbers('miss', x.map(() => null), 0),
    numbers('w', wDraw, 3),
  ];
  const group = 'degenerate-columns';
  const cases: FitCase[] = [
    fit(group, `${id}-constant`, id, 'y ~ const + x', 'HC2'),
    fit(group, `${id}-constant-alone`, id, 'y ~ const', 'HC2'),
    fit(group, `${id}-zero`, id, 'y ~ x + zero + f', 'HC2'),
    fit(group, `${id}-duplicate-first`, id, 'y ~ dup + x + f', 'HC1'),
    fit(group, `${id}-dummy-after`, id, 'y ~ f + isb', 'HC2'),
    fit(group, `${id}-dummy-before`, id, 'y ~ isb + f + x', 'CR2', { clusters: 'cl' }),
    fit(group, `${id}-constant-no-intercept`, id, 'y ~ 0 + const + f', 'HC2'),
    fit(group, `${id}-constant-interaction`, id, 'y ~ x * const', 'stata', { clusters: 'cl' }),
    // Exact copies under other names: which one the pivoted QR keeps is a tie (equal norms) broken as Eigen breaks it.
    fit(group, `${id}-identity-copy`, id, 'y ~ I(x) + x + f', 'HC2'),
    fit(group, `${id}-scaled-copy`, id, 'y ~ f + x + I(2 * x)', 'HC3'),
    fit(group, `${id}-comparison-copy`, id, 'y ~ f + I(f == "b") + x', 'CR2', { clusters: 'cl' }),
    fit(group, `${id}-copies-everywhere`, id, 'y ~ dup + isb + I(x) + f + x', 'HC1'),
    // The cregg type is svyglm's fit: the last of a dependent set is aliased (in order), not estimatr's choice.
    fit(group, `${id}-cregg-dummy-after`, id, 'y ~ x + f + isb', 'cregg', { clusters: 'cl' }),
    fit(group, `${id}-cregg-dummy-before`, id, 'y ~ isb + x + f', 'cregg', { clusters: 'cl' }),
    fit(group, `${id}-cregg-copies-weighted`, id, 'y ~ dup + isb + f + x + I(2 * x)', 'cregg', { clusters: 'cl', weights: 'w' }),
    // R returns NA for every coefficient (no row is complete); vlab says so in words.
    fit(group, `${id}-all-missing`, id, 'y ~ x + miss', 'HC2', { refusal: 'no rows without missing values' }),
  ];
  return { data: [{ id, columns }], cases };
}

function formulaEdges(): Built {
  const draw = new Draw(SEED + 500);
  const n = 120;
  const x = Array.from({ length: n }, () => Number(draw.uniform(0.2, 3).toFixed(3)));
  const z = x.map(() => Number(draw.normal().toFixed(3)));
  const f = x.map(() => draw.pick(['b', 'a', 'c']));
  const g = x.map(() => draw.pick(['u', 'v']));
  const k = x.map(() => draw.pick([3, 1, 2]));
  const code = x.map(() => draw.pick(['01', '02', '10']));
  const flag = x.map(() => draw.chance(0.5));
  const always = x.map(() => true);
  const y = x.map((v, i) => 0.4 * v - 0.2 * z[i] + (f[i] === 'b' ? 0.5 : 0) + (g[i] === 'v' ? 0.2 : 0) + (flag[i] ? 0.3 : 0) + draw.normal());
  const w = x.map((_, i) => (f[i] === 'c' ? 0 : Number(draw.uniform(0.5, 2).toFixed(3))));
  const id = 't7-formula-edges';
  const columns: Column[] = [
    numbers('y', y, 4), numbers('x', x, 3), numbers('z', z, 3), strings('f', f), strings('g', g), numbers('k', k, 0), strings('code', code),
    { name: 'flag', kind: 'logical', values: flag }, { name: 'always', kind: 'logical', values: always }, numbers('w', w, 3),
  ];
  const formulas: [string, string][] = [
    ['repeated-term', 'y ~ x + x + f'],
    ['power-no-I', 'y ~ x^2 + z'],
    ['parenthesised', 'y ~ (x) + (f)'],
    ['nested-slopes', 'y ~ f/x'],
    ['nested-pair', 'y ~ (f + g)/x'],
    ['cross-minus-main', 'y ~ f * g - f'],
    ['poly-raw', 'y ~ poly(x, 3, raw = TRUE)'],
    ['poly-degree-named', 'y ~ poly(x, degree = 2) + g'],
    ['log-base', 'y ~ log(x, 2) + log10(x):g'],
    ['inverse', 'y ~ I(1/x) + I(x^-1):g'],
    ['shifted-square', 'y ~ I((x + 1)^2) + I(-z)'],
    ['factor-declared', 'y ~ factor(k, levels = c(3, 1, 2)) + x'],
    ['minus-self', 'y ~ x + z - x'],
    ['intercept-only', 'y ~ 1'],
    ['logical', 'y ~ flag * x'],
    ['logical-constant', 'y ~ always + x'],
    ['leading-zero-codes', 'y ~ code + x'],
    ['factor-of-codes', 'y ~ factor(code) + x'],
    ['relevel-position', 'y ~ relevel(factor(f), ref = 2) + x'],
    ['relevel-numeric-factor', 'y ~ relevel(factor(k), ref = "2") + x'],
    ['as-factor-slopes', 'y ~ as.factor(k):x'],
    ['factor-of-logical', 'y ~ factor(flag) + x'],
    ['logical-arithmetic', 'y ~ I(flag * x) + flag'],
    ['comparison-product', 'y ~ I(x * (f == "b")) + f'],
    ['logical-sum', 'y ~ I(flag + always) + x'],
    ['negated-comparison', 'y ~ I(!(x > 1)) + z'],
    ['negated-unparenthesised', 'y ~ I(!x > 1) + z'],
    ['negated-logical', 'y ~ !flag + x'],
    ['and', 'y ~ I(x > 1 & k == 2) + z'],
    ['or-label', 'y ~ I(x < 0.5 | f == "c") + z'],
    ['and-or', 'y ~ I(flag & x > 1 | k == 3) * z'],
    ['negated-number', 'y ~ I(!(k - 1)) + x'],
    ['scaled-outcome', 'I(y * 100) ~ x + f'],
    ['shifted-log-outcome', 'log(y + 10) ~ x'],
    ['standardised-outcome', 'scale(y) ~ x + g'],
    ['comparison-outcome', 'I(y > 1) ~ x + f'],
  ];
  const cases: FitCase[] = formulas.map(([name, formula]) => fit('formula-edges', `${id}-${name}`, id, formula, 'HC2'));
  // A factor level whose every row weighs 0: its column is 0 after √w scaling, aliased as estimatr aliases it.
  cases.push(fit('formula-edges', `${id}-zero-weight-level`, id, 'y ~ f + x', 'HC2', { weights: 'w' }));
  cases.push(fit('formula-edges', `${id}-zero-weight-level-interaction`, id, 'y ~ f * x + g', 'HC1', { weights: 'w' }));
  return { data: [{ id, columns }], cases };
}

/** Numbers as R reads and labels them: factor() of values R prints alike (15 digits), signs and exponents as text. */
function numberLabels(): Built {
  const draw = new Draw(SEED + 600);
  const n = 150;
  const k15 = Array.from({ length: n }, () => draw.pick([0.1, 0.2, 0.30000000000000004, 0.3]));
  const bigid = k15.map(() => draw.pick([1234567890123456, 1234567890123457, 2000000000000000]));
  const plus = k15.map(() => draw.pick(['+5', '-3', '2']));
  const sci = k15.map(() => draw.pick(['1e5', '2E-3', '7']));
  const x = k15.map(() => Number(draw.normal().toFixed(3)));
  const y = x.map((v, i) => v + (k15[i] > 0.25 ? 0.5 : 0) + (bigid[i] === 2e15 ? 0.3 : 0) + draw.normal());
  const id = 't7-number-labels';
  const columns: Column[] = [numbers('y', y, 4), numbers('x', x, 3), numbers('k15', k15, 17), numbers('bigid', bigid, 0), strings('plus', plus), strings('sci', sci)];
  const formulas: [string, string][] = [
    ['factor-15-digits', 'y ~ factor(k15) + x'],
    ['factor-long-ids', 'y ~ factor(bigid) + x'],
    ['numeric-long-ids', 'y ~ bigid + x'],
    ['signed-text', 'y ~ plus + x'],
    ['exponent-text', 'y ~ sci + x'],
    ['factor-exponent-text', 'y ~ factor(sci) + x'],
    ['factor-signed-text', 'y ~ factor(plus) * x'],
  ];
  return { data: [{ id, columns }], cases: formulas.map(([name, formula]) => fit('formula-edges', `${id}-${name}`, id, formula, 'HC2')) };
}

/**
 * survey::rake from base weights with zeros (a respondent of weight 0 stays 0), and where every respondent of one
 * level weighs 0 but the level has a population share (no weights can meet it: R divides by a zero total).
 */
function rakeZeroBase(): Built {
  const data: DataSet[] = [];
  const cases: RakeCase[] = [];
  for (let k = 0; k < 3; k++) {
    const draw = new Draw(SEED + 700 + k);
    const n = draw.pick([80, 300]);
    const sex = Array.from({ length: n }, () => draw.pick(['female', 'male']));
    const age = sex.map(() => draw.pick(['18-34', '35-54', '55+']));
    const w0 = age.map((a) => (k === 2 && a === '55+' ? 0 : draw.chance(0.15) ? 0 : Number(draw.uniform(0.5, 3).toFixed(3))));
    const id = `t7-rake-zero-base-${k}`;
    data.push({ id, columns: [strings('sex', sex), strings('age', age), numbers('w0', w0, 3)] });
    const margins = { sex: { female: 0.52, male: 0.48 }, age: { '18-34': 0.3, '35-54': 0.35, '55+': 0.35 } };
    const note = k === 2 ? 'every 55+ respondent weighs 0' : 'base weights with zeros';
    cases.push({ kind: 'rake', id, group: 'rake-zero-base', data: id, margins, base_weights: 'w0', note });
  }
  return { data, cases };
}

/** Every class design of the seventh trial with its cases. */
export function trial7Designs(): Built {
  const parts = [multiArm(), numericInteractions(), weightsZeros(), mixedScale(), degenerateColumns(), formulaEdges(), numberLabels(), rakeZeroBase()];
  return { data: parts.flatMap((p) => p.data), cases: parts.flatMap((p) => p.cases) };
}
