// The seventeenth R trial's classes (2026-12-05): an outside analyst's new designs, against R. Every data set is
// drawn from a stated seed (Draw(seed), seeds 17_100_000 + k), fitted by R and stored in expected.json.gz (refit:
// write-inputs.ts, then differential.R).
// - fe-edges-17: lm_robust(..., fixed_effects = ...) where the formula meets the fixed effects: the fixed effect's
//   column in the formula too (g, x * g, x:g), a factor whose dummies are in the span of g only together (f is "a"
//   exactly where g is "r1"), transformations (poly, I(x^2), log(x + 3), scale), declared levels of g, a logical and
//   a decimal fixed effect, zero weights and a level of g with weight 0 only, two nested fixed effects, a fixed effect
//   with one value left after the rows with a missing x are dropped, and what R makes of `~ g:g2`, `~ g * g2` and
//   `~ factor(h)`.
// - fe-random-17: 16 drawn fits (formula, fixed effects, se type, weights on some; seed 17_100_003).
// - fe-participants-17: a conjoint-style `fixed_effects = ~ pid` with 300 participants of 4 tasks each, with and
//   without clusters = pid (HC2, CR0, stata, CR2).
// - analyst-arms-17: arms named with spaces and signs ("Treatment B (new)") in difference_in_means with condition1 and
//   condition2, blocks, clusters and weights together; relevel() of such an arm, arm * x under CR2, log(x + 1) beside
//   poly(x, 3) weighted, a × b with an empty cell under stata and relevelled under HC3, fixed effects of blocks.
import type { SeType } from '../../../analysis/index.ts';
import type { DataSet, DimCase, FitCase } from './case-types.ts';
import { dim, drawnFixedEffectCases, fit, numbers, strings } from './case-builders.ts';
import { Draw, type Column } from './random-data.ts';

const SEED = 17_100_000;

/**
 * n = 240 rows in 24 clusters of 10: outcome y, covariates x (normal), xm (x with missing values exactly where go is
 * "other"), treatment z; fixed effect g (6 levels) and g2 (4 levels, crossing g), gsub (12 levels nested in g), f
 * ("a" exactly where g is "r1", else "b" or "c"), go ("only" except on the rows where xm is missing), gl (TRUE/FALSE),
 * gd (decimals 0.5, 1.25, 2), h (3 numeric codes), w (weights 0.3–3), w0 (w with zeros, and 0 on every row of g "r6"),
 * cl (clusters).
 */
function edgeData(draw: Draw): Column[] {
  const n = 240;
  const rows = Array.from({ length: n }, (_, i) => i);
  const cl = rows.map((i) => 1 + Math.floor(i / 10));
  const gk = rows.map(() => 1 + draw.int(6));
  const g = gk.map((k) => `r${k}`);
  const g2 = rows.map(() => `s${1 + draw.int(4)}`);
  const gsub = gk.map((k) => `r${k}${draw.chance(0.5) ? 'a' : 'b'}`);
  const f = gk.map((k) => (k === 1 ? 'a' : draw.pick(['b', 'c'])));
  const gl = rows.map(() => draw.chance(0.4));
  const gd = rows.map(() => draw.pick([0.5, 1.25, 2]));
  const h = rows.map(() => 1 + draw.int(3));
  const x = rows.map(() => Number(draw.normal().toFixed(4)));
  const missing = rows.map(() => draw.chance(0.05));
  const xm = x.map((v, i) => (missing[i] ? null : v));
  const go = missing.map((m) => (m ? 'other' : 'only'));
  const z = rows.map(() => (draw.chance(0.5) ? 1 : 0));
  const w = rows.map(() => Number(draw.uniform(0.3, 3).toFixed(3)));
  const w0 = w.map((v, i) => (gk[i] === 6 || draw.chance(0.1) ? 0 : v));
  const shock = Array.from({ length: 25 }, () => 0.5 * draw.normal());
  const y = rows.map((i) => Number((0.5 * z[i] + 0.4 * x[i] + 0.3 * gk[i] - 0.2 * h[i] + (gl[i] ? 0.3 : 0) + shock[cl[i]] + draw.normal()).toFixed(5)));
  return [numbers('y', y, 5), numbers('x', x, 4), numbers('xm', xm, 4), numbers('z', z, 0), strings('g', g), strings('g2', g2), strings('gsub', gsub),
    strings('f', f), strings('go', go), { name: 'gl', kind: 'logical', values: gl }, numbers('gd', gd, 2), numbers('h', h, 0), numbers('w', w, 3),
    numbers('w0', w0, 3), numbers('cl', cl, 0)];
}

/** 300 participants (pid) of 4 tasks each: outcome y, two attributes a (3 levels) and b (0/1), participant shocks. */
function participantData(draw: Draw): Column[] {
  const rows: { pid: number; a: string; b: number; y: number }[] = [];
  for (let pid = 1; pid <= 300; pid++) {
    const shock = draw.normal();
    for (let task = 0; task < 4; task++) {
      const a = draw.pick(['low', 'mid', 'high']);
      const b = draw.chance(0.5) ? 1 : 0;
      rows.push({ pid, a, b, y: Number((shock + (a === 'high' ? 0.4 : a === 'mid' ? 0.2 : 0) + 0.3 * b + draw.normal()).toFixed(5)) });
    }
  }
  return [numbers('y', rows.map((r) => r.y), 5), strings('a', rows.map((r) => r.a)), numbers('b', rows.map((r) => r.b), 0), numbers('pid', rows.map((r) => r.pid), 0)];
}

const SPAN = 'collinear with the fixed effects together';
const SPAN_NOTE = 'estimatr leaves out fc (x + f) or fb (f + x) as the rounding of its pivoted QR of the demeaned columns decides (fb + fc is constant within g)';
const NESTED = 'collinear with each other';
const NESTED_NOTE = 'estimatr with ~ g + gsub (gsub nested in g) counts g\'s levels again: classical df 221 where ~ gsub alone and + factor(g) + factor(gsub) give 226, HC2 SE of x 0.071608 where both give 0.071157';

function edgeCases(id: string): FitCase[] {
  const group = 'fe-edges-17';
  const fe = (name: string, formula: string, se: SeType, fixedEffects: string, extra: Partial<FitCase> = {}) =>
    fit(group, `t17-fe-${name}`, id, formula, se, { fixed_effects: fixedEffects, ...extra });
  return [
    fe('g-in-formula', 'y ~ x + g', 'HC2', '~ g'),
    fe('x-times-g', 'y ~ x * g', 'HC1', '~ g'),
    fe('x-by-g', 'y ~ z + x:g', 'HC2', '~ g'),
    // factor(g) in the formula too: estimatr prints its levels as NA (vlab left them out until the trial's last fix).
    fe('factor-g-in-formula', 'y ~ x + factor(g)', 'HC2', '~ g'),
    fe('factor-g-first-classical', 'y ~ factor(g) + x', 'classical', '~ g'),
    fe('f-span-together', 'y ~ x + f', 'HC2', '~ g', { declined: SPAN, note: SPAN_NOTE }),
    fe('f-span-together-CR2', 'y ~ x + z + f', 'CR2', '~ g', { clusters: 'cl', declined: SPAN, note: SPAN_NOTE }),
    fe('f-span-together-classical', 'y ~ f + x', 'classical', '~ g', { declined: SPAN, note: SPAN_NOTE }),
    fe('poly', 'y ~ poly(x, 2) + z', 'HC2', '~ g'),
    fe('squares-log', 'y ~ x + I(x^2) + log(x + 3)', 'HC3', '~ g'),
    fe('scale', 'y ~ scale(x) * z', 'HC2', '~ g2'),
    fe('levels', 'y ~ x + z', 'HC2', '~ g', { levels: { g: ['r3', 'r1', 'r2', 'r4', 'r5'] } }),
    fe('logical', 'y ~ x + z', 'HC2', '~ gl'),
    fe('decimal', 'y ~ x + z', 'HC1', '~ gd'),
    fe('decimal-and-g', 'y ~ x + z', 'CR0', '~ gd + g', { clusters: 'cl' }),
    // estimatr: NA for every estimate (a level of g weighs 0 in all); vlab refuses in words.
    fe('zero-weights', 'y ~ x + z', 'HC2', '~ g', { weights: 'w0', refusal: 'has no positive weight' }),
    fe('zero-weights-stata', 'y ~ x + z', 'stata', '~ g', { weights: 'w0', clusters: 'cl', refusal: 'has no positive weight' }),
    fe('nested-two', 'y ~ x + z', 'HC2', '~ g + gsub', { declined: NESTED, note: NESTED_NOTE }),
    fe('nested-two-CR2', 'y ~ x + z', 'CR2', '~ gsub + g', { clusters: 'cl', declined: NESTED, note: NESTED_NOTE }),
    fe('one-value-left', 'y ~ xm + z', 'HC2', '~ go'),
    fe('one-value-left-beside', 'y ~ xm + z', 'HC2', '~ g + go'),
    fe('interaction-colon', 'y ~ x + z', 'HC2', '~ g:g2'),
    fe('interaction-star', 'y ~ x + z', 'HC2', '~ g * g2'),
    fe('factor-call', 'y ~ x + z', 'HC2', '~ factor(h)'),
    fe('g-twice', 'y ~ x + z', 'HC2', '~ g + g'),
  ];
}

/** 16 drawn fixed-effects fits (Draw(SEED + 3)): a formula, fixed effects and se type each picked, weights on some. */
function randomFixedEffectCases(id: string): FitCase[] {
  const formulas = ['y ~ x + z', 'y ~ x * z', 'y ~ z + f', 'y ~ poly(x, 2) + gl', 'y ~ x + h', 'y ~ z * g2', 'y ~ log(abs(x) + 1) + z + gd', 'y ~ I(x > 0) + z'];
  const fixed = ['~ g', '~ g2', '~ h', '~ g + g2', '~ gd', '~ gsub', '~ g2 + h'];
  return drawnFixedEffectCases(new Draw(SEED + 3), 'fe-random-17', 't17-fe-random', id, 16, formulas, fixed);
}

function participantCases(id: string): FitCase[] {
  const group = 'fe-participants-17';
  const fe = (name: string, se: SeType, extra: Partial<FitCase> = {}) => fit(group, `t17-pid-${name}`, id, 'y ~ a + b', se, { fixed_effects: '~ pid', ...extra });
  return [fe('HC2', 'HC2'), fe('CR0', 'CR0', { clusters: 'pid' }), fe('stata', 'stata', { clusters: 'pid' }), fe('CR2', 'CR2', { clusters: 'pid' })];
}

/**
 * n = 180 rows in 30 clusters of 6 nested in 5 blocks ("Block 1" … with spaces): outcome y, a three-arm treatment arm
 * with spaces and signs in its labels, a 0/1 treatment z assigned by cluster, covariate x (≥ 0, some exactly 0),
 * weights w, and two factors a and b whose cell (a3, b2) is empty.
 */
function armData(draw: Draw): Column[] {
  const n = 180;
  const rows = Array.from({ length: n }, (_, i) => i);
  const cl = rows.map((i) => 1 + Math.floor(i / 6));
  const block = cl.map((c) => `Block ${1 + ((c - 1) % 5)}`);
  const arms = ['Control group', 'Treatment A', 'Treatment B (new)'];
  const arm = rows.map(() => draw.pick(arms));
  const clusterZ = Array.from({ length: 31 }, () => (draw.chance(0.5) ? 1 : 0));
  const z = cl.map((c) => clusterZ[c]);
  const x = rows.map(() => (draw.chance(0.15) ? 0 : Number(draw.uniform(0, 5).toFixed(3))));
  const w = rows.map(() => Number(draw.uniform(0.5, 2).toFixed(3)));
  const a = rows.map(() => draw.pick(['a1', 'a2', 'a3']));
  const b = a.map((v) => (v === 'a3' ? 'b1' : draw.pick(['b1', 'b2'])));
  const y = rows.map((i) => Number(((arm[i] === 'Treatment A' ? 0.4 : arm[i] === 'Control group' ? 0 : 0.7) + 0.5 * z[i] + 0.2 * x[i] + draw.normal()).toFixed(5)));
  return [numbers('y', y, 5), strings('arm', arm), numbers('z', z, 0), numbers('x', x, 3), numbers('w', w, 3), strings('a', a), strings('b', b),
    strings('block', block), numbers('cl', cl, 0)];
}

function armCases(id: string): (FitCase | DimCase)[] {
  const group = 'analyst-arms-17';
  const one = { condition1: 'Control group', condition2: 'Treatment B (new)' };
  return [
    dim(group, 't17-dim-spaces', id, { treatment: 'arm', ...one }),
    dim(group, 't17-dim-spaces-blocks', id, { treatment: 'arm', blocks: 'block', ...one }),
    dim(group, 't17-dim-spaces-weights', id, { treatment: 'arm', weights: 'w', condition1: 'Treatment A', condition2: 'Control group' }),
    dim(group, 't17-dim-spaces-condition2', id, { treatment: 'arm', blocks: 'block', weights: 'w', condition2: 'Treatment A', subset_conditions: true, condition1: 'Control group' }),
    dim(group, 't17-dim-blocks-clusters-weights', id, { blocks: 'block', clusters: 'cl', weights: 'w' }),
    dim(group, 't17-dim-clusters-weights-alpha', id, { clusters: 'cl', weights: 'w', alpha: 0.1 }),
    fit(group, 't17-relevel-arm', id, 'y ~ relevel(factor(arm), ref = "Treatment A") + x', 'HC2'),
    fit(group, 't17-arm-times-x-CR2', id, 'y ~ arm * x', 'CR2', { clusters: 'cl' }),
    fit(group, 't17-log1p-poly-weighted', id, 'y ~ log(x + 1) + poly(x, 3) + z', 'HC1', { weights: 'w' }),
    fit(group, 't17-empty-cell-stata', id, 'y ~ a * b + z', 'stata', { clusters: 'cl' }),
    fit(group, 't17-empty-cell-relevel-HC3', id, 'y ~ relevel(factor(a), ref = "a3") * b', 'HC3'),
    fit(group, 't17-arm-fe-block', id, 'y ~ arm + x', 'CR2', { clusters: 'cl', fixed_effects: '~ block' }),
    fit(group, 't17-z-fe-block-stata-weighted', id, 'y ~ z + x', 'stata', { clusters: 'cl', weights: 'w', fixed_effects: '~ block' }),
  ];
}

/** The seventeenth trial's stored cases. */
export function trial17Designs(): { data: DataSet[]; cases: (FitCase | DimCase)[] } {
  const edges = 't17-fe-edges';
  const participants = 't17-participants';
  const arms = 't17-arms';
  const data: DataSet[] = [{ id: edges, columns: edgeData(new Draw(SEED)) }, { id: participants, columns: participantData(new Draw(SEED + 1)) },
    { id: arms, columns: armData(new Draw(SEED + 2)) }];
  return { data, cases: [...edgeCases(edges), ...randomFixedEffectCases(edges), ...participantCases(participants), ...armCases(arms)] };
}
