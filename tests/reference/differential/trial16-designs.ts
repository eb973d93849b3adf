// The sixteenth R trial's classes (2026-12-04): what analysts type that vlab refused until this trial, against R.
// Every data set is drawn from a stated seed (Draw(seed), seeds 16_100_000 + k), fitted by R and stored in
// expected.json.gz (refit: write-inputs.ts, then differential.R).
// - fixed-effects-16: lm_robust(..., fixed_effects = ~ g) (lmRobust's fixedEffects) under classical and HC0–HC3,
//   unweighted and weighted; two fixed effects (~ g + h); a level of one row (leverage 1: HC2, HC3); a covariate
//   constant within g (estimatr aliases it); an interaction; `0 +`; NA in the fixed effect; alpha 0.1; y ~ 1 (R stops).
// - fe-clusters-16: fixed effects with clusters under CR0, stata and CR2: crossing the clusters, nested in them and equal
//   to them; weighted CR0 and stata; weighted CR2 (estimatr refuses: so must vlab); a one-row level and two fixed effects
//   under CR2; the covariate constant within g under CR2.
// - p-adjust-names-16: p.adjust's methods by R's abbreviations ("bonf", "b", "hoc", "hom", "hol", "f", "fd", "n") and
//   names R refuses ("B", "ho", "h", "", "bh", "Bonferroni": match.arg's error; vlab must refuse too).
// - power-sides-16: power.t.test(alternative = "one.sided") and type = "one.sample" / "paired" for power, n and delta,
//   a negative one-sided effect (power below alpha; solving n for it R's uniroot stops), strict with one side.
// - untried-combinations-16: option combinations no earlier trial produced: stata without clusters (estimatr's HC1),
//   cregg with weights and alpha 0.1, declared levels with weights and CR0, HC0 with clusters (refused), HC1 on `- 1`
//   weighted, CR2 with alpha 0.01 and an interaction of two factors.
import type { SeType } from '../../../analysis/index.ts';
import type { DataSet, FitCase, PAdjustCase, PowerCase } from './case-types.ts';
import { fit, numbers, strings } from './case-builders.ts';
import { Draw, type Column } from './random-data.ts';

const SEED = 16_100_000;
const HC: SeType[] = ['classical', 'HC0', 'HC1', 'HC2', 'HC3'];
const CR: SeType[] = ['CR0', 'stata', 'CR2'];

/**
 * n = 160 rows in 16 clusters of 10: outcome y, covariate x, treatment z, fixed effect g (6 levels, crossing the
 * clusters), gs (g with one row alone in level "solo"), gm (g with missing values), h (3 numeric codes), gn (8 levels,
 * each a union of two whole clusters: nested), xg (constant within g), f (a text factor), w (weights 0.3–3).
 */
function feData(draw: Draw): Column[] {
  const n = 160;
  const rows = Array.from({ length: n }, (_, i) => i);
  const cl = rows.map((i) => 1 + Math.floor(i / 10));
  const g = rows.map(() => `r${1 + draw.int(6)}`);
  const gs = g.map((v, i) => (i === 7 ? 'solo' : v));
  const gm = g.map((v) => (draw.chance(0.06) ? null : v));
  const h = rows.map(() => 1 + draw.int(3));
  const gn = cl.map((c) => `n${1 + (c % 8)}`);
  const effect = new Map(['r1', 'r2', 'r3', 'r4', 'r5', 'r6'].map((level, k) => [level, Number((0.4 * k - 1).toFixed(1))]));
  const xg = g.map((v) => (effect.get(v) as number) * 2 + 1);
  const x = rows.map(() => Number(draw.normal().toFixed(4)));
  const z = rows.map(() => (draw.chance(0.5) ? 1 : 0));
  const f = rows.map(() => draw.pick(['lo', 'mid', 'hi']));
  const w = rows.map(() => Number(draw.uniform(0.3, 3).toFixed(3)));
  const clusterShock = Array.from({ length: 17 }, () => 0.5 * draw.normal());
  const y = rows.map((i) => Number((0.5 * z[i] + 0.4 * x[i] + (effect.get(g[i]) as number) + 0.2 * h[i] + clusterShock[cl[i]] + draw.normal()).toFixed(5)));
  return [numbers('y', y, 5), numbers('x', x, 4), numbers('z', z, 0), strings('g', g), strings('gs', gs), strings('gm', gm), numbers('h', h, 0),
    strings('gn', gn), numbers('xg', xg, 1), strings('f', f), numbers('cl', cl, 0), numbers('w', w, 3)];
}

function fixedEffectCases(id: string): FitCase[] {
  const g = 'fixed-effects-16';
  const fe = (name: string, formula: string, se: SeType, extra: Partial<FitCase>) => fit(g, `t16-fe-${name}`, id, formula, se, extra);
  const cases = HC.flatMap((se) => [
    fe(`g-${se}`, 'y ~ x + z', se, { fixed_effects: '~ g' }),
    fe(`g-weighted-${se}`, 'y ~ x + z', se, { fixed_effects: '~ g', weights: 'w' }),
  ]);
  cases.push(
    fe('two-classical', 'y ~ x + z', 'classical', { fixed_effects: '~ g + h' }),
    fe('two-HC2', 'y ~ x + z + f', 'HC2', { fixed_effects: '~ g + h' }),
    fe('solo-HC1', 'y ~ x + z', 'HC1', { fixed_effects: '~ gs' }),
    fe('solo-HC2', 'y ~ x + z', 'HC2', { fixed_effects: '~ gs' }),
    fe('solo-HC3', 'y ~ x + z', 'HC3', { fixed_effects: '~ gs' }),
    fe('within-g-HC2', 'y ~ x + xg + z', 'HC2', { fixed_effects: '~ g' }),
    fe('interaction-HC1', 'y ~ x * z', 'HC1', { fixed_effects: '~ g' }),
    fe('no-intercept-HC2', 'y ~ 0 + x + z', 'HC2', { fixed_effects: '~ g' }),
    fe('missing-HC2', 'y ~ x + z', 'HC2', { fixed_effects: '~ gm' }),
    fe('alpha-10', 'y ~ x + z', 'HC2', { fixed_effects: '~ g', alpha: 0.1 }),
    // estimatr 1.0.0 stops ("length of 'dimnames' [2] not equal to array extent"); vlab refuses in words.
    fe('intercept-only', 'y ~ 1', 'HC2', { fixed_effects: '~ g' }),
  );
  return cases;
}

function clusteredFixedEffectCases(id: string): FitCase[] {
  const g = 'fe-clusters-16';
  const fe = (name: string, formula: string, se: SeType, extra: Partial<FitCase>) => fit(g, `t16-fecl-${name}`, id, formula, se, { clusters: 'cl', ...extra });
  const cases = CR.flatMap((se) => [
    fe(`crossed-${se}`, 'y ~ x + z', se, { fixed_effects: '~ g' }),
    fe(`nested-${se}`, 'y ~ x + z', se, { fixed_effects: '~ gn' }),
    fe(`equal-${se}`, 'y ~ x + z', se, { fixed_effects: '~ cl' }),
  ]);
  cases.push(
    fe('weighted-CR0', 'y ~ x + z', 'CR0', { fixed_effects: '~ g', weights: 'w' }),
    fe('weighted-stata', 'y ~ x + z + f', 'stata', { fixed_effects: '~ gn', weights: 'w' }),
    // estimatr: "Cannot use `fixed_effects` with weighted CR2 estimation at the moment".
    fe('weighted-CR2', 'y ~ x + z', 'CR2', { fixed_effects: '~ g', weights: 'w' }),
    fe('solo-CR2', 'y ~ x + z', 'CR2', { fixed_effects: '~ gs' }),
    fe('two-CR2', 'y ~ x + z', 'CR2', { fixed_effects: '~ g + h' }),
    fe('within-g-CR2', 'y ~ x + xg + z', 'CR2', { fixed_effects: '~ g' }),
  );
  return cases;
}

function pAdjustCases(): PAdjustCase[] {
  const draw = new Draw(SEED + 1);
  const p: (number | null)[] = Array.from({ length: 8 }, () => Number(draw.uniform(0, 0.2).toFixed(5)));
  p[3] = null;
  const names = ['bonf', 'b', 'hoc', 'hom', 'hol', 'f', 'fd', 'n', 'BY', 'B', 'ho', 'h', '', 'bh', 'Bonferroni'];
  return names.map((method) => ({ kind: 'p_adjust', id: `t16-p-adjust-${method === '' ? 'empty' : method}`, group: 'p-adjust-names-16', p, method }));
}

function powerCases(): PowerCase[] {
  const base = { kind: 'power', group: 'power-sides-16', sd: 1, alpha: 0.05, strict: false } as const;
  const one = { alternative: 'one.sided' } as const;
  return [
    { ...base, ...one, id: 't16-power-one-sided', solve: 'power', n: 40, effect: 0.45 },
    { ...base, ...one, id: 't16-power-one-sided-n', solve: 'n', effect: 0.3, power: 0.8 },
    { ...base, ...one, id: 't16-power-one-sided-delta', solve: 'effect', n: 120, power: 0.9, alpha: 0.01 },
    { ...base, ...one, id: 't16-power-one-sided-negative', solve: 'power', n: 40, effect: -0.2 },
    { ...base, ...one, id: 't16-power-one-sided-negative-n', solve: 'n', effect: -0.3, power: 0.8 },
    { ...base, ...one, id: 't16-power-one-sided-strict', solve: 'power', n: 25, effect: 0.35, strict: true },
    { ...base, id: 't16-power-one-sample', solve: 'power', n: 30, effect: 0.4, sd: 1.5, type: 'one.sample' },
    { ...base, id: 't16-power-one-sample-n', solve: 'n', effect: 0.25, power: 0.85, type: 'one.sample' },
    { ...base, id: 't16-power-one-sample-delta', solve: 'effect', n: 12, power: 0.8, type: 'one.sample' },
    { ...base, id: 't16-power-one-sample-small', solve: 'power', n: 3, effect: 2, type: 'one.sample' },
    { ...base, id: 't16-power-paired', solve: 'power', n: 20, effect: 0.5, sd: 0.8, type: 'paired', strict: true },
    { ...base, id: 't16-power-paired-n', solve: 'n', effect: 0.2, power: 0.9, type: 'paired' },
    { ...base, ...one, id: 't16-power-paired-one-sided-delta', solve: 'effect', n: 50, power: 0.8, type: 'paired' },
    { ...base, ...one, id: 't16-power-one-sample-one-sided-n', solve: 'n', effect: 0.6, sd: 2, power: 0.95, type: 'one.sample', alpha: 0.1 },
  ];
}

function untriedCases(id: string): FitCase[] {
  const g = 'untried-combinations-16';
  const levels = { f: ['mid', 'lo', 'hi'] };
  return [
    fit(g, 't16-stata-without-clusters', id, 'y ~ x + z + f', 'stata'),
    fit(g, 't16-stata-weighted-without-clusters', id, 'y ~ x * z', 'stata', { weights: 'w' }),
    fit(g, 't16-cregg-weighted-alpha-10', id, 'y ~ z * f + x', 'cregg', { clusters: 'cl', weights: 'w', alpha: 0.1 }),
    fit(g, 't16-levels-weighted-CR0', id, 'y ~ z + f', 'CR0', { clusters: 'cl', weights: 'w', levels }),
    fit(g, 't16-HC0-with-clusters', id, 'y ~ x + z', 'HC0', { clusters: 'cl' }),
    fit(g, 't16-HC1-minus-one-weighted', id, 'y ~ f + x - 1', 'HC1', { weights: 'w' }),
    fit(g, 't16-CR2-alpha-01-factors', id, 'y ~ f * g', 'CR2', { clusters: 'cl', alpha: 0.01 }),
    fit(g, 't16-HC3-levels-interaction', id, 'y ~ z * f', 'HC3', { levels }),
  ];
}

/** The sixteenth trial's stored cases. */
export function trial16Designs(): { data: DataSet[]; cases: (FitCase | PAdjustCase | PowerCase)[] } {
  const id = 't16-fe';
  const data: DataSet[] = [{ id, columns: feData(new Draw(SEED)) }];
  return { data, cases: [...fixedEffectCases(id), ...clusteredFixedEffectCases(id), ...pAdjustCases(), ...powerCases(), ...untriedCases(id)] };
}
