// The thirteenth R trial's classes (2026-12-04): inputs no earlier trial stored, each drawn from a stated seed
// (Draw(seed), seeds 13_100_000 + k), fitted by estimatr / stats / survey and stored in expected.json.gz (refit:
// write-inputs.ts, then differential.R). What each class stresses:
// - huge-outcome-lm: lm_robust of an outcome at 1e9 ± 1e-3 under every se type, weighted or not, with a factor, an
//   interaction and an ordered factor. R fits I(y - 1e9) (`outcome_shift`: exact there, every digit kept; its fit on y
//   loses up to 2e-4 of a slope) and moves the intercept back; without an intercept both fit y as it is.
// - wild-scales: covariates at 1e-7, 1 and 1e7 (and a factor) in one model, weighted, clustered, every se type.
// - one-row-level: a factor covariate with a level of one row (that row's leverage is 1), beside a level of two.
// - zero-weight-clusters: weights that are 0 on 70 % of rows, whole clusters of weight 0, under every se type.
// - missing-roles: a missing value in the outcome, in a covariate, in a weight or in a cluster id, on different rows,
//   each dropping its row (R's na.omit of the model frame), with the huge outcome's clusters of one row.
// - empty-cell-ordered: an interaction of a factor and an ordered factor with an empty cell, weighted and clustered.
// - p-adjust-13: ties at the smallest and largest p, 0 and 1 tied, 1e-300, ties with NA between them.
// - power-13 and rake-13: power.t.test at n = 2, at power just above alpha, and a huge effect; survey::rake with
//   margins of 1e-9 and 1e-12 shares beside ordinary ones, three margins, counts summing to 3e-6.
import { P_ADJUST_METHODS, type SeType } from '../../../analysis/index.ts';
import type { DataSet, FitCase, PAdjustCase, PowerCase, RakeCase } from './case-types.ts';
import { fit, numbers, strings } from './case-builders.ts';
import { clusterIds, Draw } from './random-data.ts';

interface Built {
  data: DataSet[];
  cases: (FitCase | PAdjustCase | PowerCase | RakeCase)[];
}

const SEED = 13_100_000;
const HC: SeType[] = ['classical', 'HC0', 'HC1', 'HC2', 'HC3'];
const CR: SeType[] = ['CR0', 'CR2', 'stata'];

function hugeOutcome(): Built {
  const id = 't13-huge';
  const draw = new Draw(SEED);
  const n = 120;
  const t = Array.from({ length: n }, () => (draw.chance(0.5) ? 1 : 0));
  const x = t.map(() => Number(draw.normal().toFixed(3)));
  const f = t.map((_, i) => ['a', 'b', 'c'][i < 3 ? i : draw.int(3)]);
  const k = t.map(() => String(1 + draw.int(4)));
  const w = t.map(() => Number(draw.uniform(0.2, 3).toFixed(3)));
  const cl = clusterIds(draw, n, 15, true) as string[];
  // 1e9 plus an effect in the fourth decimal; R reads each printed double exactly, and y − 1e9 is exact.
  const y = t.map((ti, i) => Number((1e9 + (0.3 * ti + 0.5 * x[i] + 0.2 * Number(f[i] === 'b') + draw.normal()) / 1000).toFixed(7)));
  const data: DataSet[] = [{ id, columns: [numbers('y', y, 7), numbers('t', t, 0), numbers('x', x, 3), strings('f', f), strings('k', k), numbers('w', w, 3), strings('cl', cl)] }];
  const shift = { outcome_shift: 1e9 };
  const cases: FitCase[] = [];
  for (const se of HC) {
    cases.push(fit('huge-outcome-lm', `t13-huge-${se}`, id, 'y ~ t + x', se, shift));
    cases.push(fit('huge-outcome-lm', `t13-huge-weighted-${se}`, id, 'y ~ t + x + f', se, { ...shift, weights: 'w' }));
  }
  for (const se of CR) {
    cases.push(fit('huge-outcome-lm', `t13-huge-clustered-${se}`, id, 'y ~ t + x', se, { ...shift, clusters: 'cl' }));
    cases.push(fit('huge-outcome-lm', `t13-huge-clustered-weighted-${se}`, id, 'y ~ t * f + x', se, { ...shift, clusters: 'cl', weights: 'w' }));
  }
  cases.push(fit('huge-outcome-lm', 't13-huge-ordered-HC2', id, 'y ~ ordered(k) + t', 'HC2', shift));
  cases.push(fit('huge-outcome-lm', 't13-huge-ordered-CR2', id, 'y ~ ordered(k) * t', 'CR2', { ...shift, clusters: 'cl', weights: 'w' }));
  cases.push(fit('huge-outcome-lm', 't13-huge-no-intercept-HC2', id, 'y ~ 0 + t + x', 'HC2'));
  cases.push(fit('huge-outcome-lm', 't13-huge-no-intercept-CR2', id, 'y ~ x - 1', 'CR2', { clusters: 'cl' }));
  return { data, cases };
}

/** The huge outcome's data with a missing value in each role on its own rows, and a cluster id per row. */
function missingRoles(): Built {
  const id = 't13-missing';
  const draw = new Draw(SEED + 500);
  const n = 80;
  const role = (i: number): string => ['y', 'x', 'w', 'cl', 'f'][i % 10] ?? '';
  const x = Array.from({ length: n }, (_, i) => (role(i) === 'x' ? null : Number(draw.normal().toFixed(3))));
  const t = x.map(() => (draw.chance(0.5) ? 1 : 0));
  const f = x.map((_, i) => (role(i) === 'f' ? null : draw.pick(['m', 'n'])));
  const w = x.map((_, i) => (role(i) === 'w' ? null : Number(draw.uniform(0.2, 3).toFixed(3))));
  const cl = x.map((_, i) => (role(i) === 'cl' ? null : `g${1 + Math.floor(i / 7)}`));
  const y = x.map((v, i) => (role(i) === 'y' ? null : Number((1e9 + (0.4 * t[i] + 0.5 * (v ?? 0) + draw.normal()) / 1000).toFixed(7))));
  const data: DataSet[] = [{ id, columns: [numbers('y', y, 7), numbers('x', x, 3), numbers('t', t, 0), strings('f', f), numbers('w', w, 3), strings('cl', cl),
    numbers('id', x.map((_, i) => i + 1), 0)] }];
  const shift = { outcome_shift: 1e9 };
  const settings: [string, string, SeType, Partial<FitCase>][] = [
    ['outcome-covariate-HC2', 'y ~ t + x', 'HC2', {}],
    ['factor-HC1', 'y ~ t + f', 'HC1', {}],
    ['weights-HC0', 'y ~ t + x + f', 'HC0', { weights: 'w' }],
    ['clusters-CR2', 'y ~ t + x', 'CR2', { clusters: 'cl' }],
    ['clusters-weights-CR2', 'y ~ t + x + f', 'CR2', { clusters: 'cl', weights: 'w' }],
    ['clusters-weights-stata', 'y ~ t * x', 'stata', { clusters: 'cl', weights: 'w' }],
    ['singleton-clusters-CR2', 'y ~ t + x', 'CR2', { clusters: 'id' }],
    ['singleton-clusters-weighted-CR0', 'y ~ t + f', 'CR0', { clusters: 'id', weights: 'w' }],
    ['classical-weighted', 'y ~ t + x', 'classical', { weights: 'w' }],
    ['HC3-interaction', 'y ~ t * f', 'HC3', {}],
  ];
  return { data, cases: settings.map(([name, formula, se, extra]) => fit('missing-roles', `t13-missing-${name}`, id, formula, se, { ...shift, ...extra })) };
}

function wildScales(): Built {
  const id = 't13-scales';
  const draw = new Draw(SEED + 100);
  const n = 90;
  const tiny = Array.from({ length: n }, () => Number((draw.normal() * 1e-7).toExponential(6)));
  const huge = tiny.map(() => Number((1e7 + draw.normal() * 3e6).toFixed(1)));
  const x = tiny.map(() => Number(draw.normal().toFixed(4)));
  const g = tiny.map((_, i) => ['lo', 'mid', 'hi'][i < 3 ? i : draw.int(3)]);
  const w = tiny.map(() => Number(draw.uniform(0.1, 4).toFixed(3)));
  const cl = clusterIds(draw, n, 12, false) as number[];
  const y = tiny.map((v, i) => Number((2e6 * v + 3e-7 * huge[i] + 0.5 * x[i] + draw.normal()).toFixed(5)));
  const data: DataSet[] = [{ id, columns: [numbers('y', y, 5), { name: 'tiny', kind: 'number', decimals: 13, values: tiny }, numbers('huge', huge, 1),
    numbers('x', x, 4), strings('g', g), numbers('w', w, 3), numbers('cl', cl, 0)] }];
  const cases: FitCase[] = HC.map((se) => fit('wild-scales', `t13-scales-${se}`, id, 'y ~ tiny + huge + x + g', se));
  for (const se of CR) cases.push(fit('wild-scales', `t13-scales-clustered-weighted-${se}`, id, 'y ~ tiny + huge + x + g', se, { clusters: 'cl', weights: 'w' }));
  cases.push(fit('wild-scales', 't13-scales-products-HC2', id, 'y ~ tiny * huge + x', 'HC2', { weights: 'w' }));
  cases.push(fit('wild-scales', 't13-scales-no-intercept-HC1', id, 'y ~ 0 + tiny + huge + g', 'HC1'));
  return { data, cases };
}

function oneRowLevel(): Built {
  const id = 't13-one-row';
  const draw = new Draw(SEED + 200);
  const n = 60;
  // Level "solo" on one row, "pair" on two, the rest on many; the solo row sits in a cluster with others.
  const g = Array.from({ length: n }, (_, i) => (i === 17 ? 'solo' : i === 5 || i === 40 ? 'pair' : draw.pick(['u', 'v', 'w'])));
  const x = g.map(() => Number(draw.normal().toFixed(4)));
  const t = g.map(() => (draw.chance(0.5) ? 1 : 0));
  const w = g.map(() => Number(draw.uniform(0.5, 2).toFixed(2)));
  const cl = g.map((_, i) => `k${Math.floor(i / 5)}`);
  const y = g.map((_, i) => Number((0.4 * t[i] + 0.3 * x[i] + draw.normal()).toFixed(5)));
  const data: DataSet[] = [{ id, columns: [numbers('y', y, 5), strings('g', g), numbers('x', x, 4), numbers('t', t, 0), numbers('w', w, 2), strings('cl', cl)] }];
  // Not HC3: the one row's residual and 1 − h are both rounding (4.6e-16 and 0 in R's lm), and HC3's e²/(1 − h)² is
  // then noise of order 1 in estimatr (an SE of 1.11 where HC0's is 0.24); vlab takes that row's weight as 0, a
  // deliberate difference (docs/analysis.md, tests/analysis/leverage-one.test.ts). HC2's e²/(1 − h) is noise × 1e-16.
  const cases: FitCase[] = [...HC.filter((se) => se !== 'HC3'), ...CR].map((se) => fit('one-row-level', `t13-one-row-${se}`, id, 'y ~ t + x + g', se, CR.includes(se) ? { clusters: 'cl' } : {}));
  cases.push(fit('one-row-level', 't13-one-row-weighted-HC1', id, 'y ~ t * x + g', 'HC1', { weights: 'w' }));
  cases.push(fit('one-row-level', 't13-one-row-weighted-CR2', id, 'y ~ t + g', 'CR2', { weights: 'w', clusters: 'cl' }));
  return { data, cases };
}

function zeroWeightClusters(): Built {
  const id = 't13-zero-weights';
  const draw = new Draw(SEED + 300);
  const n = 150;
  const cl = Array.from({ length: n }, (_, i) => 1 + Math.floor(i / 6));
  // Clusters 3, 7 and 11 weigh nothing at all; elsewhere 70 % of the weights are 0.
  const w = cl.map((c) => (c === 3 || c === 7 || c === 11 || draw.chance(0.7) ? 0 : Number(draw.uniform(0.2, 3).toFixed(3))));
  const t = cl.map(() => (draw.chance(0.5) ? 1 : 0));
  const x = cl.map(() => Number(draw.normal().toFixed(4)));
  const f = cl.map(() => draw.pick(['p', 'q', 'r']));
  const y = cl.map((c, i) => Number((0.5 * t[i] + 0.2 * x[i] + 0.1 * (c % 4) + draw.normal()).toFixed(5)));
  const data: DataSet[] = [{ id, columns: [numbers('y', y, 5), numbers('t', t, 0), numbers('x', x, 4), strings('f', f), numbers('w', w, 3), numbers('cl', cl, 0)] }];
  const cases: FitCase[] = HC.map((se) => fit('zero-weight-clusters', `t13-zero-weights-${se}`, id, 'y ~ t + x + f', se, { weights: 'w' }));
  for (const se of CR) {
    cases.push(fit('zero-weight-clusters', `t13-zero-weights-clustered-${se}`, id, 'y ~ t + x + f', se, { weights: 'w', clusters: 'cl' }));
    cases.push(fit('zero-weight-clusters', `t13-zero-weights-interaction-${se}`, id, 'y ~ t * f', se, { weights: 'w', clusters: 'cl' }));
  }
  return { data, cases };
}

function emptyCellOrdered(): Built {
  const id = 't13-empty-ordered';
  const draw = new Draw(SEED + 400);
  const n = 100;
  const a = Array.from({ length: n }, () => draw.pick(['x1', 'x2', 'x3']));
  // Likert 1–4 as an ordered factor; nobody with a = x3 answered 4: an empty cell of a × ordered(k).
  const k = a.map((level) => String(1 + draw.int(level === 'x3' ? 3 : 4)));
  const w = a.map(() => Number(draw.uniform(0.3, 2.5).toFixed(3)));
  const cl = clusterIds(draw, n, 14, true) as string[];
  const y = a.map((level, i) => Number((0.3 * Number(k[i]) + (level === 'x2' ? 0.5 : 0) + draw.normal()).toFixed(5)));
  const data: DataSet[] = [{ id, columns: [numbers('y', y, 5), strings('a', a), numbers('k', k.map(Number), 0), numbers('w', w, 3), strings('cl', cl)] }];
  const formulas: [string, string, SeType, Partial<FitCase>][] = [
    ['by-ordered-HC2', 'y ~ a * ordered(k)', 'HC2', {}],
    ['by-ordered-weighted-HC1', 'y ~ a * ordered(k)', 'HC1', { weights: 'w' }],
    ['by-ordered-CR2', 'y ~ a * ordered(k)', 'CR2', { clusters: 'cl', weights: 'w' }],
    ['cells-only-CR0', 'y ~ a:ordered(k)', 'CR0', { clusters: 'cl' }],
    ['no-intercept-HC3', 'y ~ 0 + a + a:ordered(k)', 'HC3', {}],
    ['factor-by-factor-stata', 'y ~ a * factor(k)', 'stata', { clusters: 'cl' }],
  ];
  return { data, cases: formulas.map(([name, formula, se, extra]) => fit('empty-cell-ordered', `t13-empty-ordered-${name}`, id, formula, se, extra)) };
}

function pAdjust13(): PAdjustCase[] {
  const vectors: [string, (number | null)[]][] = [
    ['ties-at-ends', [0.001, 0.001, 0.001, 0.2, 0.5, 0.9, 0.9, 0.9]],
    ['zero-one-tiny', [0, 0, 1, 1, 1e-300, 1e-300, 0.05, 0.05, 0.05]],
    ['ties-around-missing', [0.02, null, 0.02, null, 0.02, 0.3, null, 0.3]],
  ];
  return vectors.flatMap(([name, p]) => P_ADJUST_METHODS.map((method): PAdjustCase => ({ kind: 'p_adjust', id: `t13-p-adjust-${name}-${method}`, group: 'p-adjust-13', p, method })));
}

function power13(): PowerCase[] {
  const base = { kind: 'power' as const, group: 'power-13' as const, sd: 1, strict: false };
  return [
    { ...base, id: 't13-power-n-2', solve: 'power', effect: 1, n: 2, alpha: 0.05 },
    { ...base, id: 't13-power-n-2-strict', solve: 'power', effect: 0.3, n: 2, alpha: 0.05, strict: true },
    { ...base, id: 't13-power-n-just-above-alpha', solve: 'n', effect: 0.5, power: 0.06, alpha: 0.05 },
    { ...base, id: 't13-power-effect-n-2', solve: 'effect', n: 2, power: 0.8, alpha: 0.05, sd: 250 },
    { ...base, id: 't13-power-huge-effect', solve: 'power', effect: 40, n: 3, alpha: 0.01 },
    { ...base, id: 't13-power-n-tiny-effect', solve: 'n', effect: 1e-4, power: 0.8, alpha: 0.05 },
  ];
}

/** survey::rake on the empty-cell data: shares of 1e-9 and 1e-12 beside ordinary ones, three margins, counts of 3e-6. */
function rake13(): RakeCase[] {
  const data = 't13-empty-ordered';
  const rake = (name: string, margins: RakeCase['margins'], extra: Partial<RakeCase> = {}): RakeCase => ({ kind: 'rake', id: `t13-rake-${name}`, group: 'rake-13', data, margins, ...extra });
  return [
    rake('share-1e-9', { a: { x1: 1e-9, x2: 0.5, x3: 0.5 - 1e-9 } }),
    rake('share-1e-12-two-margins', { a: { x1: 0.3, x2: 0.3, x3: 0.4 }, k: { 1: 1e-12, 2: 0.3, 3: 0.3, 4: 0.4 - 1e-12 } }),
    rake('counts-3e-6', { a: { x1: 1e-6, x2: 1e-6, x3: 1e-6 }, cl: Object.fromEntries(Array.from({ length: 14 }, (_, c) => [`c${String(c + 1).padStart(3, '0')}`, 3e-6 / 14])) }),
    rake('tiny-from-base-weights', { a: { x1: 1e-8, x2: 0.6, x3: 0.4 - 1e-8 }, k: { 1: 0.25, 2: 0.25, 3: 0.25, 4: 0.25 } }, { base_weights: 'w' }),
  ];
}

export function trial13Designs(): Built {
  const parts = [hugeOutcome(), missingRoles(), wildScales(), oneRowLevel(), zeroWeightClusters(), emptyCellOrdered()];
  return { data: parts.flatMap((p) => p.data), cases: [...parts.flatMap((p) => p.cases), ...pAdjust13(), ...power13(), ...rake13()] };
}
